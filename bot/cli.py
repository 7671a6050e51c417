"""The `praktik` command: serve, socket, sandbox, db and the coordinators' offline tools."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when needed: `praktik match` starts without pydantic
    from bot.config import Settings


def _settings() -> Settings:
    from bot.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings()
    count = args.workers or settings.praktik_workers
    if count == 1:
        return _serve(settings, reuse_port=False)
    from models.db import is_sqlite_url

    if is_sqlite_url(settings.database_url):
        print(
            "Several serving processes need PostgreSQL (DATABASE_URL): "
            "SQLite takes one writer at a time.",
            file=sys.stderr,
        )
        return 2
    from bot import logs
    from bot.workers import supervise

    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
    )
    return supervise(count, serve_worker)


def serve_worker() -> None:
    """One of `praktik serve --workers N` (a spawned process: it reads the settings anew)."""
    from bot.workers import die_with_supervisor

    die_with_supervisor()
    raise SystemExit(_serve(_settings(), reuse_port=True))


def _serve(settings: Settings, *, reuse_port: bool) -> int:
    from aiohttp import web

    from bot import heap, jobs, logs
    from bot.app import build_app, build_web_app
    from bot.clock import SystemClock
    from bot.dispatch import Dispatcher
    from bot.service.rounds import expiry_job
    from models.db import Database

    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
    )
    db = Database(settings.database_url)
    if db.is_sqlite:
        db.upgrade()
    app = build_app(settings, SystemClock(), db)
    web_app = build_web_app(
        app, db, signing_secret=settings.slack_signing_secret.get_secret_value()
    )
    # Due DMs go out from every serving process; their claims keep each DM to one sender.
    expire = expiry_job(settings, db, SystemClock())
    jobs.attach(web_app, Dispatcher.from_settings(settings, db), expire=expire)
    heap.freeze_long_lived()
    web.run_app(
        web_app, port=settings.port, print=None, access_log=None, reuse_port=reuse_port or None
    )
    return 0


def cmd_socket(_args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot import heap, jobs, logs
    from bot.app import build_app
    from bot.clock import SystemClock
    from bot.dispatch import Dispatcher
    from bot.service.rounds import expiry_job
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
        expire = expiry_job(settings, db, SystemClock())
        job = jobs.DispatchJob(Dispatcher.from_settings(settings, db), expire=expire)
        heap.freeze_long_lived()
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


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo.command import main as run_demo

    return run_demo(args)


def cmd_export(args: argparse.Namespace) -> int:
    from bot.offline import run_export

    return run_export(args)


def cmd_import(args: argparse.Namespace) -> int:
    from bot.offline import run_import

    return run_import(args)


def cmd_match(args: argparse.Namespace) -> int:
    from bot.offline import run_match

    return run_match(args)


MATCH_HELP = "match sign-up lists (CSV) offline, without the database"


def _match_arguments(match: argparse.ArgumentParser) -> argparse.ArgumentParser:
    match.add_argument("--hosts", required=True, metavar="HOSTS.csv")
    match.add_argument("--interns", required=True, metavar="INTERNS.csv")
    match.add_argument("--mode", choices=["stabil", "flest"], default="stabil")
    match.add_argument("--json", action="store_true", help="print the result as JSON")
    match.add_argument("--weight", type=int, help="cross-sector weight 0-100 (default: 6)")
    match.add_argument("--progress", action="store_true", help="progress bar on stderr always")
    return match


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError("a whole number from 1 to 64")
    return int(text)


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

    serve = add("serve", cmd_serve, "run the app over HTTP (POST /slack/events, GET /healthz)")
    serve.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="serving processes on the one port, PostgreSQL only "
        "(default: PRAKTIK_WORKERS or 1; one per core is a good start)",
    )
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
    url_help = "database URL (default: DATABASE_URL or the SQLite file)"
    year_help = "season year (default: PRAKTIK_YEAR or the next week 37)"
    export = add("eksport", cmd_export, "placements and evaluations as CSV (Excel: BOM, ';')")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--year", type=int, help=year_help)
    export.add_argument("--url", help=url_help)
    imports = add("import", cmd_import, "load sign-up lists (CSV) of hosts and interns")
    imports.add_argument("--hosts", metavar="HOSTS.csv")
    imports.add_argument("--interns", metavar="INTERNS.csv")
    imports.add_argument("--year", type=int, help=year_help)
    imports.add_argument("--url", help=url_help)
    _match_arguments(add("match", cmd_match, MATCH_HELP))
    from bot.demo.command import add_arguments as demo_arguments

    demo_arguments(add("demo", cmd_demo, "a whole season in the sandbox, with its report"))
    from bot.outbox_cli import add_parser as add_outbox

    add_outbox(sub)
    from bot.report_cli import add_parser as add_report

    add_report(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["match"]:
        # Offline matching reads two files: skip the parsers (and imports) of the database
        # commands, which cost more start-up time than the matching itself at 10k x 5k.
        parser = _match_arguments(argparse.ArgumentParser(prog="praktik match"))
        return cmd_match(parser.parse_args(given[1:]))
    args = build_parser().parse_args(given)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
