"""Start-up checks every command shares: a usable database URL, a database that answers.

Offline commands (`db upgrade`, `eksport`, `import`, `outbox`) stop with one line when the
database is not there: a person is waiting for them. Long-running ones (`serve`,
`socket`) wait for it instead, with a line per try: a service manager started them, often
together with the database after a reboot.

    db = Database(settings.database_url)
    await wait_for_database(db, log)   # in `socket`, before the dispatch job starts
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.texts import startup as t
from models.db import Database

FIRST_RETRY_SECONDS = 1.0
MOST_RETRY_SECONDS = 30.0


def shown_url(url: str) -> str:
    """The URL for a log line or the terminal: the password hidden, no driver name."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    return parsed.set(drivername=backend).render_as_string(hide_password=True)


def why_unreachable(db: Database) -> str | None:
    """None when the database answers, else the driver's first line about why not."""
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect is the answer
        cause = getattr(error, "orig", None) or error
        lines = str(cause).strip().splitlines()
        return lines[0] if lines else type(cause).__name__
    return None


def offline_database(given: str | None) -> Database:
    """The database of an offline command (--url, else DATABASE_URL, else the SQLite file),
    or exit with one line: 2 for a URL that cannot work, 1 for a server that does not
    answer."""
    from bot.process.config import DEFAULT_DATABASE_URL, database_url_problem

    url = given or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    problem = database_url_problem(url)
    if problem is not None:
        name = "--url" if given else "DATABASE_URL"
        sys.stderr.write(t.setting_malformed(name, problem) + "\n")
        raise SystemExit(2)
    db = Database(url)
    reason = why_unreachable(db)
    if reason is not None:
        db.dispose()
        sys.stderr.write(t.database_silent(shown_url(db.url), reason) + "\n")
        raise SystemExit(1)
    return db


async def wait_for_database(
    db: Database,
    log: logging.Logger,
    *,
    first: float = FIRST_RETRY_SECONDS,
    most: float = MOST_RETRY_SECONDS,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Return once the database answers; until then one log line per try, each wait
    twice the one before (up to `most` seconds)."""
    delay, waited = first, False
    while (reason := await asyncio.to_thread(why_unreachable, db)) is not None:
        log.warning(t.DATABASE_RETRY, shown_url(db.url), reason, delay)
        waited = True
        await sleep(delay)
        delay = min(delay * 2, most)
    if waited:
        log.info(t.DATABASE_ANSWERS, shown_url(db.url))
