"""Requests, proposals and their outcomes as DMs."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.buttons.values import ProposalAnswer
from bot.domain.placement import ANSWERING, Role
from bot.domain.season import Season
from bot.registry.ids import PlacementAction
from bot.slack.message import Message
from bot.texts import changes
from bot.texts import goals as goal_texts
from bot.texts import returning as returning_texts
from bot.views.cohosts import host_names
from bot.views.common import (
    button,
    days_text,
    mention,
    message,
    notice,
    place_text,
    sector_text,
    user_text,
)
from bot.views.mrkdwn import literal
from bot.views.mrkdwn import workplace as workplace_text
from bot.views.slots import Hit, slot_blocks, suggestions
from models.hosts import hosts
from models.placements import Deal, Outcome, Withdrawal
from models.tables import Participant, ProposalOrigin


def _name(person: Participant) -> str:
    return literal(person.name or person.slack_user_id, 100)


def _profile(intern: Participant, deal: Deal, season: Season) -> SectionBlock:
    wish_text = deal.wish.text if deal.wish else ""
    fields = [
        MarkdownTextObject(
            text=f"*{texts.PROFILE_NAME}*\n{mention(intern.slack_user_id)} ({_name(intern)})"
        ),
        MarkdownTextObject(text=f"*{texts.PROFILE_TITLE}*\n{user_text(intern.title, 150)}"),
        MarkdownTextObject(text=f"*{texts.PROFILE_WORKPLACE}*\n{user_text(intern.workplace, 150)}"),
        MarkdownTextObject(text=f"*{texts.PROFILE_SECTOR}*\n{sector_text(intern.sector)}"),
        MarkdownTextObject(text=f"*{texts.PROFILE_DAYS}*\n{days_text(deal.proposal.days, season)}"),
        MarkdownTextObject(text=f"*{texts.PROFILE_WISH}*\n{user_text(wish_text, 1500)}"),
    ]
    goals = deal.wish.goals if deal.wish else ""
    if goals:
        fields.append(
            MarkdownTextObject(text=f"*{goal_texts.INTERN_GOALS}*\n{user_text(goals, 1500)}")
        )
    return SectionBlock(fields=fields)


def agreed_days(deal: Deal, season: Season) -> SectionBlock:
    """The days of the proposal (the overlap), in the same words to every side."""
    days = days_text(deal.proposal.days, season)
    return SectionBlock(text=MarkdownTextObject(text=changes.agreed_days(days)))


def answer_buttons(
    deal: Deal, role: Role, *, accept: str = texts.ACCEPT, decline: str = texts.DECLINE
) -> ActionsBlock:
    """The buttons of one side; the value names the side, so only its person can press them."""
    value = ProposalAnswer(deal.proposal.id or 0, role).encode()
    return ActionsBlock(
        block_id=f"proposal_{deal.proposal.id}_{role.value}",
        elements=[
            button(accept, PlacementAction.ACCEPT, value, style="primary"),
            button(decline, PlacementAction.DECLINE, value, style="danger"),
        ],
    )


def ask_host(
    deal: Deal, season: Season, deadline: str | None = None, *, visited: int | None = None
) -> Message:
    """`visited`: the earlier season the intern was in placement at this workplace."""
    name = _name(deal.intern)
    intro = (
        texts.request_to_host(name)
        if deal.proposal.origin == ProposalOrigin.REQUEST
        else texts.proposal_to_host(name)
    )
    if visited is not None:
        intro = f"{intro}\n{returning_texts.been_here(visited)}"
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=intro)),
        _profile(deal.intern, deal, season),
        agreed_days(deal, season),
    ]
    if deadline:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.answer_by(deadline))]))
    blocks.append(answer_buttons(deal, Role.HOST))
    return message(intro, blocks)


def ask_intern(deal: Deal, season: Season, deadline: str | None = None) -> Message:
    intro = texts.proposal_to_intern(workplace_text(deal.slot.workplace))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    # The slot as offered, but with the days of this proposal: an intern who can only come
    # Thursday and Friday must not read Monday to Friday.
    blocks += slot_blocks(deal.slot.model_copy(update={"days": list(deal.proposal.days)}), season)
    blocks.append(agreed_days(deal, season))
    if deadline:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=texts.answer_by(deadline))]))
    blocks.append(answer_buttons(deal, Role.INTERN))
    return message(intro, blocks)


def ask_manager(deal: Deal, season: Season) -> Message:
    text = texts.manager_request(
        f"{mention(deal.intern.slack_user_id)} ({_name(deal.intern)})",
        workplace_text(deal.slot.workplace),
        days_text(deal.proposal.days, season),
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        _profile(deal.intern, deal, season),
        agreed_days(deal, season),
        answer_buttons(
            deal, Role.MANAGER, accept=texts.MANAGER_APPROVE, decline=texts.MANAGER_DECLINE
        ),
    ]
    return message(text, blocks)


def outcome(original: Message, line: str) -> Message:
    """The asked message again, with its buttons replaced by what happened."""
    kept = [b for b in original.blocks if not isinstance(b, ActionsBlock)]
    kept.append(ContextBlock(elements=[MarkdownTextObject(text=line)]))
    return Message.of(line, kept)


def _contact(person: Participant) -> str:
    parts = [f"{mention(person.slack_user_id)} ({_name(person)})"]
    if person.title:
        parts.append(user_text(person.title, 150))
    if person.workplace:
        parts.append(user_text(person.workplace, 150))
    return " · ".join(parts)


def confirmed(deal: Deal, season: Season, *, to_host: bool) -> Message:
    days = days_text(deal.proposal.days, season)
    if to_host:
        head = texts.confirmed_host(_name(deal.intern), days)
        contacts = [deal.intern]
    else:
        head = texts.confirmed_intern(host_names(deal), workplace_text(deal.slot.workplace), days)
        contacts = hosts(deal)
    where = place_text(deal.slot.municipality, deal.slot.region)
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=head)),
        SectionBlock(
            fields=[
                MarkdownTextObject(
                    text=f"*{texts.CONTACT_HEADER}*\n" + "\n".join(map(_contact, contacts))
                ),
                MarkdownTextObject(
                    text=f"*{texts.WHERE_LABEL}*\n{workplace_text(deal.slot.workplace)}, {where}"
                ),
                MarkdownTextObject(text=f"*{texts.DAYS_LABEL}*\n{days}"),
            ]
        ),
        SectionBlock(text=MarkdownTextObject(text=texts.NEXT_STEPS)),
    ]
    return message(head, blocks)


def expired(deal: Deal) -> Message:
    """The DM to each side of a request or proposal that expired unanswered."""
    workplace = workplace_text(deal.slot.workplace)
    next_round = deal.proposal.origin == ProposalOrigin.MATCH
    return notice(texts.expired_notice(workplace, next_round=next_round))


def request_sent(deal: Deal) -> Message:
    return notice(texts.request_sent(workplace_text(deal.slot.workplace)))


def request_undelivered(deal: Deal, *, lasting: bool) -> Message:
    """The host side never got the request: for good (`lasting`), or not yet."""
    told = texts.request_undelivered if lasting else texts.request_not_yet_delivered
    return notice(told(workplace_text(deal.slot.workplace)))


def _every_side(line: str) -> dict[str, str]:
    return dict.fromkeys(_SIDES, line)


_SIDES = [r.value for r in ANSWERING]


def outcome_lines(outcome: Outcome | None, role: Role, deal: Deal) -> dict[str, str]:
    """What each side's buttons turn into after `role`'s answer."""
    if outcome is Outcome.WAITING:
        other = texts.THE_HOST if role is Role.INTERN else _name(deal.intern)
        return {role.value: texts.outcome_accepted_waiting(other)}
    if outcome is Outcome.NEEDS_MANAGER:
        line = texts.OUTCOME_NEEDS_MANAGER
        return {Role.HOST.value: line, Role.INTERN.value: line}
    if outcome is Outcome.DECLINED:
        return {
            r: texts.OUTCOME_DECLINED_BY_YOU if r == role.value else texts.OUTCOME_DECLINED
            for r in _SIDES
        }
    if outcome is Outcome.FULL:
        return _every_side(texts.OUTCOME_FULL)
    return _every_side(texts.OUTCOME_CONFIRMED)


def placed_elsewhere_lines() -> dict[str, str]:
    return _every_side(texts.OUTCOME_PLACED_ELSEWHERE)


def withdrawn_lines() -> dict[str, str]:
    return _every_side(texts.OUTCOME_WITHDRAWN)


def declined_host(deal: Deal) -> Message:
    """To the host side: the intern declined."""
    return notice(texts.declined_host(_name(deal.intern)))


def manager_declined(deal: Deal) -> Message:
    return notice(texts.manager_declined(_name(deal.intern)))


def placed_elsewhere_host(deal: Deal) -> Message:
    return notice(texts.placed_elsewhere_host(_name(deal.intern)))


def counterpart_intern_left(deal: Deal) -> Message:
    return notice(texts.counterpart_intern_left(_name(deal.intern)))


def counterpart_intern_left_request(deal: Deal) -> Message:
    return notice(texts.counterpart_intern_left_request(_name(deal.intern)))


def counterpart_host_left_request(deal: Deal) -> Message:
    return notice(texts.counterpart_host_left_request(workplace_text(deal.slot.workplace)))


class Lost(StrEnum):
    """Why the intern is offered other slots: the host declined, the seat went to someone
    else first, or the host withdrew."""

    DECLINED = "declined"
    FULL = "full"
    HOST_LEFT = "host_left"


def alternatives(lost: Lost, deal: Deal, hits: Sequence[Hit], season: Season) -> Message:
    """To the intern: what she lost, and the best open slots instead (or that there are none)."""
    workplace = workplace_text(deal.slot.workplace)
    intro, none_text = {
        Lost.DECLINED: (texts.declined_intern, texts.declined_intern_no_alternatives),
        Lost.FULL: (texts.full_intern, texts.full_intern_none),
        Lost.HOST_LEFT: (texts.counterpart_host_left, texts.counterpart_host_left_none),
    }[lost]
    return suggestions(intro(workplace), hits, season, none_text=none_text(workplace))


def withdrawn(done: Withdrawal, role: Role) -> Message:
    """The answer to `/praktik afmeld`: what it withdrew, or why nothing."""
    if done.begun and not done.placements:
        return notice(texts.WITHDRAW_BEGUN)
    if not (done.had_slot or done.had_wish or done.placements or done.proposals):
        return notice(texts.WITHDRAWN_NOTHING)
    return notice(texts.WITHDRAWN_HOST if role is Role.HOST else texts.WITHDRAWN_INTERN)
