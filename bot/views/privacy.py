"""mine-data's file as a person reads it, and slet-mine-data's prompt before erasing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ConfirmObject, SectionBlock

from bot import texts
from bot.domain.geo import CENTRAL_ADMINISTRATION, municipality
from bot.registry.ids import PrivacyAction
from bot.slack.message import Message
from bot.texts import privacy as t
from bot.views.common import button, message, notice


def delete_prompt() -> Message:
    confirm = ConfirmObject(
        title=t.DELETE_CONFIRM_TITLE,
        text=t.DELETE_CONFIRM_TEXT,
        confirm=t.DELETE_YES,
        deny=t.DELETE_NO,
        style="danger",
    )
    return message(
        t.DELETE_PROMPT,
        [
            SectionBlock(text=t.DELETE_PROMPT),
            ActionsBlock(
                elements=[
                    button(
                        t.DELETE_BUTTON,
                        PrivacyAction.DELETE_MY_DATA,
                        "delete",
                        style="danger",
                        confirm=confirm,
                    )
                ]
            ),
        ],
    )


def readable_export(data: Mapping[str, Any]) -> dict[str, Any]:
    """models.privacy.export for the person who asked: the same fields under Danish keys,
    codes as words (statuses, answers, days, municipalities, sectors, kinds of message).
    Dates and times stay ISO 8601 and IDs stay as they are, so the file is still data; a
    field without a Danish key keeps its own rather than go missing (it is the GDPR export)."""
    return {t.EXPORT_KEYS.get(key, key): _readable(key, value) for key, value in data.items()}


def _readable(key: str, value: Any) -> Any:
    if isinstance(value, list):
        if key in ("days", "old_days"):  # a programme's days are entries with their day
            return [readable_export(d) if isinstance(d, Mapping) else _weekday(d) for d in value]
        if key == "wanted_sectors":
            return [texts.SECTOR_LABELS.get(s, s) for s in value]
        return [readable_export(v) if isinstance(v, Mapping) else v for v in value]
    if isinstance(value, Mapping):
        # A message's payload and an audit entry's detail are kept as they were stored.
        return dict(value) if key in _AS_STORED else readable_export(value)
    if isinstance(value, bool):
        return (t.EXPORT_COMING if key == "coming" else t.EXPORT_YES_NO)[value]
    if key == "day":
        return _weekday(value)
    if not isinstance(value, str):
        return value
    words = _WORDS.get(key)
    if words is not None:
        return words.get(value, value)
    if key == "municipality":
        return _municipality(value)
    return value


_AS_STORED = frozenset({"payload", "detail"})
_WORDS: dict[str, Mapping[str, str]] = {
    "status": t.EXPORT_STATUS,
    "host_answer": t.EXPORT_ANSWERS,
    "intern_answer": t.EXPORT_ANSWERS,
    "manager_answer": t.EXPORT_ANSWERS,
    "origin": t.EXPORT_ORIGINS,
    "role": t.EXPORT_ROLES,
    "proposer_side": t.EXPORT_ROLES,
    "sector": texts.SECTOR_LABELS,
    "kind": texts.DM_KIND_LABELS,
    "reason": t.EXPORT_REASONS,
}


def _weekday(day: Any) -> Any:
    return t.EXPORT_WEEKDAYS[day - 1] if isinstance(day, int) and 1 <= day <= 7 else day


def _municipality(code: str) -> str:
    if code == CENTRAL_ADMINISTRATION:
        return texts.CENTRAL_ADMINISTRATION_LABEL
    found = municipality(code)
    return found.name if found else code


def my_data_file(data: Mapping[str, Any]) -> dict[str, str]:
    """The upload's arguments for `mine-data`: the readable export as a JSON file."""
    return {
        "filename": "praktikbot-mine-data.json",
        "title": t.EXPORT_TITLE,
        "content": json.dumps(readable_export(data), ensure_ascii=False, indent=2),
        "initial_comment": t.EXPORT_SENT,
    }


def my_data_sent(*, sent: bool) -> Message:
    return notice(t.EXPORT_SENT if sent else t.EXPORT_FAILED)


def nothing_held() -> Message:
    return notice(t.NOTHING_HELD)


def erased(*, anything: bool) -> Message:
    """The answer to `slet-mine-data`: erased, or there was nothing to erase."""
    return notice(t.DELETED if anything else t.NOTHING_HELD)
