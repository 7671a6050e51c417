"""What Slack routes by, in one place so views and handlers agree: commands and their words,
events, action and callback IDs (each mapped to its listener in handlers/__init__.py), and the
kinds of DM the outbox keys by.

A modal's block IDs are routed by nothing: only the view that builds the modal and the code that
reads its submission name them, so they live with that view (`FormBlock` in bot/views/forms.py,
`GoalsBlock` in bot/views/goals.py, …).
"""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    PRAKTIK = "/praktik"


class Sub(StrEnum):
    """Subcommands of /praktik (the first word of the command text)."""

    HELP = "hjælp"
    OFFER = "tilbyd"
    FIND = "find"
    STATUS = "status"
    WITHDRAW = "afmeld"
    CHECKIN = "checkin"
    MY_DATA = "mine-data"
    DELETE_MY_DATA = "slet-mine-data"
    PRIVACY = "privatliv"
    NETWORK = "netværk"
    ADMIN = "admin"


class AdminWord(StrEnum):
    """`/praktik admin <word>`: the coordinators' commands, each spelling its own member
    (Danish, without æ/ø/å, English) so the routing table lists every word it answers."""

    SEASON = "sæson"
    SEASON_ASCII = "saeson"
    SEASON_EN = "season"
    ANNOUNCE = "besked"
    TOPICS = "emner"
    TOPIC = "emne"
    MATCH = "match"
    STATS = "stats"
    STATS_DA = "statistik"
    EXPORT = "eksport"
    EXPORT_EN = "export"
    REPORT = "rapport"
    REPORT_EN = "report"
    WORKSHOP = "workshop"
    LOG = "log"


class SeasonVerb(StrEnum):
    """`/praktik admin sæson åbn …` opens a season; any other text shows or sets one."""

    OPEN = "åbn"
    OPEN_ASCII = "aabn"


class Event(StrEnum):
    """Events API event types we listen to."""

    APP_HOME_OPENED = "app_home_opened"
    TEAM_JOIN = "team_join"


class View(StrEnum):
    """Modals that only inform and close: nothing is submitted."""

    ERROR = "praktik_error"
    PRIVACY_NOTICE = "privacy_notice"


class Callback(StrEnum):
    SLOT_FORM = "slot_form"
    WISH_FORM = "wish_form"


class Action(StrEnum):
    """Shared by every modal: each feature's buttons have an enum of their own below."""

    # Form elements (one per input block; the block ID tells which field).
    FIELD = "field"


class SlotAction(StrEnum):
    """Offering a slot: *Ret* on one's slot, and the sign-up buttons that open the form."""

    EDIT = "edit_slot"


class FindAction(StrEnum):
    """Finding a slot: *Ret* on one's wish (and the sign-up buttons), and *Vis flere*."""

    EDIT_WISH = "edit_wish"
    MORE_RESULTS = "more_results"


class PlacementAction(StrEnum):
    """Requests, proposals and placements: *Anmod*, the answers, and withdrawing."""

    REQUEST = "request_slot"
    ACCEPT = "proposal_accept"
    DECLINE = "proposal_decline"
    WITHDRAW_HOST = "withdraw_host"
    WITHDRAW_INTERN = "withdraw_intern"


class FeedbackAction(StrEnum):
    """Buttons of the check-in and evaluation DMs (docs/product.md, "The season")."""

    # One action ID per rating ("checkin_rate_1" … "checkin_rate_5"): action IDs must be
    # unique within a block; `rating_action` builds them, `RATE_PATTERN` matches them.
    RATE = "checkin_rate"
    COMMENT = "checkin_comment"
    EVALUATE = "evaluation_open"


RATE_PATTERN = r"^checkin_rate_[1-5]$"


def rating_action(rating: int) -> str:
    return f"{FeedbackAction.RATE}_{rating}"


class FeedbackCallback(StrEnum):
    CHECKIN = "checkin_form"
    EVALUATION = "evaluation_form"


class AdminAction(StrEnum):
    # The announcement's preview: one button (the season in force), or three while last
    # season's follow-up runs – each with its own ID, as Slack wants within a block.
    ANNOUNCE_SEND = "admin_announce_send"
    ANNOUNCE_SEND_LAST = "admin_announce_send_last"
    ANNOUNCE_SEND_BOTH = "admin_announce_send_both"


class NetworkAction(StrEnum):
    """The network of earlier participants: being findable as a sparring partner."""

    JOIN = "network_join"  # in the evaluation DM: shows what would be visible
    CONFIRM = "network_confirm"  # the confirmation under that preview


class NetworkWord(StrEnum):
    """`/praktik netværk til|fra`; any other text is a search."""

    ON = "til"
    OFF = "fra"


class PrivacyAction(StrEnum):
    DELETE_MY_DATA = "delete_my_data"
    # *Om dine data* in the sign-up modals and App Home: shows the privacy notice.
    SHOW_NOTICE = "privacy_notice_show"


class CoordinatorAction(StrEnum):
    """The coordinators' matching round: one *Send forslag* button per mode (stabil, flest)."""

    MATCH_SEND_STABIL = "admin_match_send_stabil"
    MATCH_SEND_FLEST = "admin_match_send_flest"
    # Paging the named preview, and switching its mode. Slack refuses a block whose buttons
    # share an action_id, so each of the three buttons in the paging row has its own.
    MATCH_PAGE = "admin_match_page"  # *Næste side* (and the only id before they were split)
    MATCH_PAGE_PREVIOUS = "admin_match_page_previous"
    MATCH_PAGE_MODE = "admin_match_page_mode"


class WorkshopAction(StrEnum):
    """The kick-off workshop before week 37: the invitation's two buttons."""

    COMING = "workshop_coming"
    NOT_COMING = "workshop_not_coming"


class WorkshopCallback(StrEnum):
    FORM = "workshop_form"


class DaysAction(StrEnum):
    """Changing a confirmed placement's days when the other side accepts (*Ret dage*)."""

    CHANGE = "days_change_open"  # *Ret dage* in status and App Home
    ACCEPT = "days_change_accept"
    DECLINE = "days_change_decline"


class DaysCallback(StrEnum):
    FORM = "days_change_form"


class GoalsAction(StrEnum):
    """The intern's learning goals for a confirmed placement (*Ret mine mål*)."""

    EDIT = "goals_edit"  # *Ret mine mål* in status and App Home
    FOLLOWUP = "followup_open"  # *Svar* in the 90-day follow-up DM


class GoalsCallback(StrEnum):
    FORM = "goals_form"
    FOLLOWUP = "followup_form"


class DMKind(StrEnum):
    """The DMs of a placement, in timeline order (planned by bot.domain.timeline; outbox keys)."""

    INTRO = "intro"  # T−14 days, 09:00: introduce each other, agree programme and days
    # T−7 days, 09:00, the host side only: the programme is still missing (skipped if written)
    PROGRAMME_REMINDER = "programme_reminder"
    PRACTICAL = "practical"  # 2 working days before the first day, 09:00
    WELCOME = "welcome"  # first placement day, 08:30
    CHECKIN = "checkin"  # last placement day, 15:00
    EVALUATION = "evaluation"  # 3 working days after the last day, 09:00
    FOLLOWUP = "followup"  # 90 days after the last day, 09:00, next working day if weekend
    # Not on the timeline: the intern is told the programme changed, once for a burst of
    # edits (planned by models.programme when the first unsent edit is saved).
    PROGRAMME_CHANGED = "programme_changed"


class ProgrammeAction(StrEnum):
    """The programme for the days of a confirmed placement."""

    WRITE = "programme_write"  # *Skriv programmet* in status, App Home and the T−14 DM


class ProgrammeCallback(StrEnum):
    FORM = "programme_form"


class AskKind(StrEnum):
    """The DMs with answer buttons, sent at once rather than planned: one Slack refuses for
    good is kept as a failed outbox row of this kind, for the coordinators."""

    REQUEST = "request"  # an intern's *Anmod*, to the host and co-host
    PROPOSAL = "proposal"  # a matching round's proposal, to either side
    MANAGER = "manager_request"  # the intern's manager asked to approve


# The host side told that the intern refined her goals: one DM for edits close together.
GOALS_CHANGED_KIND = "goals_changed"
