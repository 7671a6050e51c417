"""The README's section for the data protection officer describes every table and field in
models/tables.py, and says what the privacy notice says: a new table or field without a
description, or a notice that drifts from the README, fails here."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - registers every table on the metadata
from bot.domain.retention import DEFAULT_MONTHS as RETENTION_MONTHS
from bot.domain.retention import add_months as months_after
from bot.domain.retention import retention_day
from bot.domain.season import Season
from bot.process.config import Settings
from bot.texts import privacy_notice as t

README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "## Personal data: for the data protection officer"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADING)
    end = text.find("\n## ", start + len(HEADING))
    return text[start : end if end != -1 else len(text)]


def _tables() -> dict[str, str]:
    parts = re.split(r"^### `([a-z_]+)`$", _section(), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("table", sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name))
def test_every_table_and_field_is_described(table: object) -> None:
    described = _tables()
    name = table.name  # type: ignore[attr-defined]
    assert name in described, f"README: no section for table `{name}`"
    missing = [c.name for c in table.columns if f"`{c.name}`" not in described[name]]  # type: ignore[attr-defined]
    assert not missing, f"README, `{name}`: fields not described: {missing}"
    assert "Kept:" in described[name], f"README, `{name}`: no retention"


def test_the_readme_describes_no_table_that_is_gone() -> None:
    assert set(_tables()) == set(SQLModel.metadata.tables)


def test_the_notice_and_the_readme_state_one_retention_rule_and_the_same_processors() -> None:
    section = _section()
    default = Settings.model_fields["praktik_retention_months"].default
    assert default == RETENTION_MONTHS
    assert f"`PRAKTIK_RETENTION_MONTHS` months\n(default {RETENTION_MONTHS}" in section
    assert "15 January\nafter week 37: season 2027's on 15 January 2029" in section
    assert retention_day(Season.for_year(2027).year, RETENTION_MONTHS) == date(2029, 1, 15)
    assert "15. jan. 2028" in t.how_long(12, 2027, "lør 15. jan. 2028", "man 15. jan. 2029")
    for command in ("/praktik mine-data", "/praktik slet-mine-data", "/praktik privatliv"):
        assert command in section
    assert "Slack" in section and t.PROCESSORS[0][0] == "Slack"
    assert "hosting and database" in section and t.PROCESSORS[1][0] == "driften"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_notice_and_the_readme_say_the_same_of_the_network_goals_and_programme() -> None:
    section = _flat(_section())
    tables = {name: _flat(text) for name, text in _tables().items()}
    # The network entry: only by choice, seen by whoever searches, kept past retention until
    # the person leaves it or erases their data.
    entry = tables["networkentry"]
    assert "Read by: every member who searches" in entry
    assert "(`netværk fra`) or erases their data; not touched by the retention rule" in entry
    assert "*every member who searches the network*" in section
    assert "/praktik netværk til" in t.STORED and t.WHO_NETWORK in t.WHO
    assert "/praktik netværk fra" in t.NETWORK_KEPT
    assert t.NETWORK_KEPT in t.how_long(12, 2027, "lør 15. jan. 2028", "man 15. jan. 2029")
    # The goals and the programme: both sides read them.
    assert "Read by: both sides" in tables["programme"]
    assert "both sides see the intern's goals and the host side's programme" in section
    assert t.WHO_BOTH_SIDES in t.WHO
    for field in ("goals", "quote_ok"):
        assert f"`{field}`" in tables["placement" if field == "goals" else "evaluation"]


@pytest.mark.parametrize(
    ("day", "months", "then"),
    [
        (date(2028, 1, 15), 12, date(2029, 1, 15)),
        (date(2028, 1, 15), 7, date(2028, 8, 15)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 1, 15), 36, date(2031, 1, 15)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
    ],
)
def test_months_after(day: date, months: int, then: date) -> None:
    assert months_after(day, months) == then


def test_a_retention_that_is_not_positive_stops_start_up() -> None:
    from bot.process.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="PRAKTIK_RETENTION_MONTHS"):
        load_settings(
            slack_bot_token="xoxb-1",
            slack_signing_secret="a" * 32,
            praktik_retention_months=0,
        )
