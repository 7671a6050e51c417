"""The scheduled DMs of a placement, one builder per DMKind, from fresh placement data.

The dispatcher builds each DM when it sends it (not when it was planned), so a changed
title, workplace or description shows as it is that day. The check-in and evaluation
builders are also used to redraw their DM after an answer (chat.update).
"""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.buttons.values import PlacementButton
from bot.domain.placement import Role
from bot.domain.season import Season, day_label
from bot.registry.ids import DMKind, FeedbackAction, GoalsAction, rating_action
from bot.slack.message import Message
from bot.texts import dates
from bot.texts import goals as goal_texts
from bot.texts import timeline as texts
from bot.texts.grammar import listing
from bot.views import goals as goal_views
from bot.views import network as network_views
from bot.views import programme as programme_views
from bot.views.common import button, days_text, md, mention, message, notice, place_text, user_text
from bot.views.mrkdwn import literal
from bot.views.mrkdwn import workplace as workplace_text
from models.anonymise import ERASED, is_stand_in
from models.feedback import PlacementContext
from models.hosts import hosts
from models.tables import Participant


def _note(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def name_of(person: Participant) -> str:
    return literal(person.name or person.slack_user_id, 100)


def gone(person: Participant) -> bool:
    """Erased (`slet-mine-data`): a placement that has begun keeps them, as a pseudonym."""
    return is_stand_in(person.slack_user_id)


def who(person: Participant) -> str:
    """A mention with the name beside it, so it reads well in notifications too."""
    if gone(person):
        return texts.ERASED_SIDE
    return f"{mention(person.slack_user_id)} ({name_of(person)})"


def workplace_of(ctx: PlacementContext) -> str:
    if ctx.deal.slot.workplace == ERASED:
        return texts.ERASED_WORKPLACE
    return workplace_text(ctx.deal.slot.workplace)


def date_text(day: date) -> str:
    return dates.day(day, year=True)


def first_day(ctx: PlacementContext, season: Season) -> date:
    return season.day(min(ctx.placement.days))


def _other(ctx: PlacementContext, role: Role) -> Participant:
    return ctx.deal.intern if role.hosts else ctx.deal.host


def _whom(ctx: PlacementContext, role: Role) -> str:
    """The other side, named: the intern, or for her whoever hosts (host and co-host)."""
    return who(ctx.deal.intern) if role.hosts else listing([who(h) for h in hosts(ctx.deal)])


def _intro(ctx: PlacementContext, role: Role, season: Season) -> Message:
    days = days_text(ctx.placement.days, season)
    other = _other(ctx, role)
    if role.hosts:
        head = texts.intro_host(who(other), days)
        about = (texts.INTERN_WISH, ctx.deal.wish.text if ctx.deal.wish else "")
        label = texts.YOUR_INTERN
    else:
        head = texts.intro_intern(workplace_of(ctx), days, len(hosts(ctx.deal)))
        about = (texts.HOST_DESCRIPTION, ctx.deal.slot.description)
        label = texts.your_hosts(len(hosts(ctx.deal)))
    fields = [MarkdownTextObject(text=f"*{label}*\n{_whom(ctx, role)}")]
    if other.title or other.workplace:
        heading = texts.TITLE_AND_WORKPLACE if other.title else texts.WORKPLACE
        fields.append(MarkdownTextObject(text=f"*{heading}*\n{_title_at(other)}"))
    fields.append(MarkdownTextObject(text=f"*{texts.DAYS}*\n{days}"))
    blocks: list[Block] = [md(head), SectionBlock(fields=fields)]
    if about[1]:
        blocks.append(md(f"*{about[0]}*\n{user_text(about[1], 1500)}"))
    if role.hosts and ctx.placement.goals:
        blocks.append(md(f"*{goal_texts.INTERN_GOALS}*\n{user_text(ctx.placement.goals, 1500)}"))
    blocks.append(_note(texts.INTRO_TIP))
    blocks += _agree(ctx, role)
    return message(head, blocks)


def _agree(ctx: PlacementContext, role: Role) -> list[Block]:
    """What both sides are asked to agree before the days, each opening its own form: the
    host side writes the programme, the intern refines her learning goals."""
    elements: list[ButtonElement] = []
    if role.hosts:
        written = ctx.programme is not None
        elements.append(programme_views.write_button(ctx.deal.proposal.id, written))
    else:
        elements.append(goal_views.edit_button(ctx.deal.proposal.id))
    return [ActionsBlock(block_id=f"agree_{ctx.id}", elements=elements)] if elements else []


def _title_at(person: Participant) -> str:
    """ "Klimakoordinator, Ærø Kommune" – title and workplace as the person gave them."""
    parts = [user_text(p, 150) for p in (person.title, person.workplace) if p]
    return ", ".join(parts)


def _practical(ctx: PlacementContext, role: Role, season: Season) -> Message:
    start = day_label(first_day(ctx, season))
    other = _other(ctx, role)
    slot = ctx.deal.slot
    if role.hosts:
        head = texts.practical_host(who(other), start)
        arrival = texts.PRACTICAL_ARRIVAL_HOST
    else:
        head = texts.practical_intern(workplace_of(ctx), start)
        arrival = texts.PRACTICAL_ARRIVAL_INTERN
    where = f"{workplace_of(ctx)}, {place_text(slot.municipality, slot.region)}"
    fields = [
        MarkdownTextObject(text=f"*{texts.PLACE}*\n{where}"),
        MarkdownTextObject(text=f"*{texts.FIRST_DAY}*\n{start}"),
        MarkdownTextObject(text=f"*{texts.DAYS}*\n{days_text(ctx.placement.days, season)}"),
        MarkdownTextObject(text=f"*{texts.CONTACT}*\n{_whom(ctx, role)}"),
    ]
    blocks: list[Block] = [md(head), SectionBlock(fields=fields)]
    if ctx.programme is not None:  # what was agreed, rather than the advice to agree it
        blocks += programme_views.programme_blocks(
            ctx.programme, season, ctx.placement.days, hosts=role.hosts
        )
    else:
        blocks.append(md(arrival))
    blocks.append(_note(texts.AGREEMENT_LINK))
    return message(head, blocks)


def _welcome(ctx: PlacementContext, role: Role) -> Message:
    if role.hosts:
        head = texts.welcome_host(who(ctx.deal.intern))
    else:
        head = texts.welcome_intern(workplace_of(ctx))
    return notice(head)


def checkin_message(ctx: PlacementContext, role: Role, season: Season) -> Message:
    """The last-day DM; with the stored answer marked once there is one."""
    if role.hosts:
        intern = ctx.deal.intern
        head = texts.checkin_host(name_of(intern), mention(intern.slack_user_id))
    else:
        head = texts.checkin_intern(workplace_of(ctx))
    answer = ctx.checkins.get(role)
    value = PlacementButton(ctx.id).encode()
    ratings = [
        button(
            str(n),
            rating_action(n),
            value,
            style="primary" if answer is not None and answer.rating == n else None,
        )
        for n in range(1, 6)
    ]
    has_comment = answer is not None and bool(answer.comment)
    comment = button(
        texts.EDIT_COMMENT if has_comment else texts.ADD_COMMENT, FeedbackAction.COMMENT, value
    )
    blocks: list[Block] = [
        md(head),
        ActionsBlock(block_id=f"checkin_{ctx.id}", elements=[*ratings, comment]),
        _note(texts.CHECKIN_SCALE),
    ]
    until = date_text(season.close_date)
    if answer is not None:
        blocks.append(_note(texts.checkin_answered(answer.rating, until)))
        if answer.comment:
            blocks.append(_note(user_text(answer.comment, 1500)))
    return message(head, blocks)


def evaluation_message(ctx: PlacementContext, role: Role, season: Season) -> Message:
    if role.hosts:
        head = texts.evaluation_host(who(ctx.deal.intern))
    else:
        head = texts.evaluation_intern(workplace_of(ctx))
    answered = role in ctx.evaluations
    label = texts.EDIT_EVALUATION if answered else texts.EVALUATE
    blocks: list[Block] = [
        md(head),
        ActionsBlock(
            block_id=f"evaluation_{ctx.id}",
            elements=[
                button(
                    label,
                    FeedbackAction.EVALUATE,
                    PlacementButton(ctx.id).encode(),
                    style=None if answered else "primary",
                )
            ],
        ),
    ]
    if answered:
        blocks.append(_note(texts.evaluation_answered(date_text(season.close_date))))
    # The network's invitation: blocks of its own, apart from the evaluation's.
    blocks += [network_views.join_intro(), network_views.join_block(ctx.id)]
    return message(head, blocks)


def followup_message(ctx: PlacementContext, role: Role, season: Season) -> Message:
    """The 90-day DM: was something put into practice? Its button opens the short form."""
    if role.hosts:
        intern = ctx.deal.intern
        head = texts.FOLLOWUP_HOST_ALONE if gone(intern) else texts.followup_host(who(intern))
    elif all(gone(host) for host in hosts(ctx.deal)):
        head = texts.FOLLOWUP_INTERN_ALONE
    else:
        head = texts.followup_intern(_whom(ctx, role), workplace_of(ctx))
    answered = role in ctx.followups
    label = goal_texts.FOLLOWUP_EDIT if answered else goal_texts.FOLLOWUP_ANSWER
    blocks: list[Block] = [
        md(head),
        md(goal_texts.PRACTISED),
        ActionsBlock(
            block_id=f"followup_{ctx.id}",
            elements=[
                button(
                    label,
                    GoalsAction.FOLLOWUP,
                    PlacementButton(ctx.id).encode(),
                    style=None if answered else "primary",
                )
            ],
        ),
    ]
    if answered:
        blocks.append(_note(goal_texts.followup_answered(date_text(season.close_date))))
    return message(head, blocks)


def timeline_dm(kind: DMKind, ctx: PlacementContext, role: Role, season: Season) -> Message:
    """The content (text + blocks) of one scheduled DM to the host or the intern."""
    match kind:
        case DMKind.INTRO:
            return _intro(ctx, role, season)
        case DMKind.PRACTICAL:
            return _practical(ctx, role, season)
        case DMKind.WELCOME:
            return _welcome(ctx, role)
        case DMKind.CHECKIN:
            return checkin_message(ctx, role, season)
        case DMKind.EVALUATION:
            return evaluation_message(ctx, role, season)
        case DMKind.FOLLOWUP:
            return followup_message(ctx, role, season)
        case DMKind.PROGRAMME_REMINDER:
            return programme_views.reminder_dm(who(ctx.deal.intern), ctx.deal.proposal.id or 0)
        case DMKind.PROGRAMME_CHANGED:
            return programme_views.changed_dm(
                ctx.programme, ctx.deal.slot.workplace, season, ctx.placement.days
            )
