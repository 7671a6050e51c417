"""Events API: App Home is drawn fresh each time it is opened."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.service import Env
from bot.service.home import home_opened


async def on_home_opened(event: dict[str, Any], env: Env) -> None:
    if event.get("tab", "home") == "home" and isinstance(event.get("user"), str):
        await home_opened(env, user_id=event["user"])


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(on_home_opened)
