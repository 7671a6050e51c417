"""The `praktik` command: serve, socket, sandbox, db and the coordinators' offline tools."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.demo.arguments import add_arguments as demo_arguments
from bot.entry import argparse_da
from bot.entry.cli_tools import (
    cmd_audit,
    cmd_export,
    cmd_import,
    cmd_match,
    cmd_outbox,
    cmd_report,
    cmd_retention,
    since,
)
from bot.offline.outbox_arguments import add_arguments as outbox_arguments
from bot.texts import cli as h
from bot.texts import startup as t

# gunicorn kills a worker this long after SIGTERM. Inside it the worker drains its open
# requests (aiohttp: 0.95 of it) while its dispatch and expiry runs finish (bot.serving.jobs:
# up to 60 s, side by side with the requests).
STOP_GRACE_SECONDS = 75
KEEPALIVE_SECONDS = 75  # as `web.run_app` keeps idle connections (gunicorn's default: 2 s)
WORKER_SILENT_SECONDS = 120  # gunicorn replaces a worker whose event loop is stuck this long

# The parser is built from light modules only (argparse, the Danish texts, each command's
# options: bot.demo.arguments, bot.offline.outbox_arguments); a command's implementation is
# imported inside its function, when it runs, so `praktik --help` stays light
# (bench/cli_help.py has the figures, then and now).
if TYPE_CHECKING:
    from aiohttp import web

    from bot.process.config import Settings
    from bot.registry.metrics import Metrics
    from bot.slack.pacing import Pacer


def _settings(**overrides: object) -> Settings:
    from bot.process.config import ConfigError, load_settings

    try:
        return load_settings(**overrides)
    except ConfigError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings()
    count = args.workers or settings.praktik_workers
    if count == 1:
        return _serve(settings)
    from models.db import is_sqlite_url

    if is_sqlite_url(settings.database_url):
        print(t.WORKERS_NEED_POSTGRES, file=sys.stderr)
        return 2
    return _serve_workers(settings, count)


def _serve_workers(settings: Settings, count: int) -> int:
    """N serving processes on one port: gunicorn with aiohttp's worker, each worker a whole
    `praktik serve` (app, dispatcher, expiry job) with 1/N of Slack's budget.

    gunicorn forks the workers and builds the app in each; SIGTERM/SIGINT lets each finish
    its requests and its dispatch run (up to STOP_GRACE_SECONDS); a worker that dies is
    replaced while the others go on serving, and one that cannot start stops the whole
    set (exit 3); a worker whose gunicorn is killed stops within a second on its own.
    Measured against our own supervisor in bench/workers.py.
    """
    from gunicorn import glogging  # type: ignore[import-untyped]
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    from bot.process import logs
    from bot.runtime.multiproc import shared_metrics_directory, worker_exited

    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
        tz=settings.tz,
        fmt=settings.praktik_log_format,
    )

    _warn_without_coordinators(settings, "praktik.serve")  # once, not once per worker
    json_lines = settings.praktik_log_format == "json"

    class ThroughOurHandler(glogging.Logger):  # type: ignore[misc]
        """gunicorn's own lines (a worker booted, a signal) go to the root logger, and so
        come in the app's format: with PRAKTIK_LOG_FORMAT=json every line on stderr is JSON."""

        def setup(self, cfg: object) -> None:
            super().setup(cfg)
            for logger in (self.error_log, self.access_log):
                logger.handlers.clear()
                logger.propagate = True

    async def worker_app() -> web.Application:
        return serving_app(settings, processes=count)

    class Workers(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {
                "bind": [_every_interface(settings.port)],
                "keepalive": KEEPALIVE_SECONDS,
                "workers": count,
                "worker_class": "aiohttp.GunicornWebWorker",
                "graceful_timeout": STOP_GRACE_SECONDS,
                "timeout": WORKER_SILENT_SECONDS,
                "proc_name": "praktik-serve",
                # gunicorn >= 24 opens a control socket in the home folder: not used here.
                "control_socket_disable": True,
                # gunicorn's own lines (a worker booted, a signal) through the app's handler,
                # so that with PRAKTIK_LOG_FORMAT=json every line on stderr is JSON.
                **({"logger_class": ThroughOurHandler} if json_lines else {}),
                # A worker that exits: its live figures leave the sum (bot.runtime.multiproc).
                "child_exit": worker_exited,
            }
            for key, value in options.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self) -> object:
            return worker_app

    if not settings.praktik_metrics:
        Workers().run()  # returns only through SystemExit: 0 when stopped by a signal
        return 0
    # Made before gunicorn forks, removed after the set has stopped.
    with shared_metrics_directory():
        Workers().run()
    return 0


def _every_interface(port: int) -> str:
    """IPv6's any-address takes IPv4 too on Linux, as `web.run_app` listens (`--workers 1`);
    IPv4's alone where the machine has no IPv6."""
    import socket

    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::", 0))
    except OSError:
        return f"0.0.0.0:{port}"
    return f"[::]:{port}"


def _warn_without_coordinators(settings: Settings, logger: str) -> None:
    """One line at start when nobody can be a coordinator: the app runs, but no one can open
    a season's round or see its figures until PRAKTIK_ADMINS or PRAKTIK_ADMIN_GROUP names
    someone."""
    import logging

    if not settings.praktik_admins and settings.praktik_admin_group is None:
        logging.getLogger(logger).warning(t.NO_COORDINATORS)


def _pacer(processes: int = 1, metrics: Metrics | None = None) -> Pacer:
    """The process's Slack budget: its share when several processes serve one workspace."""
    from bot.slack.pacing import Pacer

    return Pacer(share=1.0 / max(1, processes), metrics=metrics)


def _metrics(settings: Settings) -> Metrics | None:
    """The process's figures (None with PRAKTIK_METRICS=0); under `--workers N` they go to
    the run's shared directory, which the master set up before forking."""
    if not settings.praktik_metrics:
        return None
    from bot.registry.metrics import Metrics
    from bot.runtime.multiproc import in_multiprocess_mode

    return Metrics(multiprocess=in_multiprocess_mode())


def _serve(settings: Settings) -> int:
    import logging
    import re

    from aiohttp import web

    web_app = serving_app(settings, processes=1)
    log = logging.getLogger("praktik.serve")
    _warn_without_coordinators(settings, "praktik.serve")

    def listening(message: str) -> None:
        where = ", ".join(re.findall(r"Running on (\S+)", message)) or f"port {settings.port}"
        log.info("Listening on %s (POST /slack/events, GET /healthz, GET /metrics)", where)

    web.run_app(
        web_app,
        port=settings.port,
        print=listening,
        access_log=None,
    )
    return 0


def serving_app(settings: Settings, *, processes: int) -> web.Application:
    """One serving process's web app: Bolt, /healthz, /metrics, and the dispatch and expiry
    jobs."""
    import logging

    from bot.entry.app import build_app, build_web_app
    from bot.outbox.dispatcher import Dispatcher
    from bot.process import logs
    from bot.process.clock import SystemClock
    from bot.process.startup import wait_for_database
    from bot.runtime import heap
    from bot.runtime.exposition import Scrape
    from bot.service.retention import retention_job
    from bot.service.rounds import expiry_job
    from bot.serving import jobs
    from bot.slack.coordinators import Coordinators
    from models.db import Database

    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_signing_secret.get_secret_value(),
        tz=settings.tz,
        fmt=settings.praktik_log_format,
    )
    log = logging.getLogger("praktik.serve")
    db = Database(settings.database_url)
    if db.is_sqlite:
        db.upgrade()
    metrics = _metrics(settings)
    if metrics is not None:
        metrics.watch(db.engine)
    pacer = _pacer(processes, metrics)  # one per process: the dispatcher's DMs yield to answers
    coordinators = Coordinators.from_settings(settings)
    app = build_app(
        settings, SystemClock(), db, pacer=pacer, coordinators=coordinators, metrics=metrics
    )
    web_app = build_web_app(
        app,
        db,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        metrics=metrics,
        scrape=None if metrics is None else Scrape(metrics, db, SystemClock()),
    )

    async def read_coordinators(_web_app: web.Application) -> None:
        # The group's members before the first command; Slack not answering delays nothing.
        await coordinators.refresh(client=app.client, now=SystemClock().now())

    web_app.on_startup.append(read_coordinators)
    # Due DMs go out from every serving process; their claims keep each DM to one sender.
    # PostgreSQL may still be starting (a reboot): the server answers /healthz with 503
    # meanwhile, and the jobs start once the database does.
    expire = expiry_job(settings, db, SystemClock(), client=app.client, coordinators=coordinators)
    jobs.attach(
        web_app,
        Dispatcher.from_settings(settings, db, pacer=pacer, metrics=metrics),
        expire=expire,
        retain=retention_job(
            settings, db, SystemClock(), client=app.client, coordinators=coordinators
        ),
        ready=None if db.is_sqlite else lambda: wait_for_database(db, log),
    )
    heap.freeze_long_lived()
    return web_app


def cmd_socket(_args: argparse.Namespace) -> int:
    import asyncio
    import logging
    import secrets

    from bot.entry.app import build_app
    from bot.outbox.dispatcher import Dispatcher
    from bot.process import logs
    from bot.process.clock import SystemClock
    from bot.process.startup import wait_for_database
    from bot.runtime import heap
    from bot.runtime.exposition import Scrape
    from bot.runtime.inflight import InFlight
    from bot.service.retention import retention_job
    from bot.service.rounds import expiry_job
    from bot.serving import jobs
    from bot.serving.socket_mode import SocketMode, TokenRefused, run_until_signalled
    from bot.serving.socket_probe import PortUnavailable, SocketProbe
    from bot.slack.coordinators import Coordinators
    from models.db import Database

    # Socket Mode takes no HTTP requests, so nothing is signed: no signing secret needed.
    unsigned = (
        {}
        if os.environ.get("SLACK_SIGNING_SECRET")
        else {"slack_signing_secret": secrets.token_hex(16)}
    )
    settings = _settings(**unsigned)
    if settings.slack_app_token is None:
        print(t.XAPP_MISSING, file=sys.stderr)
        return 2
    app_token = settings.slack_app_token.get_secret_value()
    logs.setup(
        settings.slack_bot_token.get_secret_value(),
        app_token,
        tz=settings.tz,
        fmt=settings.praktik_log_format,
    )
    log = logging.getLogger("praktik.socket")
    _warn_without_coordinators(settings, "praktik.socket")
    db = Database(settings.database_url)
    if db.is_sqlite:
        db.upgrade()
    metrics = _metrics(settings)
    if metrics is not None:
        metrics.watch(db.engine)
    inflight = InFlight()
    pacer = _pacer(metrics=metrics)
    coordinators = Coordinators.from_settings(settings)
    app = build_app(
        settings,
        SystemClock(),
        db,
        inflight=inflight,
        pacer=pacer,
        coordinators=coordinators,
        metrics=metrics,
    )
    scrape = None if metrics is None else Scrape(metrics, db, SystemClock())

    async def run() -> None:
        # /healthz answers from the start: 503 while the database or Slack is not there yet.
        probe = SocketProbe(db, settings.praktik_metrics_port, scrape=scrape, metrics=metrics)
        await probe.start()
        log.info("Listening on port %d (GET /healthz, GET /metrics)", probe.port)
        try:
            # Everything that needs the event loop is made inside it (slack_sdk's client
            # too). PostgreSQL may still be starting (a reboot): wait, a log line per try.
            if not db.is_sqlite:
                await wait_for_database(db, log)
            # The group's members before the first command; Slack not answering delays nothing.
            await coordinators.refresh(client=app.client, now=SystemClock().now())
            expire = expiry_job(
                settings, db, SystemClock(), client=app.client, coordinators=coordinators
            )
            retain = retention_job(
                settings, db, SystemClock(), client=app.client, coordinators=coordinators
            )
            dispatcher = Dispatcher.from_settings(settings, db, pacer=pacer, metrics=metrics)
            job = jobs.DispatchJob(dispatcher, expire=expire, retain=retain)
            heap.freeze_long_lived()
            mode = SocketMode(app, app_token, inflight=inflight, job=job, metrics=metrics)
            probe.watch(mode.connected)
            await run_until_signalled(mode)
        finally:
            await probe.stop()

    try:
        asyncio.run(run())
    except (TokenRefused, PortUnavailable) as refused:
        print(refused, file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers are set: nothing began
        return 0
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from bot.process.startup import offline_database, shown_url

    # Migrating needs only the database: do not insist on Slack tokens here.
    db = offline_database(args.url)
    try:
        db.upgrade()
    finally:
        db.dispose()
    print(t.database_upgraded(shown_url(db.url)))
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.console import run_sandbox

    return run_sandbox(args)


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo.command import main as run_demo

    return run_demo(args)


def _match_arguments(match: argparse.ArgumentParser) -> argparse.ArgumentParser:
    match.add_argument("--hosts", required=True, metavar=h.METAVAR_HOSTS, help=h.IMPORT_HOSTS)
    match.add_argument("--interns", required=True, metavar=h.METAVAR_INTERNS, help=h.IMPORT_INTERNS)
    match.add_argument("--mode", choices=["stabil", "flest"], default="stabil", help=h.MATCH_MODE)
    match.add_argument("--json", action="store_true", help=h.MATCH_JSON)
    match.add_argument("--weight", type=int, metavar=h.METAVAR_WEIGHT, help=h.MATCH_WEIGHT)
    match.add_argument("--progress", action="store_true", help=h.MATCH_PROGRESS)
    return match


def _positive(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(h.WORKERS_RANGE)
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    argparse_da.install()
    parser = argparse.ArgumentParser(prog="praktik", description=h.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar=h.METAVAR_COMMAND)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        commands[name] = fn
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(run=fn)
        return p

    serve = add("serve", cmd_serve, h.SERVE)
    serve.add_argument("--workers", type=_positive, metavar=h.METAVAR_COUNT, help=h.SERVE_WORKERS)
    add("socket", cmd_socket, h.SOCKET)
    sandbox = add("sandbox", cmd_sandbox, h.SANDBOX)
    sandbox.add_argument("--script", metavar=h.METAVAR_FILE, help=h.SANDBOX_SCRIPT)
    sandbox.add_argument("--db", metavar=h.METAVAR_PATH, help=h.SANDBOX_DB)
    sandbox.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.SANDBOX_YEAR)
    sandbox.add_argument("--now", metavar=h.METAVAR_NOW, help=h.SANDBOX_NOW)
    sandbox.add_argument("--strict", action="store_true", help=h.SANDBOX_STRICT)
    sandbox.add_argument("--socket", action="store_true", help=h.SOCKET_TRANSPORT)
    db = add("db", cmd_db, h.DB)
    db.add_argument("action", choices=["upgrade"])
    db.add_argument("--url", help=h.DB_URL)
    export = add("eksport", cmd_export, h.EXPORT)
    export.add_argument("--out", required=True, metavar=h.METAVAR_FILE, help=h.EXPORT_OUT)
    export.add_argument("--tilmeldinger", action="store_true", help=h.EXPORT_SIGNUPS)
    export.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.YEAR)
    export.add_argument("--url", help=h.DB_URL)
    imports = add("import", cmd_import, h.IMPORT)
    imports.add_argument("--hosts", metavar=h.METAVAR_HOSTS, help=h.IMPORT_HOSTS)
    imports.add_argument("--interns", metavar=h.METAVAR_INTERNS, help=h.IMPORT_INTERNS)
    imports.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.YEAR)
    imports.add_argument("--url", help=h.DB_URL)
    _match_arguments(add("match", cmd_match, h.MATCH))
    demo_arguments(add("demo", cmd_demo, h.DEMO))
    outbox_arguments(add("outbox", cmd_outbox, h.OUTBOX))
    audit = add("audit", cmd_audit, h.AUDIT)
    audit.add_argument("--out", required=True, metavar=h.METAVAR_FILE, help=h.AUDIT_OUT)
    audit.add_argument("--since", type=since, metavar=h.METAVAR_DATE, help=h.AUDIT_SINCE)
    audit.add_argument("--url", help=h.DB_URL)
    report = add("rapport", cmd_report, h.REPORT)
    report.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.YEAR)
    report.add_argument("--out", default=".", metavar=h.METAVAR_FOLDER, help=h.REPORT_OUT)
    report.add_argument("--url", help=h.DB_URL)
    retention = add("retention", cmd_retention, h.RETENTION)
    retention.add_argument("--dry-run", action="store_true", help=h.RETENTION_DRY_RUN)
    retention.add_argument("--url", help=h.DB_URL)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    argparse_da.install()
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
