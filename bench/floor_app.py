"""The floor for bench/load.py: a minimal Bolt app answering the same signed requests.

Same framework, same HTTP server, same signature check; no database, no Slack calls.
Listens with SO_REUSEPORT, so the bench can start as many as the app has workers.
"""

from __future__ import annotations

import os

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult


async def authorize(**_: object) -> AuthorizeResult:
    return AuthorizeResult(enterprise_id=None, team_id="T0PRAKTIK", bot_token="xoxb-floor")


def main() -> None:
    app = AsyncApp(signing_secret=os.environ["SLACK_SIGNING_SECRET"], authorize=authorize)

    @app.command("/praktik")
    async def answer(ack) -> None:  # type: ignore[no-untyped-def]
        await ack(text="ok")

    @app.action("request_slot")
    async def press(ack) -> None:  # type: ignore[no-untyped-def]
        await ack()

    web.run_app(
        app.web_app(path="/slack/events"),
        port=int(os.environ["PORT"]),
        print=None,
        access_log=None,
        reuse_port=True,
    )


if __name__ == "__main__":
    main()
