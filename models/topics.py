"""The topics a slot or a wish is tagged with: the catalogue's fixed list and those the
coordinators added."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from models.tables import Topic


def topics(session: Session, *, defaults: Sequence[str]) -> list[str]:
    """The fixed list (`defaults`: the catalogue's, bot.texts.DEFAULT_TOPICS) and whatever the
    coordinators added, in display order."""
    extra = [t.name for t in session.exec(select(Topic).order_by(col(Topic.name))).all()]
    return list(defaults) + [t for t in extra if t not in defaults]


def add_topic(session: Session, *, name: str, added_by: str, defaults: Sequence[str]) -> bool:
    if name in topics(session, defaults=defaults):
        return False
    session.add(Topic(name=name, added_by=added_by))
    return True
