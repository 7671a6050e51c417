"""Engine, sessions and migrations. Handlers never see a session: they call repo functions
through `Database.run`, which runs them in a worker thread inside one transaction, or
through `Database.read` when the function only reads (on SQLite: without the write lock)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from importlib import resources
from typing import Any, Concatenate, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, create_engine

log = logging.getLogger("praktik.db")

P = ParamSpec("P")
T = TypeVar("T")


def normalise_url(url: str) -> str:
    """Accept the usual postgres:// spellings and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def is_sqlite_url(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


def insert_unless_present(session: Session, table: type[SQLModel], **values: Any) -> None:
    """INSERT … ON CONFLICT DO NOTHING, in the dialect of the session's database."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(table).values(**values).on_conflict_do_nothing())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while one writer writes; busy_timeout makes writers queue
    # instead of failing at once when two threads write together.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Let SQLAlchemy, not the driver, start transactions (see _sqlite_begin).
    dbapi_connection.isolation_level = None


# The execution option that marks a transaction as one that only reads (Database.read).
READ_ONLY = "praktik_read_only"


def _sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        # A reader takes no lock: in WAL mode it reads the last commit and never waits for
        # a writer, nor makes one wait – not while it ranks or searches in Python, either.
        connection.exec_driver_sql("BEGIN")
        return
    # IMMEDIATE takes the write lock up front: a transaction that reads and then writes
    # (a seat check, a claim) can then never fail half-way with "database is locked".
    # Every other writer waits for it (busy_timeout), so it must never outlast its SQL.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def read_only(session: Session) -> bool:
    """Whether `session` is one of Database.read's."""
    return bool(session.get_bind().get_execution_options().get(READ_ONLY))


class WriteInReadError(RuntimeError):
    """A function run by Database.read wrote: on SQLite it would have written without the
    write lock, so it is stopped before the statement runs."""


POOL_SIZE = 20  # PostgreSQL connections kept per process (and threads to use them)
# Connections older than this are replaced at checkout, before a server-side idle limit or
# a firewall can have cut them silently.
POOL_RECYCLE_S = 1800


def _lost_connection(error: BaseException) -> bool:
    """The database connection broke (a server restart, a fail-over, an idle cut).
    SQLAlchemy has then already invalidated the pool, so the next checkout connects anew."""
    return isinstance(error, DBAPIError) and error.connection_invalidated


class Database:
    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = is_sqlite_url(self.url)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            # No pool_pre_ping: it cost a round trip per transaction (a tenth of a button
            # press's CPU). A connection found broken is handled in `call` instead.
            kwargs.update(pool_size=POOL_SIZE, max_overflow=10, pool_recycle=POOL_RECYCLE_S)
        self.engine: Engine = create_engine(self.url, **kwargs)
        # The same pool, for transactions that only read (read, call_read).
        self._reader = self.engine.execution_options(**{READ_ONLY: True})
        # The same pool, each checkout in autocommit (call_statement).
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        # Repo calls run in threads of their own, as many as the pool has connections:
        # asyncio's default executor has min(32, cores + 4) threads – six on two cores –
        # and a request would wait for a thread while the database sits idle.
        self._threads = ThreadPoolExecutor(
            max_workers=POOL_SIZE if not self.is_sqlite else 8, thread_name_prefix="db"
        )
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        # Counts this process's writes to the slots (content, status, seats taken), so the
        # search index knows when to look again. Other writes (requests, DMs) leave it be:
        # they come with most button presses and would make every search re-read the slots.
        self.slot_writes = 0
        self.network_writes = 0  # the same for the network's entries (bot.service.network)
        event.listen(self.engine, "before_cursor_execute", self._count_write)

    def _count_write(self, conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        head = statement.lstrip()[:24].upper()
        if not head.startswith(("INSERT", "UPDATE", "DELETE")):
            return
        if conn.get_execution_options().get(READ_ONLY):
            raise WriteInReadError(f"a write in a read-only transaction: {head}…")
        if "HOSTSLOT" in head:
            self.slot_writes += 1
        elif "NETWORKENTRY" in head:
            self.network_writes += 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def call(
        self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`fn` in one transaction. A connection that broke before the commit is retried once
        on a new one: the server rolled the transaction back, so nothing was written, as
        pool_pre_ping's check at checkout used to ensure. A break during COMMIT is not
        retried (the commit may have happened) and is raised, as before."""
        return self._retried(self.engine, fn, *args, **kwargs)

    def call_read(
        self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`call` for a function that only reads: on SQLite its transaction takes no lock,
        so it may take its time (rank, search, build an index) without holding up a write,
        and no write holds it up. A write in it raises WriteInReadError."""
        return self._retried(self._reader, fn, *args, **kwargs)

    def _retried(
        self,
        engine: Engine,
        fn: Callable[Concatenate[Session, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        try:
            return self._attempt(engine, fn, *args, **kwargs)
        except _Uncommitted as lost:
            log.info("database connection lost (%s); trying once more", lost.__cause__)
        try:
            return self._attempt(engine, fn, *args, **kwargs)
        except _Uncommitted as lost:
            assert lost.__cause__ is not None
            raise lost.__cause__ from None

    def _attempt(
        self,
        engine: Engine,
        fn: Callable[Concatenate[Session, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        with Session(engine, expire_on_commit=False) as session:
            try:
                result = fn(session, *args, **kwargs)
            except BaseException as error:
                session.rollback()
                if _lost_connection(error):
                    raise _Uncommitted from error
                raise
            session.commit()
            return result

    def call_statement(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`fn` runs ONE idempotent statement on a bare connection. On PostgreSQL the
        statement is its own transaction (autocommit): no BEGIN and COMMIT round trips and
        no ORM session, which were most of the cost of a one-row UPDATE. Retried once when
        the connection broke: the statement may then have committed, which is why it must
        be idempotent (writing the same again changes nothing)."""
        try:
            return self._statement(fn, *args, **kwargs)
        except DBAPIError as error:
            if not _lost_connection(error):
                raise
            log.info("database connection lost (%s); trying once more", error)
        return self._statement(fn, *args, **kwargs)

    def _statement(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        if self.is_sqlite:  # its transactions start with BEGIN IMMEDIATE (_sqlite_begin)
            with self.engine.begin() as connection:
                return fn(connection, *args, **kwargs)
        with self._autocommit.connect() as connection:
            return fn(connection, *args, **kwargs)

    async def run_statement(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`run` for `call_statement`."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._threads, partial(self.call_statement, fn, *args, **kwargs)
        )

    async def run(
        self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run a repo function in a thread, in its own transaction, without blocking the loop.
        On SQLite the transaction holds the write lock from its start: a function that only
        reads goes through `read`, or every write waits while it works."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, partial(self.call, fn, *args, **kwargs))

    async def read(
        self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`run` for a function that only reads (`call_read`)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._threads, partial(self.call_read, fn, *args, **kwargs)
        )

    def ping(self) -> bool:
        # Twice: a connection kept from before a server restart fails first and is dropped.
        for _ in range(2):
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
            except Exception as error:
                if _lost_connection(error):
                    continue
                return False
            return True
        return False

    def upgrade(self, revision: str = "head") -> None:
        command.upgrade(alembic_config(self.url), revision)

    def dispose(self) -> None:
        self.engine.dispose()


class _Uncommitted(Exception):
    """The connection broke before the commit; the transaction is known to be undone."""


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("models") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config
