"""The user's own overview: `/praktik status`, App Home and the withdraw prompt."""

from __future__ import annotations

from dataclasses import replace

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import texts
from bot.buttons.values import SlotButton
from bot.domain.placement import Role
from bot.domain.season import Season, to_local
from bot.registry.ids import FindAction, PlacementAction, SlotAction
from bot.slack.message import Message
from bot.texts import changes, dates
from bot.texts import cohosts as cohost_texts
from bot.texts import season as season_texts
from bot.texts import workshop as workshop_texts
from bot.views import welcome as welcome_views
from bot.views.cohosts import host_names
from bot.views.common import button, days_text, md, mention, message, user_text
from bot.views.days_change import change_button
from bot.views.goals import edit_button, goals_line
from bot.views.mrkdwn import clip, fit, literal
from bot.views.mrkdwn import workplace as workplace_text
from bot.views.placements import answer_buttons
from bot.views.privacy_notice import notice_link
from bot.views.programme import programme_blocks, write_actions
from bot.views.slots import slot_blocks
from bot.views.workshop import PLACE_MAX
from bot.views.workshop import when as workshop_when
from models.anonymise import is_stand_in
from models.overview import Overview
from models.placements import Deal
from models.tables import Answer, Participant, ProposalOrigin, SlotStatus, WishStatus


def _workplace(deal: Deal) -> str:
    return workplace_text(deal.slot.workplace)


def _intern(deal: Deal) -> str:
    user = deal.intern.slack_user_id
    return season_texts.ERASED_PERSON if is_stand_in(user) else mention(user)


def own_season(deal: Deal, shown: Season) -> Season:
    """The season a deal belongs to: its days are that year's week 37, not the shown one's."""
    year = deal.proposal.season_year
    return shown if year == shown.year else Season.for_year(year, tz=shown.tz)


def _pending_line(deal: Deal, user_id: str) -> tuple[str, Role | None]:
    """The line for one open request/proposal, and the side this user should answer as. A
    request is the intern's; a round's proposal is the coordinator's, on both sides."""
    p = deal.proposal
    requested = p.origin == ProposalOrigin.REQUEST
    as_host = user_id in (deal.host.slack_user_id, deal.slot.cohost_user_id)
    if as_host and p.host_answer == Answer.PENDING:
        line = texts.pending_for_host if requested else texts.proposal_pending_for_host
        return line(_intern(deal)), Role.HOST
    if not as_host and p.intern_answer == Answer.PENDING:
        return texts.pending_for_intern(_workplace(deal)), Role.INTERN
    if p.manager_answer == Answer.PENDING and p.host_answer == p.intern_answer == Answer.ACCEPTED:
        return texts.pending_waiting_for_manager(_workplace(deal)), None
    if as_host:  # the host said yes to a proposal; the intern has not answered yet
        return texts.proposal_waiting_for_intern(_intern(deal)), None
    if requested:
        return texts.pending_waiting_for_host(_workplace(deal)), None
    return texts.proposal_waiting_for_host(_workplace(deal)), None


def _when(view: Overview, deal: Deal) -> texts.When:
    """The tense a placement is told in: to come, under way, or over."""
    if deal.proposal.id in view.completed:
        return texts.When.OVER
    if deal.proposal.id in view.begun:
        return texts.When.NOW
    return texts.When.AHEAD


def _wish_text(view: Overview, season: Season) -> str:
    wish = view.wish
    assert wish is not None
    return texts.wish_summary(
        days_text(wish.days, season),
        literal(", ".join(wish.topics), 1000) or texts.OPEN_FOR_ALL,
        ", ".join(texts.SECTOR_LABELS[s] for s in wish.wanted_sectors) or texts.OPEN_FOR_ALL,
        ", ".join(wish.wanted_regions) or texts.OPEN_FOR_ALL,
    )


def _goals_blocks(view: Overview, deal: Deal, user_id: str, *, with_buttons: bool) -> list[Block]:
    """The intern's goals under her placement, for her and her hosts; she may refine them
    until she has evaluated the placement (bot.domain.placement.goals_editable)."""
    found = view.goals.get(deal.proposal.id or 0)
    if found is None:
        return []
    own = deal.intern.slack_user_id == user_id
    if not own and not found.goals:
        return []
    edit = edit_button(deal.proposal.id) if own and with_buttons and not found.evaluated else None
    text = fit(goals_line(found.goals, own=own), 3000)
    return [SectionBlock(text=MarkdownTextObject(text=text), accessory=edit)]


def overview_blocks(
    view: Overview, season: Season, user_id: str, *, with_buttons: bool
) -> list[Block]:
    blocks: list[Block] = [md(f"*{texts.STATUS_SLOT}*")]
    if view.slot is None:
        blocks.append(md(texts.STATUS_NO_SLOT))
    elif view.slot.status == SlotStatus.WITHDRAWN:
        blocks.append(md(texts.STATUS_SLOT_WITHDRAWN))
    else:
        edit = (
            button(texts.EDIT, SlotAction.EDIT, SlotButton(view.slot.id or 0).encode())
            if with_buttons
            else None
        )
        blocks += slot_blocks(view.slot, season, accessory=edit)
    if view.cohosted:
        lines = [
            cohost_texts.cohosted(workplace_text(slot.workplace), host.slack_user_id)
            for slot, host in view.cohosted
        ]
        blocks.append(md(f"*{cohost_texts.STATUS_COHOSTED}*\n" + "\n".join(lines)))
    blocks += [DividerBlock(), md(f"*{texts.STATUS_WISH}*")]
    if view.wish is None:
        blocks.append(md(texts.STATUS_NO_WISH))
    elif view.wish.status == WishStatus.WITHDRAWN:
        blocks.append(md(texts.STATUS_WISH_WITHDRAWN))
    else:
        edit = button(texts.EDIT_WISH, FindAction.EDIT_WISH, "wish") if with_buttons else None
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=_wish_text(view, season)), accessory=edit)
        )
        if view.wish.text:
            blocks.append(
                ContextBlock(elements=[MarkdownTextObject(text=user_text(view.wish.text, 300))])
            )
    blocks += [DividerBlock(), md(f"*{texts.STATUS_PENDING}*")]
    if not view.pending:
        blocks.append(md(texts.STATUS_NO_PENDING))
    for deal in view.pending[:10]:
        line, side = _pending_line(deal, user_id)
        blocks.append(md(line))
        if side is not None and with_buttons:
            blocks.append(answer_buttons(deal, side))
    blocks += [DividerBlock(), md(f"*{texts.STATUS_PLACEMENTS}*")]
    if not view.placements:
        blocks.append(md(texts.STATUS_NO_PLACEMENTS))
    for deal in view.placements[:10]:
        own = own_season(deal, season)
        days = days_text(deal.proposal.days, own)
        when = _when(view, deal)
        if user_id in (deal.host.slack_user_id, deal.slot.cohost_user_id):
            line = texts.placement_as_host(_intern(deal), days, when)
        else:
            line = texts.placement_as_intern(_workplace(deal), days, host_names(deal), when)
        if own is not season:
            blocks.append(md(season_texts.of_season(line, own.year)))
        else:  # this season's placement: its days can be changed by agreement until it begins
            changeable = with_buttons and deal.proposal.id not in view.begun
            change = change_button(deal.proposal.id) if changeable else None
            blocks.append(SectionBlock(text=MarkdownTextObject(text=line), accessory=change))
        blocks += _goals_blocks(view, deal, user_id, with_buttons=with_buttons and own is season)
        if own is season:  # the host side writes it until the placement begins
            writable = with_buttons and deal.proposal.id not in view.begun
            blocks += _programme(view, deal, own, user_id, with_buttons=writable)
    if view.workshop is not None:
        workshop, given = view.workshop
        answer = workshop_texts.ANSWER_WORDS[given.coming if given is not None else None]
        line = workshop_texts.status_line(
            workshop_when(workshop), literal(workshop.place, PLACE_MAX), answer
        )
        blocks += [DividerBlock(), md(f"*{workshop_texts.STATUS_HEADING}*\n{line}")]
    if view.next_dms:
        labels = texts.DM_KIND_LABELS
        lines = [
            f"• {dates.moment(to_local(m.due_at, season.tz))} – {labels.get(m.kind, m.kind)}"
            for m in view.next_dms
        ]
        blocks += [DividerBlock(), md(f"*{texts.STATUS_NEXT_DMS}*\n" + "\n".join(lines))]
    return blocks


def _programme(
    view: Overview, deal: Deal, season: Season, user_id: str, *, with_buttons: bool
) -> list[Block]:
    """The programme under its placement; the host side may write it until the first day."""
    hosts = user_id in (deal.host.slack_user_id, deal.slot.cohost_user_id)
    programme = view.programmes.get(deal.proposal.id or 0)
    blocks = programme_blocks(programme, season, list(deal.proposal.days), hosts=hosts)
    if hosts and with_buttons:
        blocks.append(write_actions(deal.proposal.id, programme is not None))
    return blocks


def status_message(view: Overview, season: Season, user_id: str) -> Message:
    blocks: list[Block] = [HeaderBlock(text=texts.STATUS_TITLE)]
    blocks += overview_blocks(view, season, user_id, with_buttons=True)
    return message(texts.STATUS_TITLE, blocks)


def home_view(
    view: Overview,
    season: Season,
    user_id: str,
    extra: list[Block] | None = None,
    *,
    welcome: bool = False,
) -> View:
    """`welcome`: sign-ups are open, so someone with neither a slot nor a wish is welcomed
    as a newcomer to the workspace is (bot.views.welcome)."""
    blocks: list[Block] = [HeaderBlock(text=texts.HOME_TITLE)]
    if welcome and view.slot is None and view.wish is None:
        blocks += welcome_views.blocks(season)
    else:
        blocks += _starters(view)
    blocks += overview_blocks(view, season, user_id, with_buttons=True)
    blocks += extra or []
    # Last, and kept within Slack's 100 blocks however long the overview grew.
    link = notice_link()
    return View(type="home", blocks=[*blocks[: 100 - len(link)], *link])


def _starters(view: Overview) -> list[Block]:
    """*Tilbyd en plads* / *Find en praktik* for the side the person has not (or no longer)
    signed up as."""
    starters = []
    if view.slot is None or view.slot.status == SlotStatus.WITHDRAWN:
        starters.append(button(texts.OFFER_BUTTON, SlotAction.EDIT, "new", style="primary"))
    if view.wish is None or view.wish.status == WishStatus.WITHDRAWN:
        starters.append(button(texts.WISH_BUTTON, FindAction.EDIT_WISH, "new", style="primary"))
    return [ActionsBlock(elements=starters)] if starters else []


def _name(person: Participant) -> str:
    return clip(person.name or person.slack_user_id, 60)


def withdraw_confirm_text(view: Overview, user_id: str, season: Season, role: Role) -> str:
    """What one more press cancels, named: the agreed placements of this season (who, where,
    which days) and who will be told; Slack allows 300 characters."""
    agreed = [d for d in view.placements if d.proposal.season_year == season.year]
    pending = [d for d in view.pending if d.proposal.season_year == season.year]
    if role is Role.HOST:
        mine = [d for d in agreed if d.host.slack_user_id == user_id]
        asked = [d for d in pending if d.host.slack_user_id == user_id]
        base = texts.WITHDRAW_CONFIRM_HOST
        if mine:
            base = changes.withdraw_host_agreements(
                [
                    changes.agreement_with_intern(
                        _name(d.intern),
                        clip(d.intern.workplace, 60),
                        days_text(d.proposal.days, season),
                    )
                    for d in mine
                ],
                [_name(d.intern) for d in mine],
            )
    else:
        mine = [d for d in agreed if d.intern.slack_user_id == user_id]
        asked = [d for d in pending if d.intern.slack_user_id == user_id]
        base = texts.WITHDRAW_CONFIRM_INTERN
        if mine:
            deal = mine[0]
            base = changes.withdraw_intern_agreement(
                changes.agreement_with_host(
                    clip(deal.slot.workplace, 60),
                    _name(deal.host),
                    days_text(deal.proposal.days, season),
                ),
                _name(deal.host),
            )
    if asked:
        base += changes.open_requests(len(asked))
    return clip(base, 300)


def _withdraw_confirm(text: str) -> ConfirmObject:
    return ConfirmObject(
        title=texts.WITHDRAW_CONFIRM_TITLE,
        text=PlainTextObject(text=text, emoji=False),
        confirm=texts.WITHDRAW_YES,
        deny=texts.WITHDRAW_NO,
        style="danger",
    )


def withdraw_prompt(view: Overview, user_id: str, season: Season) -> Message:
    # Under way or history (bot.domain.placement): no button withdraws it any more.
    begun = [d for d in view.placements if d.proposal.id in view.begun]
    view = replace(view, placements=[d for d in view.placements if d not in begun])
    buttons = []
    if view.slot is not None and view.slot.status == SlotStatus.OPEN:
        text = withdraw_confirm_text(view, user_id, season, Role.HOST)
        buttons.append(
            button(
                texts.WITHDRAW_AS_HOST,
                PlacementAction.WITHDRAW_HOST,
                "host",
                style="danger",
                confirm=_withdraw_confirm(text),
            )
        )
    placed_for_good = any(d.intern.slack_user_id == user_id for d in begun)
    interning = not placed_for_good and (
        (view.wish is not None and view.wish.status == WishStatus.ACTIVE)
        or any(d.intern.slack_user_id == user_id for d in view.placements + view.pending)
    )
    if interning:
        text = withdraw_confirm_text(view, user_id, season, Role.INTERN)
        buttons.append(
            button(
                texts.WITHDRAW_AS_INTERN,
                PlacementAction.WITHDRAW_INTERN,
                "intern",
                style="danger",
                confirm=_withdraw_confirm(text),
            )
        )
    if not buttons:
        nothing = texts.WITHDRAW_BEGUN if begun else texts.WITHDRAW_NOTHING
        return message(nothing, [md(nothing)])
    return message(
        texts.WITHDRAW_PROMPT, [md(texts.WITHDRAW_PROMPT), ActionsBlock(elements=buttons)]
    )
