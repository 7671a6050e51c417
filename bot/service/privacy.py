"""mine-data: a file with everything about the caller; slet-mine-data: withdraw, then erase."""

from __future__ import annotations

import logging

from bot.domain.placement import Event, Role
from bot.service import Env, files
from bot.service.home import refresh_home
from bot.service.placements import withdraw
from bot.service.seasons import parse_year
from bot.slack.message import Message
from bot.views import privacy as views
from bot.views.common import notice
from models import home, privacy, profiles

log = logging.getLogger("praktik.privacy")


async def my_data(env: Env, *, user_id: str, args: str = "") -> Message:
    """Everything held about the user; `args` may name one season (`mine-data 2027`)."""
    year = parse_year(args, example=await env.year())
    if isinstance(year, str):
        return notice(year)
    data = await env.db.read(privacy.export, user_id=user_id, year=year)
    if data is None:
        return views.nothing_held()
    sent = await files.upload(env, user_id=user_id, **views.my_data_file(data))
    return views.my_data_sent(sent=sent)


async def delete_my_data(env: Env, *, user_id: str) -> Message:
    # Withdrawing first tells counterparts and frees seats, exactly as /praktik afmeld does,
    # for what has not begun; a placement under way or past stays (bot.domain.placement, ERASE).
    await withdraw(env, user_id=user_id, role=Role.HOST, event=Event.ERASE)
    await withdraw(env, user_id=user_id, role=Role.INTERN, event=Event.ERASE)
    erased = await env.db.run(privacy.erase, user_id=user_id, now=env.now())
    # The open tab must not go on showing what was just erased; then the note that they
    # opened it goes too.
    await refresh_home(env, user_id=user_id)
    forgotten = await env.db.run(home.forget, user_id=user_id)
    # The name and title read from Slack go too, here and in this process's memory.
    env.caches.profiles.drop(user_id)
    profile_gone = await env.db.run(profiles.forget, user_id=user_id)
    return views.erased(anything=bool(erased or forgotten or profile_gone))
