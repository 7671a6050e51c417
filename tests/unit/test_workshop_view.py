"""The workshop's dates: without a year in the season's year, with one outside it."""

from __future__ import annotations

from datetime import date

from bot.views.workshop import answer_until, when
from models.tables import Workshop


def test_a_date_outside_the_seasons_year_carries_its_year() -> None:
    inside = Workshop(season_year=2027, day=date(2027, 8, 25), time="13:00", place="Her")
    assert when(inside) == "ons 25. aug. kl. 13.00"
    assert answer_until(inside) == "tir 24. aug."
    before = Workshop(season_year=2028, day=date(2027, 12, 1), time="09:30", place="Her")
    assert when(before) == "ons 1. dec. 2027 kl. 09.30"
    new_year = Workshop(season_year=2028, day=date(2028, 1, 1), time="10:00", place="Her")
    assert answer_until(new_year) == "fre 31. dec. 2027"
