"""The coordinator's steers in Danish: `/praktik admin match lås|forbyd|placér|fjern`'s
refusals, and the line put over the new preview."""

from __future__ import annotations

from bot.slack.message import Message
from bot.texts import steering as t
from bot.views.common import notice
from models.tables import SteerKind


def wish_label(wish_id: object) -> str:
    return f"P{wish_id}"


def slot_label(slot_id: object) -> str:
    return f"V{slot_id}"


def usage() -> Message:
    return notice(t.STEER_USAGE)


def not_waiting(wish_id: int) -> Message:
    return notice(t.not_waiting(wish_label(wish_id)))


def no_free_seat(slot_id: int) -> Message:
    return notice(t.no_free_seat(slot_label(slot_id)))


def excluded_pair(wish_id: int, slot_id: int) -> Message:
    return notice(t.excluded_pair(wish_label(wish_id), slot_label(slot_id)))


def seats_all_fixed(slot_id: int, free: int) -> Message:
    return notice(t.seats_all_fixed(slot_label(slot_id), free))


def cleared(wish_id: int) -> str:
    """The line over the preview once all said about `wish_id` is forgotten."""
    return t.steered("clear", wish_label(wish_id), None)


def confirmation(
    kind: SteerKind, wish_id: int, slot_id: int, replaced: list[tuple[int, SteerKind]]
) -> str:
    """The new steer, or what it replaced and what holds now (saying the same again
    replaces nothing)."""
    wish, slot = wish_label(wish_id), slot_label(slot_id)
    now = (kind.value, slot)
    lines = [
        t.replaced(wish, (was.value, slot_label(old)), now)
        for old, was in replaced
        if (old, was) != (slot_id, kind)
    ]
    return t.steered_instead(lines) if lines else t.steered(kind.value, wish, slot)
