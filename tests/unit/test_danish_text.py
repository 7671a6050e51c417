"""Danish where numbers and names meet nouns, and the one way days and times are written."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.season import Season, day_label
from bot.texts import dates
from bot.texts.grammar import genitive, noun, plural

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 praktikanter"), (1, "1 praktikant"), (2, "2 praktikanter")]
)
def test_plural_takes_the_singular_only_for_one(n: int, expected: str) -> None:
    assert plural(n, "praktikant", "praktikanter") == expected
    assert noun(n, "vært", "værter") == ("vært" if n == 1 else "værter")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cecilie Nielsen", "Cecilie Nielsens"),
        ("Anna", "Annas"),
        ("Lars", "Lars'"),
        ("Felix", "Felix'"),
        ("Heinz", "Heinz'"),
        ("KLAUS", "KLAUS'"),
        ("Bo ", "Bos"),
        ("", ""),
    ],
)
def test_genitive_of_a_name(name: str, expected: str) -> None:
    assert genitive(name) == expected


def test_one_style_for_days_and_times() -> None:
    friday = datetime(2027, 9, 17, 9, 0, tzinfo=CPH)
    assert dates.moment(friday) == "fre 17. sep. kl. 09.00"
    assert dates.day(friday.date()) == "fre 17. sep."
    assert dates.day(date(2027, 6, 11), year=True) == "fre 11. jun. 2027"
    assert dates.moment(datetime(2027, 5, 10, 23, 5), year=True) == "man 10. maj 2027 kl. 23.05"
    # Every month once: "maj" is not shortened, so it has no full stop.
    months = [dates.day(date(2027, m, 1)).split(" ", 2)[2] for m in range(1, 13)]
    assert months == list(dates.MONTHS) and "maj" in months
    # The season's day labels (the slot modal, DMs, Home) are the same style.
    assert day_label(date(2027, 9, 13)) == "man 13. sep."
    assert [Season.for_year(2027).weekday_label(d) for d in (1, 5)] == [
        "man 13. sep.",
        "fre 17. sep.",
    ]
