"""Who had their data erased and has not signed up since (GDPR art. 17 honoured later too).

Only a hash of the Slack user ID is kept: enough to recognise the person when they press
an old button, too little to tell anyone who they were from the table alone.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Exists, delete, select
from sqlmodel import Session, col

from models.db import insert_unless_present
from models.tables import ErasedUser


def _key(user_id: str) -> str:
    return hashlib.sha256(f"praktikbot-erased:{user_id}".encode()).hexdigest()


def erased_key(user_id: str) -> str:
    """What ErasedUser.key holds for the user: for a prebuilt query's parameter."""
    return _key(user_id)


def mark_erased(session: Session, *, user_id: str) -> None:
    insert_unless_present(session, ErasedUser, key=_key(user_id))


def was_erased(session: Session, *, user_id: str) -> bool:
    return session.get(ErasedUser, _key(user_id)) is not None


def erased_clause(user_id: str) -> Exists:
    """`was_erased` as an SQL condition, to ask it within another query."""
    return select(col(ErasedUser.key)).where(col(ErasedUser.key) == _key(user_id)).exists()


def signed_up_again(session: Session, *, user_id: str) -> None:
    """A new slot or wish is a new consent: their buttons work again from now on."""
    session.execute(delete(ErasedUser).where(col(ErasedUser.key) == _key(user_id)))
