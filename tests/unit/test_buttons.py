"""A button's value decodes to what its view encoded, and anything else to None (never an
exception): Slack delivers any value of up to 2,000 characters to whoever signs it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.buttons.values import (
    MAX_VALUE,
    Announcement,
    DaysChangeButton,
    MatchPage,
    MatchSend,
    MoreResults,
    PlacementButton,
    ProposalAnswer,
    ProposalButton,
    SlotButton,
    WorkshopButton,
    number,
)
from bot.domain.placement import ANSWERING, Role
from bot.matching.solvers import Mode

ROW_BUTTONS = (SlotButton, ProposalButton, PlacementButton, DaysChangeButton, WorkshopButton)
CODECS: tuple[Any, ...] = (*ROW_BUTTONS, ProposalAnswer, MoreResults, MatchSend, MatchPage)

row_ids = st.integers(min_value=0, max_value=10**11 - 1)
modes = st.sampled_from(list(Mode))
# Whatever a search or an announcement can hold, within what its view lets through.
texts = st.text(max_size=200)


@given(st.sampled_from(ROW_BUTTONS), row_ids)
def test_a_row_button_round_trips(codec: Any, row_id: int) -> None:
    made = codec(row_id)
    assert codec.decode(made.encode()) == made
    assert codec.id_of(made.encode()) == row_id


@given(row_ids, st.sampled_from(ANSWERING))
def test_a_proposal_answer_round_trips(proposal_id: int, role: Role) -> None:
    made = ProposalAnswer(proposal_id, role)
    assert ProposalAnswer.decode(made.encode()) == made


@given(st.integers(min_value=0, max_value=10**6), texts)
def test_more_results_round_trips_whatever_the_query_holds(offset: int, query: str) -> None:
    made = MoreResults(offset, query)
    assert MoreResults.decode(made.encode()) == made


@given(modes, st.integers(min_value=0, max_value=999_999))
def test_a_match_send_round_trips(mode: Mode, round_no: int) -> None:
    made = MatchSend(mode, round_no)
    assert MatchSend.decode(made.encode()) == made


@given(modes, st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=999_999))
def test_a_match_page_round_trips(mode: Mode, page: int, round_no: int) -> None:
    made = MatchPage(mode, page, round_no)
    assert MatchPage.decode(made.encode()) == made


@given(st.lists(st.integers(min_value=1000, max_value=9999), min_size=1, max_size=2), texts)
def test_an_announcement_round_trips(years: list[int], text: str) -> None:
    made = Announcement(tuple(years), text)
    assert Announcement.decode(made.encode()) == made


def test_the_values_are_those_old_buttons_carry() -> None:
    """Buttons already sent keep working: the formats are the ones views always wrote."""
    assert SlotButton(42).encode() == "42"
    assert ProposalAnswer(7, Role.INTERN).encode() == "7:intern"
    assert MoreResults(10, "jura|ret").encode() == "10|jura|ret"
    assert MatchSend(Mode.FLEST, 3).encode() == "flest:3"
    assert MatchPage(Mode.STABIL, 2, 3).encode() == "stabil:2:3"
    assert Announcement((2025, 2026), "Hej").encode() == "2025,2026|Hej"


def test_an_announcement_from_before_buttons_named_seasons_is_for_the_season_in_force() -> None:
    assert Announcement.decode("Hej alle | også jer") == Announcement((), "Hej alle | også jer")
    assert Announcement.decode("") == Announcement((), "")
    assert Announcement.decode("x" * (MAX_VALUE + 1)) is None


HOSTILE = [
    "",
    ":",
    "|",
    "-1",
    "1.5",
    " 1",
    "1e3",
    "١٢",
    "²",
    "0x1f",
    "12345678901234567890",
    "9" * 100_000,
    "ø" * (MAX_VALUE + 1),
    "1:",
    ":host",
    "1:HOST",
    "1:host:",
    "stabil",
    "stabil:",
    "stabil:x",
    "stabil:1:",
    "stabil:1:2:3",
    "STABIL:1:2",
    "stabil:12345:1",
    "stabil:1:1234567",
    "flest:-1",
    "x|jura",
    "-1|jura",
    "\x00:\x00",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("codec", CODECS, ids=lambda c: c.__name__)
def test_a_hostile_value_decodes_to_none(codec: Any, value: str) -> None:
    assert codec.decode(value) is None


@given(st.text(max_size=MAX_VALUE + 10))
def test_no_value_makes_a_codec_raise(value: str) -> None:
    for codec in CODECS:
        found = codec.decode(value)
        assert found is None or isinstance(found, codec)
    Announcement.decode(value)


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "9" * 12])
def test_a_row_button_that_names_no_row_gives_id_0(value: str) -> None:
    assert SlotButton.decode(value) is None
    assert ProposalButton.id_of(value) == 0


def test_the_longest_number_we_take_is_eleven_digits() -> None:
    assert number("9" * 11) == 99_999_999_999
    assert number("9" * 12) is None
    assert number("0") == 0


def test_a_co_host_side_in_an_answer_value_is_refused_like_any_forged_side() -> None:
    # A co-host answers as the host; a value naming the co-host was never made by a view.
    assert ProposalAnswer.decode("12:cohost") is None
    assert ProposalAnswer.decode("12:host") == ProposalAnswer(12, Role.HOST)
