"""The app factory bench/workers.py hands to gunicorn (aiohttp.GunicornWebWorker):
the same serving process as `praktik serve`, one per gunicorn worker."""

from __future__ import annotations

import os

from aiohttp import web

from bot.cli import _settings, serving_app


async def app() -> web.Application:
    settings = _settings()
    return serving_app(settings, processes=int(os.environ.get("PRAKTIK_WORKERS", "1")))
