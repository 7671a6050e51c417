"""Slack listeners, one module per feature, named after the service module it calls
(handlers.slots → bot.service.slots, …). The routing table below is every way in:
each command word, action ID, callback ID and event (all from bot.registry.ids) against the
function that answers it. Nothing registers itself on import.

The rest is shared by the features: commands (the `/praktik` dispatcher), payloads (typed
Slack bodies), presses (answering a button press), modals (answering a submitted modal),
middleware and errors."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Final, TypeVar

from slack_bolt.async_app import AsyncApp

from bot.registry.ids import (
    RATE_PATTERN,
    AdminAction,
    AdminWord,
    Callback,
    Command,
    CoordinatorAction,
    DaysAction,
    DaysCallback,
    Event,
    FeedbackAction,
    FeedbackCallback,
    FindAction,
    GoalsAction,
    GoalsCallback,
    NetworkAction,
    PlacementAction,
    PrivacyAction,
    ProgrammeAction,
    ProgrammeCallback,
    SlotAction,
    Sub,
    WorkshopAction,
    WorkshopCallback,
)
from handlers import (
    admin,
    audit,
    commands,
    days_change,
    feedback,
    find,
    goals,
    home,
    network,
    placements,
    privacy,
    programme,
    report,
    rounds,
    seasons,
    slots,
    stats,
    welcome,
    workshop,
)
from handlers.commands import SubHandler

# A Bolt listener: Bolt passes its arguments by parameter name (ack, body, respond, …, and
# `env` from handlers.middleware), so the signatures differ.
Listener = Callable[..., Awaitable[None]]
K = TypeVar("K")
V = TypeVar("V")


def table(*routes: tuple[K, V]) -> dict[K, V]:
    """A route table; a key listed twice is a mistake, found when the app is built."""
    found: dict[K, V] = {}
    for key, target in routes:
        if key in found:
            raise ValueError(f"routed twice: {key!r}")
        found[key] = target
    return found


# `/praktik admin <word>`: routed after the coordinator check and audit (handlers.admin).
ADMIN_COMMANDS: Final[Mapping[str, SubHandler]] = table(
    (AdminWord.SEASON, seasons.season),
    (AdminWord.SEASON_ASCII, seasons.season),
    (AdminWord.SEASON_EN, seasons.season),
    (AdminWord.ANNOUNCE, admin.announce),
    (AdminWord.TOPICS, admin.topics),
    (AdminWord.TOPIC, admin.topics),
    (AdminWord.MATCH, rounds.match),
    (AdminWord.STATS, stats.season_stats),
    (AdminWord.STATS_DA, stats.season_stats),
    (AdminWord.EXPORT, stats.export),
    (AdminWord.EXPORT_EN, stats.export),
    (AdminWord.REPORT, report.season_report),
    (AdminWord.REPORT_EN, report.season_report),
    (AdminWord.WORKSHOP, workshop.workshop),
    (AdminWord.LOG, audit.admin_log),
)

# `/praktik <word>`; `hjælp` and every unknown word get the help (handlers.commands).
SUBCOMMANDS: Final[Mapping[Sub, SubHandler]] = table(
    (Sub.OFFER, slots.offer),
    (Sub.FIND, find.find),
    (Sub.STATUS, home.status),
    (Sub.WITHDRAW, home.withdraw),
    (Sub.CHECKIN, feedback.checkin),
    (Sub.MY_DATA, privacy.my_data),
    (Sub.DELETE_MY_DATA, privacy.delete_my_data),
    (Sub.PRIVACY, privacy.privacy_notice),
    (Sub.NETWORK, network.network_command),
    (Sub.ADMIN, admin.coordinators_only(ADMIN_COMMANDS)),
)

COMMANDS: Final[Mapping[str, Listener]] = table(
    (Command.PRAKTIK, commands.praktik(SUBCOMMANDS)),
)

ACTIONS: Final[Mapping[str | re.Pattern[str], Listener]] = table(
    (SlotAction.EDIT, slots.on_edit_slot),
    (FindAction.EDIT_WISH, find.on_edit_wish),
    (PlacementAction.REQUEST, placements.on_request),
    (FindAction.MORE_RESULTS, find.on_more),
    (PlacementAction.ACCEPT, placements.on_accept),
    (PlacementAction.DECLINE, placements.on_decline),
    (PlacementAction.WITHDRAW_HOST, placements.on_withdraw_host),
    (PlacementAction.WITHDRAW_INTERN, placements.on_withdraw_intern),
    (PrivacyAction.DELETE_MY_DATA, privacy.on_delete_my_data),
    (PrivacyAction.SHOW_NOTICE, privacy.on_show_notice),
    (NetworkAction.JOIN, network.on_join),
    (NetworkAction.CONFIRM, network.on_confirm),
    (re.compile(RATE_PATTERN), feedback.on_rate),  # one action ID per rating
    (FeedbackAction.COMMENT, feedback.on_comment),
    (FeedbackAction.EVALUATE, feedback.on_evaluate),
    (AdminAction.ANNOUNCE_SEND, admin.on_announce_send),
    (AdminAction.ANNOUNCE_SEND_LAST, admin.on_announce_send),
    (AdminAction.ANNOUNCE_SEND_BOTH, admin.on_announce_send),
    (CoordinatorAction.MATCH_SEND_STABIL, rounds.on_send),
    (CoordinatorAction.MATCH_SEND_FLEST, rounds.on_send),
    (CoordinatorAction.MATCH_PAGE, rounds.on_page),
    (CoordinatorAction.MATCH_PAGE_PREVIOUS, rounds.on_page),
    (CoordinatorAction.MATCH_PAGE_MODE, rounds.on_page),
    (WorkshopAction.COMING, workshop.on_answer),
    (WorkshopAction.NOT_COMING, workshop.on_answer),
    (DaysAction.CHANGE, days_change.on_change),
    (DaysAction.ACCEPT, days_change.on_answer),
    (DaysAction.DECLINE, days_change.on_answer),
    (GoalsAction.EDIT, goals.on_edit),
    (GoalsAction.FOLLOWUP, feedback.on_followup),
    (ProgrammeAction.WRITE, programme.on_write),
)

# Modal submissions, by the view's callback ID.
VIEWS: Final[Mapping[str, Listener]] = table(
    (Callback.SLOT_FORM, slots.on_slot_form),
    (Callback.WISH_FORM, find.on_wish_form),
    (FeedbackCallback.CHECKIN, feedback.on_checkin_form),
    (FeedbackCallback.EVALUATION, feedback.on_evaluation_form),
    (WorkshopCallback.FORM, workshop.on_form),
    (DaysCallback.FORM, days_change.on_form),
    (GoalsCallback.FORM, goals.on_form),
    (GoalsCallback.FOLLOWUP, feedback.on_followup_form),
    (ProgrammeCallback.FORM, programme.on_form),
)

EVENTS: Final[Mapping[str, Listener]] = table(
    (Event.APP_HOME_OPENED, home.on_home_opened),
    (Event.TEAM_JOIN, welcome.on_team_join),
)


def register_all(app: AsyncApp) -> None:
    for command, on_command in COMMANDS.items():
        app.command(command)(on_command)
    for action_id, on_action in ACTIONS.items():
        app.action(action_id)(on_action)
    for callback_id, on_view in VIEWS.items():
        app.view(callback_id)(on_view)
    for event, on_event in EVENTS.items():
        app.event(event)(on_event)
