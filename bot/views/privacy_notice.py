"""The privacy notice (`/praktik privatliv`, or *Om dine data* in the sign-up modals and App
Home), and the line that points to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slack_sdk.models import views as slack_views
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
)

from bot.registry.ids import PrivacyAction, View
from bot.slack.message import Message
from bot.texts import dates
from bot.texts import privacy_notice as t
from bot.views.common import button, md, message, modal_view
from bot.views.mrkdwn import escape


@dataclass(frozen=True, slots=True)
class Retention:
    """The retention rule as configured, and what it means for the season in force."""

    months: int
    year: int
    closes: date
    kept_until: date
    # Who is responsible for the data and who runs the server, as configured ("" unnamed).
    controller: str = ""
    hosting: str = ""


def notice_blocks(retention: Retention) -> list[Block]:
    how_long = t.how_long(
        retention.months,
        retention.year,
        dates.day(retention.closes, year=True),
        dates.day(retention.kept_until, year=True),
    )
    sections = (
        (t.STORED_HEADING, t.STORED),
        (t.WHY_HEADING, t.WHY),
        (t.WHO_HEADING, t.WHO),
        (t.HOW_LONG_HEADING, how_long),
        (t.PROCESSORS_HEADING, t.processors(escape(retention.hosting))),
        (t.RIGHTS_HEADING, t.RIGHTS),
        (t.RESPONSIBLE_HEADING, t.responsible(escape(retention.controller))),
    )
    return [md(f"*{heading}*\n{body}") for heading, body in sections]


def notice_message(retention: Retention) -> Message:
    return message(t.TITLE, [HeaderBlock(text=t.TITLE), *notice_blocks(retention)])


def notice_modal(retention: Retention) -> slack_views.View:
    return modal_view(
        View.PRIVACY_NOTICE,
        title=t.MODAL_TITLE,
        close=t.CLOSE,
        blocks=[md(f"*{t.TITLE}*"), *notice_blocks(retention)],
    )


def notice_link() -> list[Block]:
    """Where someone gives their data (the sign-up modals) or looks at it (App Home): a line
    and a button that shows the notice."""
    return [
        ContextBlock(elements=[MarkdownTextObject(text=t.LINK_TEXT)]),
        ActionsBlock(
            block_id=PrivacyAction.SHOW_NOTICE,
            elements=[button(t.LINK_BUTTON, PrivacyAction.SHOW_NOTICE, "notice")],
        ),
    ]
