"""Who has opened the app's Home tab (see HomeOpened): the only tabs worth redrawing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from models.db import insert_unless_present
from models.tables import HomeOpened


def remember_opened(session: Session, *, user_id: str, now: datetime) -> None:
    insert_unless_present(session, HomeOpened, slack_user_id=user_id, first_opened_at=now)


def opened_of(session: Session, *, user_ids: Sequence[str]) -> set[str]:
    """Those of `user_ids` who have opened the tab."""
    if not user_ids:
        return set()
    found = session.exec(
        select(HomeOpened.slack_user_id).where(col(HomeOpened.slack_user_id).in_(user_ids))
    )
    return set(found.all())


def forget(session: Session, *, user_id: str) -> bool:
    gone = session.execute(delete(HomeOpened).where(col(HomeOpened.slack_user_id) == user_id))
    return bool(getattr(gone, "rowcount", 0))
