"""What the dispatcher does with a claimed outbox row, decided from fresh data. Pure.

`decide` answers send (with the content, built now from the placement), settle (skipped,
failed or cancelled, with the reason) or later (planned again for a moment). bot.outbox.dispatcher
carries the answer out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.domain.season import DEFAULT_SEND_WINDOW, Season, SendWindow, next_allowed
from bot.domain.timeline import SkipReason, skip_reason
from bot.registry.ids import DMKind
from bot.views.timeline import timeline_dm
from models.feedback import PlacementContext
from models.outbox_repo import Claimed
from models.tables import OutboxStatus

METADATA_EVENT = "praktik_dm"


@dataclass
class DispatchReport:
    """What one `run_once` did, row by row outcome."""

    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    cancelled: int = 0
    retried: int = 0  # given back as planned after an error, for a later attempt
    postponed: int = 0  # given back until the send window opens or Slack's wait is over
    rate_limited: int = 0  # 429 answers waited out
    lost_claims: int = 0  # a row's claim was taken over before we recorded it
    reasons: dict[str, int] = field(default_factory=dict)  # skipped/failed, by reason

    def note(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


@dataclass(frozen=True, slots=True)
class Send:
    role: str
    content: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Settle:
    status: OutboxStatus
    reason: str


@dataclass(frozen=True, slots=True)
class Later:
    due_at: datetime
    reason: str
    count_attempt: bool
    outage: bool = False  # Slack away or busy: counted among the outage tries instead


Decision = Send | Settle | Later


def decide(
    row: Claimed,
    ctx: PlacementContext | None,
    season: Season | None,
    now: datetime,
    *,
    max_attempts: int,
    window: SendWindow = DEFAULT_SEND_WINDOW,
) -> Decision:
    """What to do with a claimed row at `now`, from fresh placement data. Pure.

    A row without a placement carries its content (a coordinator's announcement); it is
    sent as it is, inside the send window of `window`, until its `send_until`.
    """
    if row.attempts > max_attempts:
        return Settle(OutboxStatus.FAILED, f"gave_up_after_{max_attempts}_attempts")
    if row.placement_id is None:
        return _fixed(row, now, window)
    if ctx is None or season is None:
        return Settle(OutboxStatus.CANCELLED, "placement_missing")
    if not ctx.confirmed:
        return Settle(OutboxStatus.CANCELLED, "placement_withdrawn")
    role = ctx.role_of(row.recipient)
    if role is None:
        return Settle(OutboxStatus.CANCELLED, "not_a_participant")
    try:
        kind = DMKind(row.kind)
    except ValueError:
        return Settle(OutboxStatus.FAILED, f"unknown_kind:{row.kind}")
    days = [season.day(d) for d in ctx.placement.days]
    sends_at = next_allowed(now, season)
    why = skip_reason(kind, row.due_at, min(days), max(days), sends_at, season=season)
    if why is None and kind is DMKind.PROGRAMME_REMINDER and ctx.programme is not None:
        why = SkipReason.PROGRAMME_WRITTEN  # the host side wrote it since it was planned
    if why is not None:
        return Settle(OutboxStatus.SKIPPED, why.value)
    if sends_at > now:
        return Later(sends_at, "send_window", count_attempt=False)
    return Send(role.value, timeline_dm(kind, ctx, role, season).to_dict())


def _fixed(row: Claimed, now: datetime, window: SendWindow) -> Decision:
    text = row.payload.get("text")
    if not isinstance(text, str) or not text:
        return Settle(OutboxStatus.FAILED, "no_content")
    sends_at = next_allowed(now, window)
    if row.send_until is not None and sends_at >= row.send_until:
        return Settle(OutboxStatus.SKIPPED, SkipReason.STALE.value)
    if sends_at > now:
        return Later(sends_at, "send_window", count_attempt=False)
    content: dict[str, Any] = {"text": text}
    if isinstance(row.payload.get("blocks"), list):
        content["blocks"] = row.payload["blocks"]
    return Send("", content)
