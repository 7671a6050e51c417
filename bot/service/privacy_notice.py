"""The privacy notice: what is stored, why, who sees it, and how long it is kept, with the
retention as configured (PRAKTIK_RETENTION_MONTHS) and the season in force, and who is
responsible and runs it (PRAKTIK_CONTROLLER, PRAKTIK_HOSTING)."""

from __future__ import annotations

from bot.domain.retention import retention_day
from bot.service import Env
from bot.slack.message import Message
from bot.views import privacy_notice as views
from bot.views.privacy_notice import Retention


async def retention(env: Env) -> Retention:
    season, _ = await env.season()
    months = env.settings.praktik_retention_months
    return Retention(
        months=months,
        year=season.year,
        closes=season.close_date,
        kept_until=retention_day(season.year, months),
        controller=env.settings.praktik_controller,
        hosting=env.settings.praktik_hosting,
    )


async def notice(env: Env) -> Message:
    return views.notice_message(await retention(env))


async def show_notice(env: Env, *, trigger_id: str, over_modal: bool) -> None:
    """The notice as a modal: on top of a sign-up modal (which stays as filled in, to
    return to), or on its own from App Home."""
    view = views.notice_modal(await retention(env))
    if over_modal:
        await env.client.views_push(trigger_id=trigger_id, view=view.to_dict())
    else:
        await env.client.views_open(trigger_id=trigger_id, view=view.to_dict())
