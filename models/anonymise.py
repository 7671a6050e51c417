"""Which columns of which table hold personal data, and how each is made anonymous.

The one place that says so: erasing one person (models.privacy.erase, `slet-mine-data`)
and a season's retention (models.retention) both take their values from PERSONAL. Every
table is listed, those with nothing personal with an empty map, so a new table has to be
placed here (tests/unit/test_anonymise.py fails until it is). A table whose rows are to be
kept as they are (a network people chose to stay in) is listed with KEEP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

from sqlmodel import SQLModel

from models.tables import (
    AuditEntry,
    CheckIn,
    DaysChange,
    DmChannel,
    ErasedUser,
    Evaluation,
    FollowUp,
    HomeOpened,
    HostSlot,
    MatchSteer,
    NetworkEntry,
    OutboxMessage,
    Participant,
    Placement,
    Programme,
    Proposal,
    SeasonSettings,
    SlackProfile,
    Topic,
    Wish,
    Workshop,
    WorkshopAnswer,
)

ERASED = "slettet"
STAND_IN = f"{ERASED}-"  # how every pseudonym begins: `slettet-<id>`, or `slettet-x…` by retention


def is_stand_in(user_id: str) -> bool:
    """An erased person's pseudonym in place of a Slack user ID: never to be mentioned."""
    return user_id.startswith(STAND_IN)


class How(StrEnum):
    BLANK = "blank"  # free text: ""
    NULL = "null"  # an optional reference to someone: nobody
    EMPTY = "empty"  # JSON (where Slack put a message, a DM's content): {} or []
    WORD = "word"  # a name shown in lists (a slot's workplace): the word ERASED
    PERSON = "person"  # a Slack user ID: the person's pseudonym, the same in every row
    KEY = "key"  # a text that holds the row's PERSON values (a DM's key): they are replaced
    DELETE = "delete"  # the whole row (what is only a copy of Slack's: profile, DM channel)


KEEP: Mapping[str, How] = {}

PERSONAL: dict[type[SQLModel], Mapping[str, How]] = {
    Participant: {
        "slack_user_id": How.PERSON,
        "name": How.BLANK,
        "title": How.BLANK,
        "workplace": How.BLANK,
        "municipality": How.NULL,
    },
    HostSlot: {"workplace": How.WORD, "description": How.BLANK, "cohost_user_id": How.NULL},
    Wish: {"text": How.BLANK, "goals": How.BLANK, "manager_user_id": How.NULL},
    Proposal: {"messages": How.EMPTY, "manager_user_id": How.PERSON},
    Placement: {"goals": How.BLANK},  # the intern's own words; the rest is the figures
    CheckIn: {"comment": How.BLANK},
    Evaluation: {"text": How.BLANK, "take_home": How.BLANK, "inspiration": How.BLANK},
    FollowUp: {"what": How.BLANK},
    # The host side's text (it may name colleagues) and a contact phone: all of it goes.
    Programme: {
        "days": How.EMPTY,
        "address": How.BLANK,
        "meeting_point": How.BLANK,
        "phone": How.BLANK,
        "updated_by": How.PERSON,
    },
    OutboxMessage: {
        "recipient": How.PERSON,
        "key": How.KEY,
        "channel": How.NULL,
        "slack_ts": How.NULL,
        "payload": How.EMPTY,
    },
    AuditEntry: {"actor": How.PERSON, "detail": How.EMPTY},
    SeasonSettings: {"updated_by": How.BLANK},
    MatchSteer: {"actor": How.BLANK},
    Workshop: {"created_by": How.BLANK},
    WorkshopAnswer: {"slack_user_id": How.PERSON},
    DaysChange: {"proposer_user_id": How.PERSON, "messages": How.EMPTY},
    Topic: {"added_by": How.BLANK},
    SlackProfile: {"slack_user_id": How.DELETE},
    DmChannel: {"slack_user_id": How.DELETE},
    HomeOpened: {"slack_user_id": How.DELETE},
    ErasedUser: KEEP,
    # The one thing a person keeps past retention, by their own choice: it holds its own copy
    # of what it shows; `netværk fra` and `slet-mine-data` delete it.
    NetworkEntry: KEEP,  # a one-way hash of a Slack ID, kept so old buttons create nobody
}


def values(
    table: type[SQLModel], columns: Iterable[str], *, person: str | None = None
) -> dict[str, Any]:
    """What an UPDATE of `columns` of `table` sets, as PERSONAL says; PERSON columns take
    `person` (the pseudonym of the one person whose rows these are)."""
    found: dict[str, Any] = {}
    for column in columns:
        how = PERSONAL[table][column]
        if how is How.PERSON:
            if person is None:
                raise ValueError(f"{table.__name__}.{column} needs the person's pseudonym")
            found[column] = person
        else:
            found[column] = _fixed(table, column, how)
    return found


def _fixed(table: type[SQLModel], column: str, how: How) -> Any:
    if how is How.BLANK:
        return ""
    if how is How.NULL:
        return None
    if how is How.WORD:
        return ERASED
    if how is How.EMPTY:
        factory = table.model_fields[column].default_factory
        return factory() if callable(factory) else {}  # type: ignore[call-arg]
    raise ValueError(f"{table.__name__}.{column}: {how} depends on the row")


def anonymise_row(row: SQLModel, pseudonym: Callable[[str], str]) -> bool:
    """Make one row anonymous in place, as PERSONAL says for its table; whether anything
    changed. `pseudonym` names each Slack user ID's stand-in (one per person)."""
    table = type(row)
    columns = PERSONAL[table]
    persons = {
        getattr(row, c): pseudonym(getattr(row, c))
        for c, how in columns.items()
        if how is How.PERSON and getattr(row, c)
    }
    changed = False
    for column, how in columns.items():
        old = getattr(row, column)
        if how is How.PERSON:
            new = persons.get(old, old)
        elif how is How.KEY:
            new = old
            for original, stand_in in persons.items():
                new = new.replace(original, stand_in)
        elif how is How.DELETE:
            continue
        else:
            new = _fixed(table, column, how)
        if new != old:
            setattr(row, column, new)
            changed = True
    return changed
