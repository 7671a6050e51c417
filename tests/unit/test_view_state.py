"""A submitted view's state, read once: whatever a signed request carries, reading never
raises, and the forms answer odd input with the inline errors they always gave."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.season import Season
from bot.service.cohosts import chosen as cohost_chosen
from bot.slack.view_state import ViewState
from bot.texts import err_too_long
from bot.texts import feedback as feedback_texts
from bot.texts import goals as goal_texts
from bot.texts import workshop as workshop_texts
from bot.views.cohosts import CohostBlock
from bot.views.days_change import DaysBlock, chosen_days
from bot.views.feedback import CHECKIN_FORM, FeedbackBlock, read_answer
from bot.views.forms import FormBlock, read_state
from bot.views.goals import GoalsBlock, read_goals
from bot.views.workshop import WorkshopBlock, read_form
from models.forms import GOALS_MAX

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
# A view's state: a shape close to Slack's, with anything JSON can carry in any place.
element_fields = st.sampled_from(
    ("type", "value", "selected_option", "selected_options", "selected_date", "selected_user")
)
elements = st.dictionaries(element_fields, json_values, max_size=4) | json_values
blocks = st.dictionaries(st.sampled_from(("field", "other")), elements, max_size=2) | json_values
views = (
    st.fixed_dictionaries(
        {"state": st.fixed_dictionaries({"values": st.dictionaries(st.text(), blocks)})},
        optional={"private_metadata": json_values, "callback_id": json_values},
    )
    | json_values
)
patient = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def state_of(values: object, **view: Any) -> ViewState:
    return ViewState.parse({"state": {"values": values}, **view})


def one(block: str, element: object) -> ViewState:
    return state_of({block: {"field": element}})


def test_a_real_submission_is_read_whole() -> None:
    state = state_of(
        {
            "name": {"field": {"type": "plain_text_input", "value": "Ærø"}},
            "sector": {"field": {"type": "static_select", "selected_option": {"value": "stat"}}},
            "days": {"field": {"type": "checkboxes", "selected_options": [{"value": "1"}]}},
            "day": {"field": {"type": "datepicker", "selected_date": "2026-09-01"}},
            "time": {"field": {"type": "timepicker", "selected_time": "09:30"}},
            "who": {"field": {"type": "users_select", "selected_user": "U1"}},
            "all": {"field": {"type": "multi_users_select", "selected_users": ["U1", "U2"]}},
        },
        id="V1",
        callback_id="slot_form",
        private_metadata="7",
    )
    assert (state.view_id, state.callback_id, state.private_metadata) == ("V1", "slot_form", "7")
    assert state.text("name") == "Ærø"
    assert state.selected("sector") == "stat"
    assert state.selected_all("days") == ["1"]
    assert state.date("day") == date(2026, 9, 1)
    assert state.time("time") == "09:30"
    assert state.user("who") == "U1"
    assert state.users("all") == ["U1", "U2"]
    assert state.element("name", "other") is None


@pytest.mark.parametrize(
    "view",
    [
        None,
        "V1",
        [],
        {"state": "x"},
        {"state": {"values": []}},
        {"state": {"values": {"b": []}}},
        {"state": {"values": {"b": "field"}}},
        {"state": {"values": {"b": {"field": []}}}},
        {"state": {"values": {"b": {"field": None}}}},
        {"state": {"values": {"b": {"other": {"value": "x"}}}}},
    ],
)
def test_a_state_of_the_wrong_shape_reads_as_nothing_sent(view: object) -> None:
    state = ViewState.parse(view)
    assert state.element("b") is None
    assert (state.text("b"), state.selected("b"), state.date("b"), state.user("b")) == (
        None,
        None,
        None,
        None,
    )
    assert (state.selected_all("b"), state.users("b"), state.selected_text("b")) == ([], [], "")
    assert (state.view_id, state.callback_id, state.private_metadata) == ("", "", "")


@pytest.mark.parametrize(
    "element",
    [
        {"value": ["x"], "selected_option": "x", "selected_options": {"0": {"value": "1"}}},
        {"value": {"text": "x"}, "selected_option": ["x"], "selected_options": "1"},
        {"value": 5, "selected_option": {"value": ["x"]}, "selected_user": ["U1"]},
        {"selected_date": "1. september", "selected_time": 930, "selected_users": "U1"},
    ],
)
def test_fields_of_the_wrong_type_read_as_not_sent(element: dict[str, Any]) -> None:
    state = one("b", element)
    assert (state.text("b"), state.selected("b"), state.date("b"), state.time("b")) == (
        None,
        None,
        None,
        None,
    )
    assert (state.user("b"), state.selected_all("b"), state.users("b")) == (None, [], [])


def test_values_sent_as_numbers_are_read_as_the_forms_always_did() -> None:
    state = one("b", {"selected_option": {"value": 3}, "selected_date": 20260901})
    assert (state.selected("b"), state.selected_text("b")) == (None, "3")
    assert state.date("b") == date(2026, 9, 1)
    ticked = one("b", {"selected_options": [{"value": 2}, {}, "3", {"value": "yes"}]})
    assert ticked.selected_all("b") == ["2", "None", "yes"]


def test_a_huge_string_is_kept_as_sent() -> None:
    huge = "ø" * 1_000_000
    state = one(GoalsBlock.GOALS, {"value": huge})
    assert state.text(GoalsBlock.GOALS) == huge
    assert read_goals(state) == {GoalsBlock.GOALS: err_too_long(GOALS_MAX, len(huge))}


@patient
@given(views)
def test_no_view_makes_reading_raise(view: object) -> None:
    state = ViewState.parse(view)
    for block in [*state.blocks, "b"]:
        for action in [*state.blocks.get(block, {}), "field"]:
            state.text(block, action)
            state.selected(block, action)
            state.selected_text(block, action)
            state.selected_all(block, action)
            state.date(block, action)
            state.time(block, action)
            state.user(block, action)
            state.users(block, action)
        state.first(block)
    read_state(state)
    assert state.metadata_id >= 0


@pytest.mark.parametrize(
    ("metadata", "found"),
    [("17", 17), ("", 0), ("-3", 0), ("١٢", 0), ("9" * 18, 10**18 - 1), ("9" * 5000, 0), ("x", 0)],
)
def test_the_metadata_is_a_row_id_or_none(metadata: str, found: int) -> None:
    # A forged value of thousands of digits made int() raise in the goals, programme and
    # days-change submissions; now it is no proposal, refused like any unknown one.
    assert ViewState.parse({"private_metadata": metadata}).metadata_id == found


@pytest.mark.parametrize("value", [None, ["Mine mål"], {"text": "Mine mål"}, 7, "  \x00 "])
def test_goals_that_are_no_text_are_refused_as_empty(value: object) -> None:
    state = one(GoalsBlock.GOALS, {"type": "plain_text_input", "value": value})
    assert read_goals(state) == {GoalsBlock.GOALS: goal_texts.ERR_GOALS_EMPTY}


def test_a_workshop_form_of_odd_values_gets_an_error_per_field() -> None:
    odd = [["x"], {"value": "x"}, 1300, None]
    state = state_of(
        {
            block: {"field": {"value": v, "selected_date": v, "selected_time": v}}
            for block, v in zip(WorkshopBlock, odd, strict=True)
        }
    )
    got = read_form(state, date(2026, 6, 1), Season.for_year(2026))
    assert got == {
        WorkshopBlock.DAY: workshop_texts.ERR_DAY,
        WorkshopBlock.TIME: workshop_texts.ERR_TIME,
        WorkshopBlock.PLACE: workshop_texts.ERR_PLACE,
    }


def test_read_state_reads_each_element_by_its_type() -> None:
    state = state_of(
        {
            FormBlock.SLOT_WORKPLACE: {"field": {"type": "static_select", "value": "Her"}},
            FormBlock.SLOT_SECTOR: {"field": {"type": "static_select", "selected_option": "stat"}},
            FormBlock.SLOT_DAYS: {"field": {"type": "checkboxes", "selected_options": [{}]}},
            FormBlock.WISH_MANAGER: {"field": {"type": "users_select", "selected_user": 5}},
        }
    )
    raw = read_state(state)
    assert raw.text == {}
    assert raw.choice == {
        FormBlock.SLOT_WORKPLACE: None,
        FormBlock.SLOT_SECTOR: None,
        FormBlock.WISH_MANAGER: None,
    }
    assert raw.choices == {FormBlock.SLOT_DAYS: ["None"]}


def test_feedback_with_odd_answers_gets_the_same_errors() -> None:
    state = state_of(
        {
            FeedbackBlock.RATING: {"field": {"selected_option": ["4"]}},
            FeedbackBlock.PLACEMENT: {"field": {"selected_option": {"value": "12a"}}},
        }
    )
    got = read_answer(CHECKIN_FORM, state)
    assert isinstance(got, dict)
    assert got[FeedbackBlock.PLACEMENT] == feedback_texts.UNKNOWN_PLACEMENT
    assert FeedbackBlock.RATING in got
    # A rating sent as a number is the rating, as it always was.
    rated = one(FeedbackBlock.RATING, {"selected_option": {"value": 4}})
    answer = read_answer(CHECKIN_FORM, rated)
    assert not isinstance(answer, dict) and 4 in answer.values.values()
    # A placement select that is no object is no select: nothing to refuse.
    unsent = state_of({FeedbackBlock.PLACEMENT: {"field": "12"}})
    assert FeedbackBlock.PLACEMENT not in read_answer(CHECKIN_FORM, unsent)


def test_ticked_days_and_the_cohost_are_read_as_sent() -> None:
    days = one(DaysBlock.DAYS, {"selected_options": [{"value": "1"}, {"value": 9}, "2"]})
    assert chosen_days(days) == ["1", "9"]
    assert (
        cohost_chosen(state_of({CohostBlock.SLOT_COHOST: {"any": {"selected_user": "U2"}}})) == "U2"
    )
    assert (
        cohost_chosen(state_of({CohostBlock.SLOT_COHOST: {"any": {"selected_user": ""}}})) is None
    )
    assert (
        cohost_chosen(state_of({CohostBlock.SLOT_COHOST: {"a": [], "b": {"selected_user": "U2"}}}))
        is None
    )
