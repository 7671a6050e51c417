"""The `praktik` command: serve, socket, sandbox, db and the coordinators' offline tools."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from bot.config import ConfigError, Settings, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(_args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot import jobs, logs
    from bot.app import build_app, build_web_app
    from bot.clock import SystemClock
    from bot.dispatch import Dispatcher
    from models.db import Database

    settings = _settings()
    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
    )
    db = Database(settings.database_url)
    if db.is_sqlite:
        db.upgrade()
    app = build_app(settings, SystemClock(), db)
    web_app = build_web_app(app, db)
    # Due DMs go out from every serving process; their claims keep each DM to one sender.
    jobs.attach(web_app, Dispatcher.from_settings(settings, db))
    web.run_app(web_app, port=settings.port, print=None, access_log=None)
    return 0


def cmd_socket(_args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot import jobs, logs
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.dispatch import Dispatcher
    from models.db import Database

    settings = _settings()
    if settings.slack_app_token is None:
        print(
            "Configuration error: SLACK_APP_TOKEN is missing (Socket Mode needs it)",
            file=sys.stderr,
        )
        return 2
    app_token = settings.slack_app_token.get_secret_value()
    logs.setup(settings.slack_bot_token.get_secret_value(), app_token)
    db = Database(settings.database_url)
    if db.is_sqlite:
        db.upgrade()
    app = build_app(settings, SystemClock(), db)
    handler = AsyncSocketModeHandler(app, app_token)

    async def run() -> None:
        job = jobs.DispatchJob(Dispatcher.from_settings(settings, db))
        job.start()
        try:
            await handler.start_async()  # type: ignore[no-untyped-call]
        finally:
            await job.stop()

    asyncio.run(run())
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    import os

    from bot.config import DEFAULT_DATABASE_URL
    from models.db import Database

    # Migrating needs only the database: do not insist on Slack tokens here.
    url = args.url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    Database(url).upgrade()
    print("Database is up to date.")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.console import run_sandbox

    return run_sandbox(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="praktik", description="Praktikbot – Innovationspraktikken"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        commands[name] = fn
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(run=fn)
        return p

    add("serve", cmd_serve, "run the app over HTTP (POST /slack/events, GET /healthz)")
    add("socket", cmd_socket, "run the app in Socket Mode (SLACK_APP_TOKEN)")
    sandbox = add("sandbox", cmd_sandbox, "the real app and a local Slack in a text console")
    sandbox.add_argument("--script", metavar="FILE", help="read the lines from FILE ('-': stdin)")
    sandbox.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file kept between runs, or a database URL; migrated on start "
        "(default: a fresh SQLite file in a temporary folder, deleted on exit)",
    )
    sandbox.add_argument("--year", type=int, help="season year (default: the next week 37)")
    sandbox.add_argument(
        "--now",
        metavar="'YYYY-MM-DD HH:MM'",
        help="start time, Copenhagen (default: first working day from 3 May of the season, 10:00)",
    )
    sandbox.add_argument("--strict", action="store_true", help="stop with exit 1 at a failed line")
    db = add("db", cmd_db, "database maintenance")
    db.add_argument("action", choices=["upgrade"])
    db.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    from bot.outbox_cli import add_parser as add_outbox

    add_outbox(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
