from __future__ import annotations

from sqlalchemy import inspect
from sqlmodel import SQLModel

import models.tables  # noqa: F401
from models.db import Database


def test_migrations_build_every_table_from_empty(db: Database) -> None:
    # The fixture ran `alembic upgrade head` on an empty database (SQLite and PostgreSQL).
    tables = set(inspect(db.engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert db.ping()


def test_models_and_migrations_agree(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_each_migration_says_what_it_does_in_one_line() -> None:
    # Alembic logs a migration's first docstring paragraph at every upgrade; a second line
    # would reach the log without a timestamp (tests/stress/test_startup.py reads every line).
    from alembic.script import ScriptDirectory

    from models.db import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    for revision in scripts.walk_revisions():
        assert "\n" not in (revision.doc or ""), revision.revision
