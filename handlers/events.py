"""Events API: App Home is drawn fresh each time it is opened."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.service import Env
from bot.service.home import home_opened


async def on_home_opened(event: dict[str, Any], env: Env) -> None:
    user = event.get("user")
    # A Slack user ID (U…/W…, alphanumeric): anything else names nobody whose tab to draw.
    if event.get("tab", "home") == "home" and isinstance(user, str) and _user_id(user):
        await home_opened(env, user_id=user)


def _user_id(text: str) -> bool:
    return 2 <= len(text) <= 32 and text.isascii() and text.isalnum()


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(on_home_opened)
