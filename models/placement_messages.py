"""Where each side's buttons for a placement are (Proposal.messages), so a message can later
show the outcome instead of its buttons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, bindparam, cast, func, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Update
from sqlmodel import col

from bot.domain.placement import Role
from models.tables import Proposal

COHOST_KEY = "cohost"  # the co-host's copy of the host's buttons, in Proposal.messages


def _remember_statements() -> dict[str, Update]:
    """remember_messages' UPDATE, built once per dialect: a statement kept whole is compiled
    and keyed for SQLAlchemy's cache once, where one built per call was keyed every time."""
    messages = col(Proposal.messages)
    by_id = col(Proposal.id) == bindparam("proposal_id")
    added = bindparam("added", type_=JSONB)
    merged_pg = cast(cast(messages, JSONB).op("||", return_type=JSONB)(added), JSON)
    merged_sqlite = func.json_set(messages, bindparam("path"), func.json(bindparam("where")))
    return {
        "postgresql": update(Proposal).where(by_id).values(messages=merged_pg),
        "sqlite": update(Proposal).where(by_id).values(messages=merged_sqlite),
    }


_REMEMBER = _remember_statements()


@dataclass(frozen=True)
class MessageRef:
    """Where one side's buttons for a proposal are (`cohost`: the co-host's copy)."""

    proposal_id: int
    role: Role
    channel: str
    ts: str
    cohost: bool = False


def remember_messages(connection: Connection, refs: Sequence[MessageRef]) -> None:
    """Where each side's buttons are, so the message can later show the outcome instead (a
    proposal gone since, e.g. erased, is skipped).

    One UPDATE per message that merges its key in under the row's lock (the host's and the
    co-host's copies may be remembered together), in each database's own JSON words, sent
    as one batch. Idempotent, so it runs as a statement of its own (Database.run_statement)."""
    dialect = connection.dialect.name
    params: list[dict[str, Any]] = []
    for ref in refs:
        key = COHOST_KEY if ref.cohost else ref.role.value
        where = {"channel": ref.channel, "ts": ref.ts}
        if dialect == "postgresql":
            params.append({"proposal_id": ref.proposal_id, "added": {key: where}})
        else:
            params.append(
                {"proposal_id": ref.proposal_id, "path": f"$.{key}", "where": json.dumps(where)}
            )
    if params:
        connection.execute(_REMEMBER[dialect], params)
