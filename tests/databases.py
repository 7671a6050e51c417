"""Test databases: a fresh SQLite file, or a fresh schema on PRAKTIK_TEST_DATABASE_URL."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from models.db import Database, normalise_url

PG_URL = os.environ.get("PRAKTIK_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@functools.cache
def _migrated_sqlite() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="praktik-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = Database(f"sqlite:///{folder / 'migrated.db'}")
    template.upgrade()
    template.dispose()  # the last connection closed: the WAL is folded into the file
    return folder / "migrated.db"


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database that disappears afterwards."""
    if backend == "sqlite":
        # A copy of a file migrated once per process: the migrations themselves are tested
        # (tests/unit/test_migrations.py); running all of them again for each test is a
        # quarter of a test's time.
        path = tmp_path / "praktik.db"
        shutil.copyfile(_migrated_sqlite(), path)
        db = Database(f"sqlite:///{path}")
        try:
            yield db
        finally:
            db.dispose()
        return
    if not PG_URL:
        pytest.skip("PRAKTIK_TEST_DATABASE_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    # No wait for the WAL flush on commit: a test's database need not survive a crash of the
    # server, and three workers committing on one disk otherwise queue behind each other.
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    db = Database(f"{PG_URL}{separator}options={quote(options)}")
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
