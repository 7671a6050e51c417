"""The map of personal columns covers every table, and the retention calendar."""

from __future__ import annotations

from datetime import date

from sqlmodel import SQLModel

from bot.domain.retention import (
    DEFAULT_MONTHS,
    add_months,
    expired,
    retention_day,
    to_warn,
    warning_at,
)
from bot.domain.season import COPENHAGEN, local_date
from models.anonymise import PERSONAL, How, values
from models.tables import Participant, Wish
from tests.scenario.seasons import local


def test_every_table_is_placed_in_the_map_of_personal_columns() -> None:
    mapped = {str(table.__tablename__) for table in PERSONAL}
    assert mapped == set(SQLModel.metadata.tables)
    for table, columns in PERSONAL.items():
        assert set(columns) <= set(table.model_fields), table


def test_the_map_gives_erasure_and_retention_the_same_values() -> None:
    assert values(Wish, ["text", "manager_user_id"]) == {"text": "", "manager_user_id": None}
    assert values(Participant, ["slack_user_id"], person="slettet-7") == {
        "slack_user_id": "slettet-7"
    }
    assert PERSONAL[Participant]["name"] is How.BLANK


def test_by_default_a_season_is_kept_twelve_months_after_its_evaluations_close() -> None:
    assert DEFAULT_MONTHS == 12
    assert retention_day(2027, DEFAULT_MONTHS) == date(2029, 1, 15)
    assert retention_day(2027, 3) == date(2028, 4, 15)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert local_date(warning_at(2027, 12), COPENHAGEN) == date(2029, 1, 1)


def test_which_seasons_are_due_and_which_to_warn() -> None:
    assert expired([2026, 2027, 2028], local(1, 14, 23, y=2029), 12) == [2026]
    assert expired([2026, 2027, 2028], local(1, 15, 0, y=2029), 12) == [2026, 2027]
    assert to_warn([2027], local(12, 31, 23, y=2028), 12) == []
    assert to_warn([2027], local(1, 1, 0, y=2029), 12) == [2027]
    assert to_warn([2027], local(1, 15, 0, y=2029), 12) == []
