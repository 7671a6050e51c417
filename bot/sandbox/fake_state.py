"""What the fake Slack stores: IDs, calls, messages, files, users and each user's screen.

Plain records shared by the Web API families (`fake_chat`, `fake_views`, `fake_files`,
`fake_users`, `fake_responses`) and the server in `fake_slack`.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

TEAM_ID = "T0PRAKTIK"
TEAM_DOMAIN = "praktik-sandbox"
BOT_USER_ID = "UBOT"
BOT_ID = "B0PRAKTIK"
APP_ID = "A0PRAKTIK"
# Not secrets: the fake accepts only this token, and nothing outside the loopback sees it.
BOT_TOKEN = "xoxb-praktik-sandbox"  # noqa: S105
VERIFICATION_TOKEN = "praktik-verification-token"  # noqa: S105
TRIGGER_TTL = 3.0
MAX_MODAL_STACK = 3
RESPONSE_URL_USES = 5

SubmitAction = Literal["close", "errors", "update", "push", "clear"]


class AppResponseError(Exception):
    """The app answered Slack with something Slack would refuse or show as an error."""


class ApiError(Exception):
    def __init__(
        self,
        error: str,
        *,
        messages: Iterable[str] = (),
        errors: Iterable[str] = (),
        fields: Mapping[str, Any] | None = None,
    ):
        super().__init__(error)
        self.error = error
        self.messages = list(messages)
        self.errors = list(errors)
        self.fields = dict(fields or {})  # an error's own keys (missing_scope: needed, provided)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error, **self.fields}
        if self.errors:
            body["errors"] = self.errors
        if self.messages:
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float
    error: str | None = None  # None when Slack answered ok


@dataclass
class StoredFile:
    id: str
    name: str
    title: str
    content: bytes
    mimetype: str
    created: int
    channels: list[str] = field(default_factory=list)
    alt_txt: str | None = None
    user: str = BOT_USER_ID

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def filetype(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else "binary"

    def text(self, encoding: str = "utf-8") -> str:
        return self.content.decode(encoding)

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": self.created,
            "name": self.name,
            "title": self.title,
            "mimetype": self.mimetype,
            "filetype": self.filetype,
            "user": self.user,
            "size": self.size,
            "channels": list(self.channels),
        }


@dataclass
class Message:
    ts: str
    channel: str
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    user: str = BOT_USER_ID
    ephemeral: bool = False
    thread_ts: str | None = None
    files: list[StoredFile] = field(default_factory=list)
    edited: bool = False
    metadata: dict[str, Any] | None = None
    seq: int = 0

    def payload(self) -> dict[str, Any]:
        """The `message` object Slack puts in API answers and block_actions payloads."""
        body: dict[str, Any] = {
            "user": self.user,
            "type": "message",
            "ts": self.ts,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": self.text,
            "team": TEAM_ID,
            "blocks": copy.deepcopy(self.blocks),
        }
        if self.thread_ts:
            body["thread_ts"] = self.thread_ts
        if self.files:
            body["files"] = [f.payload() for f in self.files]
        if self.edited:
            body["edited"] = {"user": self.user, "ts": self.ts}
        return body


@dataclass
class FakeUser:
    id: str
    name: str
    real_name: str
    title: str = ""
    email: str = ""
    deleted: bool = False
    is_bot: bool = False
    tz: str = "Europe/Copenhagen"

    def payload(self) -> dict[str, Any]:
        zone = ZoneInfo(self.tz)
        now = datetime.now(zone)
        offset = now.utcoffset()
        return {
            "id": self.id,
            "team_id": TEAM_ID,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": now.tzname() or self.tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": {
                "title": self.title,
                "real_name": self.real_name,
                "real_name_normalized": self.real_name,
                "display_name": self.name,
                "display_name_normalized": self.name,
                "email": self.email,
                "team": TEAM_ID,
            },
            "is_admin": False,
            "is_owner": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
        }


@dataclass
class Screen:
    """What one user sees: the app's DM, ephemerals, the modal stack, the home tab, files."""

    user_id: str
    dm_channel: str
    dms: list[Message] = field(default_factory=list)
    ephemerals: list[Message] = field(default_factory=list)
    modals: list[dict[str, Any]] = field(default_factory=list)
    home: dict[str, Any] | None = None
    files: list[StoredFile] = field(default_factory=list)
    view_seq: dict[str, int] = field(default_factory=dict)

    @property
    def modal(self) -> dict[str, Any] | None:
        return self.modals[-1] if self.modals else None


@dataclass
class Trigger:
    user_id: str
    issued_at: float
    used: bool = False


@dataclass
class ResponseUrl:
    user_id: str
    channel_id: str
    original: Message | None
    uses: int = 0


@dataclass
class Fault:
    error: str | None
    status: int
    retry_after: int
    delay: float
    remaining: int | None


@dataclass
class Upload:
    file_id: str
    filename: str
    length: int
    alt_txt: str | None
    content: bytes | None = None
