"""Where interns were placed in earlier seasons (bot.matching.returning decides what counts
as the same workplace)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlmodel import Session, col, select

from bot.matching.returning import visited, workplace_key
from models.tables import HostSlot, Placement, PlacementStatus


def visits(
    session: Session, *, intern_ids: Collection[int], before: int
) -> dict[int, dict[str, int]]:
    """Each intern's workplaces of confirmed placements in seasons before `before` (those
    are over, hence completed): intern id → workplace key → the last year."""
    if not intern_ids:
        return {}
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for intern_id, workplace, year in session.exec(
        select(Placement.intern_id, HostSlot.workplace, Placement.season_year)
        .join(HostSlot, col(HostSlot.id) == Placement.slot_id)
        .where(
            col(Placement.intern_id).in_(list(intern_ids)),
            Placement.status == PlacementStatus.CONFIRMED,
            col(Placement.season_year) < before,
        )
    ).all():
        history[intern_id].append((workplace, year))
    return {intern_id: visited(rows) for intern_id, rows in history.items()}


def visited_year(session: Session, *, intern_id: int, workplace: str, before: int) -> int | None:
    """The last earlier season the intern was placed at this workplace, or None."""
    found = visits(session, intern_ids=[intern_id], before=before).get(intern_id, {})
    return found.get(workplace_key(workplace))
