"""Confirmed placements with their DMs planned, and a fake workspace that knows the people:
the seed the dispatcher's tests (unit and stress) start from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import Session

from bot.domain.season import COPENHAGEN, Season
from bot.domain.timeline import HOST_ONLY, TIMELINE, plan_placement
from bot.sandbox.fake_slack import FakeSlack
from models.outbox_repo import store_plan
from models.tables import HostSlot, Participant, Placement, Proposal

CPH = COPENHAGEN
SEASON = Season.for_year(2027)


def local(mo: int, d: int, h: int = 0, mi: int = 0, y: int = 2027) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH)


JUNE = local(6, 14, 10)
# A placement planned in time: each DM of the timeline to host and intern, but the
# reminders only the host side gets.
DMS_PER_PLACEMENT = 2 * len(TIMELINE) - len(HOST_ONLY)


def seasons(_overrides: Any) -> Season:
    return SEASON


def seed_placements(
    session: Session,
    *,
    count: int,
    now: datetime = JUNE,
    days: Sequence[int] = (1, 2, 3, 4, 5),
    start: int = 0,
) -> list[tuple[int, str, str]]:
    """`count` confirmed placements with their DMs planned at `now`: (id, host, intern)."""
    made = []
    for i in range(start, start + count):
        host = Participant(slack_user_id=f"UH{i:04d}", name=f"Vært {i}", created_at=now,
                           updated_at=now, workplace=f"Kommune {i}", title="Konsulent")  # fmt: skip
        intern = Participant(slack_user_id=f"UI{i:04d}", name=f"Praktikant {i}", created_at=now,
                             updated_at=now, workplace="Styrelsen", title="Fuldmægtig")  # fmt: skip
        session.add_all([host, intern])
        session.flush()
        assert host.id is not None and intern.id is not None
        slot = HostSlot(host_id=host.id, season_year=2027, workplace=f"Kommune {i}",
                        sector="kommune", municipality="492", capacity=1, confirmed=1,
                        days=list(days), created_at=now, updated_at=now)  # fmt: skip
        session.add(slot)
        session.flush()
        assert slot.id is not None
        proposal = Proposal(season_year=2027, slot_id=slot.id, intern_id=intern.id,
                            origin="request", status="confirmed", days=list(days),
                            created_at=now)  # fmt: skip
        session.add(proposal)
        session.flush()
        assert proposal.id is not None
        placement = Placement(season_year=2027, proposal_id=proposal.id, slot_id=slot.id,
                              host_id=host.id, intern_id=intern.id, days=list(days),
                              confirmed_at=now)  # fmt: skip
        session.add(placement)
        session.flush()
        assert placement.id is not None
        planned = plan_placement(
            placement_id=placement.id,
            host_id=host.slack_user_id,
            intern_id=intern.slack_user_id,
            days=[SEASON.day(d) for d in days],
            season=SEASON,
            now=now,
        )
        store_plan(session, placement_id=placement.id, planned=planned, now=now)
        made.append((placement.id, host.slack_user_id, intern.slack_user_id))
    return made


def client_for(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=fake.bot_token, base_url=fake.api_url, retry_handlers=[])


def people(fake: FakeSlack, placements: list[tuple[int, str, str]]) -> None:
    for _, host, intern in placements:
        fake.add_user(host, name=host.lower(), real_name=host)
        fake.add_user(intern, name=intern.lower(), real_name=intern)
