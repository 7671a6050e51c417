"""Reading the sign-up modals: the form, or per field the Danish sentence to show inline in
the modal (Slack's `response_action: errors`). Parsing never raises.

The data rules themselves (limits, the cleaning of text, the capacity's range) are
models.forms; this module applies them and words the refusals.
"""

from __future__ import annotations

import re

from bot import texts
from bot.domain.geo import CENTRAL_ADMINISTRATION, REGIONS, Sector, municipality
from models.forms import (
    DESCRIPTION_MAX,
    GOALS_MAX,
    WISH_TEXT_MAX,
    WORKPLACE_MAX,
    Raw,
    SlotForm,
    WishForm,
    clean_text,
    parse_capacity,
)

Errors = dict[str, str]


def _days(values: list[str], errors: Errors, key: str) -> tuple[int, ...]:
    weekdays = {"1", "2", "3", "4", "5"}
    days = sorted({int(v) for v in values if v in weekdays})
    # A made-up day next to real ones is refused too, not silently dropped.
    if not days or any(v not in weekdays for v in values):
        errors[key] = texts.ERR_NO_DAY
    return tuple(days)


def _sector(value: str | None, errors: Errors, key: str) -> Sector:
    try:
        return Sector(value or "")
    except ValueError:
        errors[key] = texts.ERR_SECTOR
        return Sector.KOMMUNE


def _workplace(value: str | None, errors: Errors, key: str) -> str:
    workplace = clean_text(value)
    if not workplace:
        errors[key] = texts.ERR_WORKPLACE_EMPTY
    elif len(workplace) > WORKPLACE_MAX:
        errors[key] = texts.err_too_long(WORKPLACE_MAX, len(workplace))
    return workplace


def _long_text(value: str | None, limit: int, errors: Errors, key: str) -> str:
    text = clean_text(value)
    if len(text) > limit:
        errors[key] = texts.err_too_long(limit, len(text))
    return text


def _topics(values: list[str], known: set[str], errors: Errors, key: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in known]
    if unknown:
        errors[key] = texts.ERR_TOPIC
    return tuple(sorted(set(values) & known))


def parse_slot(raw: Raw, *, known_topics: set[str], keys: dict[str, str]) -> SlotForm | Errors:
    errors: Errors = {}
    workplace = _workplace(raw.text.get("workplace"), errors, keys["workplace"])
    sector = _sector(raw.choice.get("sector"), errors, keys["sector"])
    where = raw.choice.get("municipality") or ""
    region: str | None = None
    if where == CENTRAL_ADMINISTRATION:
        if sector is not Sector.STAT:
            errors[keys["municipality"]] = texts.ERR_CENTRAL_ONLY_STATE
    else:
        found = municipality(where)
        if found is None:
            errors[keys["municipality"]] = texts.ERR_MUNICIPALITY
        else:
            where, region = found.code, found.region
    capacity = parse_capacity(raw.text.get("capacity"))
    if capacity is None:
        errors[keys["capacity"]] = texts.ERR_CAPACITY
    days = _days(raw.choices.get("days", []), errors, keys["days"])
    topics = _topics(raw.choices.get("topics", []), known_topics, errors, keys["topics"])
    description = _long_text(
        raw.text.get("description"), DESCRIPTION_MAX, errors, keys["description"]
    )
    if errors:
        return errors
    assert capacity is not None
    return SlotForm(workplace, sector, where, region, capacity, days, topics, description)


def parse_wish(raw: Raw, *, known_topics: set[str], keys: dict[str, str]) -> WishForm | Errors:
    errors: Errors = {}
    workplace = _workplace(raw.text.get("workplace"), errors, keys["workplace"])
    sector = _sector(raw.choice.get("sector"), errors, keys["sector"])
    home = raw.choice.get("municipality")
    home_code: str | None = None
    if home:
        found = municipality(home)
        if found is None and home != CENTRAL_ADMINISTRATION:
            errors[keys["municipality"]] = texts.ERR_MUNICIPALITY
        home_code = found.code if found else CENTRAL_ADMINISTRATION
    topics = _topics(raw.choices.get("topics", []), known_topics, errors, keys["topics"])
    wanted: list[Sector] = []
    for value in raw.choices.get("wanted_sectors", []):
        try:
            wanted.append(Sector(value))
        except ValueError:
            errors[keys["wanted_sectors"]] = texts.ERR_SECTOR
    regions = raw.choices.get("wanted_regions", [])
    if any(r not in REGIONS for r in regions):
        errors[keys["wanted_regions"]] = texts.ERR_REGION
    days = _days(raw.choices.get("days", []), errors, keys["days"])
    text = _long_text(raw.text.get("text"), WISH_TEXT_MAX, errors, keys["text"])
    goals = _long_text(raw.text.get("goals"), GOALS_MAX, errors, keys.get("goals", "goals"))
    manager = raw.choice.get("manager") or None
    if manager is not None and not re.fullmatch(r"[UW][A-Z0-9]{2,30}", manager):
        errors[keys["manager"]] = texts.ERR_MANAGER
    if errors:
        return errors
    return WishForm(
        workplace=workplace,
        sector=sector,
        municipality=home_code,
        topics=topics,
        wanted_sectors=tuple(sorted(set(wanted))),
        wanted_regions=tuple(r for r in REGIONS if r in regions),
        days=days,
        text=text,
        manager_user_id=manager,
        goals=goals,
    )
