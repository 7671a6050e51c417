"""Events API: App Home is drawn fresh each time it is opened."""

from __future__ import annotations

from typing import Any

from bot.service import Env
from bot.service.home import home_opened
from handlers.payloads import HomeOpened


async def on_home_opened(event: dict[str, Any], env: Env) -> None:
    opened = HomeOpened.parse(event)
    if opened.tab == "home" and opened.user_id is not None:
        await home_opened(env, user_id=opened.user_id)
