"""Test databases: a fresh SQLite file, or a fresh schema on PRAKTIK_TEST_DATABASE_URL."""

from __future__ import annotations

import os
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


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database that disappears afterwards."""
    if backend == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'praktik.db'}")
        db.upgrade()
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
    db = Database(f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}")
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
