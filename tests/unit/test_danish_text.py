"""Danish where numbers and names meet nouns, and the one way days and times are written."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.domain.season import Season, day_label
from bot.texts import dates, timeline
from bot.texts.grammar import genitive, noun, plural
from tests.orthography import DOUBLE_STOP

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


def test_a_sentence_ends_with_one_full_stop_after_a_date() -> None:
    # The abbreviation's full stop ends the sentence too: never "sep..".
    assert dates.full_stop("fre 17. sep.") == "fre 17. sep."
    assert dates.full_stop("tor 16. sep., fre 17. sep.") == "tor 16. sep., fre 17. sep."
    assert dates.full_stop("fre 17. sep. kl. 09.00") == "fre 17. sep. kl. 09.00."
    assert dates.full_stop("fre 11. jun. 2027") == "fre 11. jun. 2027."
    assert dates.full_stop("man 10. maj") == "man 10. maj."
    friday = dates.day(date(2027, 9, 17))
    assert texts.placement_as_intern("Ærø Kommune", friday, ["Bo Hansen"], texts.When.NOW) == (
        "Du er i praktik hos *Ærø Kommune* – fre 17. sep. Vært: Bo Hansen."
    )
    assert texts.confirmed_host("Anna", "man 10. maj") == (
        "🎉 Aftalen er bekræftet! Anna kommer i praktik hos dig – man 10. maj."
    )
    assert timeline.intro_intern("Ærø Kommune", friday).startswith(
        "👋 Om to uger er du i praktik hos *Ærø Kommune* – fre 17. sep. Her er din vært. "
    )
    assert timeline.checkin_answered(4, "fre 11. jun. 2027").endswith("indtil fre 11. jun. 2027.")


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("– tor 16. sep., fre 17. sep..", True),
        ("begynder fre 17. sep. . Her", True),
        ("tor 16. sep., fre 17. sep.", False),
        ("fre 17. sep.: Check-in", False),
        ("fre 17. sep. kl. 09.00.", False),
        ("man 10. maj.", False),
    ],
)
def test_the_scenario_check_finds_a_doubled_full_stop(text: str, doubled: bool) -> None:
    assert bool(DOUBLE_STOP.search(text)) is doubled
