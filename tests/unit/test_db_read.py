"""Database.read: a transaction that only reads neither waits for a writer nor holds one up
(on SQLite every other transaction holds the write lock from its first statement)."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from models.db import Database, WriteInReadError
from models.tables import Topic


def _topics(session: Session) -> list[str]:
    return [t.name for t in session.exec(select(Topic)).all()]


def _add(session: Session, *, name: str) -> None:
    session.add(Topic(name=name, added_by="UKOORD01"))


def test_a_read_goes_on_while_a_write_is_open(db: Database) -> None:
    writing, release = threading.Event(), threading.Event()

    def slow_write(session: Session) -> None:
        _add(session, name="havmiljø")
        session.flush()  # the write lock is held from here (and on SQLite from BEGIN)
        writing.set()
        assert release.wait(30)

    writer = threading.Thread(target=db.call, args=(slow_write,))
    writer.start()
    try:
        assert writing.wait(30)
        # With the write lock taken for reads too, this waited out the busy timeout and
        # failed with "database is locked".
        assert db.call_read(_topics) == []
        assert writer.is_alive()
    finally:
        release.set()
        writer.join()
    assert db.call_read(_topics) == ["havmiljø"]


def test_a_write_goes_on_while_a_read_is_open(db: Database) -> None:
    reading, release = threading.Event(), threading.Event()

    def slow_read(session: Session) -> list[str]:
        found = _topics(session)
        reading.set()
        assert release.wait(30)
        return found

    seen: list[list[str]] = []
    reader = threading.Thread(target=lambda: seen.append(db.call_read(slow_read)))
    reader.start()
    try:
        assert reading.wait(30)
        db.call(_add, name="trafik")
        assert reader.is_alive()
    finally:
        release.set()
        reader.join()
    assert seen == [[]]  # the reader went on with what was there when it began


def test_a_write_in_a_read_is_refused_before_it_runs(db: Database) -> None:
    with pytest.raises(WriteInReadError):
        db.call_read(_add, name="klima")
    assert db.call_read(_topics) == []
