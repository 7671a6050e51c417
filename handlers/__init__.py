"""Slack listeners, one module per surface; each module has `register(app)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import commands


def register_all(app: AsyncApp) -> None:
    commands.register(app)
