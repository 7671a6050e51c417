"""Reading the sign-up modals: the form, or per field the Danish sentence to show inline in
the modal (Slack's `response_action: errors`). Parsing never raises.

The data rules themselves (limits, the cleaning of text, the capacity's range) are
models.forms; this module applies them and finds each field's problem, which
bot.views.forms words.
"""

from __future__ import annotations

import re

from bot.domain.geo import CENTRAL_ADMINISTRATION, REGIONS, Sector, municipality
from bot.views.forms import FieldProblem, TooLong, field_errors
from models.forms import (
    DESCRIPTION_MAX,
    WISH_TEXTS,
    WORKPLACE_MAX,
    Raw,
    SlotForm,
    WishForm,
    clean_text,
    parse_capacity,
)

Errors = dict[str, str]
Problems = dict[str, FieldProblem | TooLong]


def _days(values: list[str], problems: Problems, key: str) -> tuple[int, ...]:
    weekdays = {"1", "2", "3", "4", "5"}
    days = sorted({int(v) for v in values if v in weekdays})
    # A made-up day next to real ones is refused too, not silently dropped.
    if not days or any(v not in weekdays for v in values):
        problems[key] = FieldProblem.NO_DAY
    return tuple(days)


def _sector(value: str | None, problems: Problems, key: str) -> Sector:
    try:
        return Sector(value or "")
    except ValueError:
        problems[key] = FieldProblem.SECTOR
        return Sector.KOMMUNE


def _workplace(value: str | None, problems: Problems, key: str) -> str:
    workplace = clean_text(value)
    if not workplace:
        problems[key] = FieldProblem.WORKPLACE_EMPTY
    elif len(workplace) > WORKPLACE_MAX:
        problems[key] = TooLong(WORKPLACE_MAX, len(workplace))
    return workplace


def _long_text(value: str | None, limit: int, problems: Problems, key: str) -> str:
    text = clean_text(value)
    if len(text) > limit:
        problems[key] = TooLong(limit, len(text))
    return text


def _topics(values: list[str], known: set[str], problems: Problems, key: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in known]
    if unknown:
        problems[key] = FieldProblem.TOPIC
    return tuple(sorted(set(values) & known))


def parse_slot(raw: Raw, *, known_topics: set[str], keys: dict[str, str]) -> SlotForm | Errors:
    problems: Problems = {}
    workplace = _workplace(raw.text.get("workplace"), problems, keys["workplace"])
    sector = _sector(raw.choice.get("sector"), problems, keys["sector"])
    where = raw.choice.get("municipality") or ""
    region: str | None = None
    if where == CENTRAL_ADMINISTRATION:
        if sector is not Sector.STAT:
            problems[keys["municipality"]] = FieldProblem.CENTRAL_ONLY_STATE
    else:
        found = municipality(where)
        if found is None:
            problems[keys["municipality"]] = FieldProblem.MUNICIPALITY
        else:
            where, region = found.code, found.region
    capacity = parse_capacity(raw.text.get("capacity"))
    if capacity is None:
        problems[keys["capacity"]] = FieldProblem.CAPACITY
    days = _days(raw.choices.get("days", []), problems, keys["days"])
    topics = _topics(raw.choices.get("topics", []), known_topics, problems, keys["topics"])
    description = _long_text(
        raw.text.get("description"), DESCRIPTION_MAX, problems, keys["description"]
    )
    if problems:
        return field_errors(problems)
    assert capacity is not None
    return SlotForm(workplace, sector, where, region, capacity, days, topics, description)


def parse_wish(raw: Raw, *, known_topics: set[str], keys: dict[str, str]) -> WishForm | Errors:
    problems: Problems = {}
    workplace = _workplace(raw.text.get("workplace"), problems, keys["workplace"])
    sector = _sector(raw.choice.get("sector"), problems, keys["sector"])
    home = raw.choice.get("municipality")
    home_code: str | None = None
    if home:
        found = municipality(home)
        if found is None and home != CENTRAL_ADMINISTRATION:
            problems[keys["municipality"]] = FieldProblem.MUNICIPALITY
        home_code = found.code if found else CENTRAL_ADMINISTRATION
    topics = _topics(raw.choices.get("topics", []), known_topics, problems, keys["topics"])
    wanted: list[Sector] = []
    for value in raw.choices.get("wanted_sectors", []):
        try:
            wanted.append(Sector(value))
        except ValueError:
            problems[keys["wanted_sectors"]] = FieldProblem.SECTOR
    regions = raw.choices.get("wanted_regions", [])
    if any(r not in REGIONS for r in regions):
        problems[keys["wanted_regions"]] = FieldProblem.REGION
    days = _days(raw.choices.get("days", []), problems, keys["days"])
    texts = {
        name: _long_text(raw.text.get(name), limit, problems, keys.get(name, name))
        for name, limit in WISH_TEXTS.items()
    }
    manager = raw.choice.get("manager") or None
    if manager is not None and not re.fullmatch(r"[UW][A-Z0-9]{2,30}", manager):
        problems[keys["manager"]] = FieldProblem.MANAGER
    if problems:
        return field_errors(problems)
    return WishForm(
        workplace=workplace,
        sector=sector,
        municipality=home_code,
        topics=topics,
        wanted_sectors=tuple(sorted(set(wanted))),
        wanted_regions=tuple(r for r in REGIONS if r in regions),
        days=days,
        manager_user_id=manager,
        **texts,
    )
