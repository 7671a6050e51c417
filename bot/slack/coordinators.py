"""Who is a coordinator: the user IDs in PRAKTIK_ADMINS, plus the members of the Slack user
group PRAKTIK_ADMIN_GROUP. Every "may this person use /praktik admin" asks this one place.

The group's members are read with `usergroups.users.list` (a handle is first resolved to the
group's ID with `usergroups.list`; both need only `usergroups:read`, and both are Tier 2,
about 20 calls a minute). A process keeps what it read for a minute, so someone removed from
the group loses access within a minute. A person who is not a member when asked makes the
process read the group again at once – someone just added is let in at their first try – but
that, too, at most once a minute: a non-member hammering `/praktik admin` costs Slack one call
a minute. So one process calls Slack at most twice a minute for the group.

When Slack cannot be read (down, a timeout, a token without the scope) the last members read
are used, and a warning is logged with the group and Slack's error code (no user ID). A check
waits for Slack at most ANSWER_WITHIN seconds – it runs before the command's ack, which Slack
wants within 3 s – and the read goes on and is used once it arrives.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.process.config import GROUP_ID, Settings
from bot.texts import coordinators as t

log = logging.getLogger("praktik.coordinators")

REFRESH = timedelta(minutes=1)
ANSWER_WITHIN = 1.5  # seconds a check waits for Slack before using the last members read
# Slack's answer when the group does not exist, or is disabled (we never ask for disabled
# groups): the group then has no members, rather than its last known ones.
GONE = frozenset({"no_such_subteam"})
UNREACHABLE = (SlackClientError, ClientError, TimeoutError, OSError)


class Coordinators:
    """The process's one membership source; `now` comes from the caller's clock."""

    def __init__(
        self,
        *,
        admins: frozenset[str] = frozenset(),
        group: str | None = None,
        answer_within: float = ANSWER_WITHIN,
    ) -> None:
        self.admins = admins
        self.group = group
        self._answer_within = answer_within
        self._group_id = group if group is not None and GROUP_ID.fullmatch(group) else None
        self._members: frozenset[str] = frozenset()
        self._read_at: datetime | None = None  # the last read, for anyone
        self._asked_at: datetime | None = None  # the last read a non-member brought about
        self._reading: asyncio.Task[None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Coordinators:
        return cls(admins=settings.praktik_admins, group=settings.praktik_admin_group)

    @property
    def configured(self) -> bool:
        """Someone can be a coordinator: an ID is named, or a group is."""
        return bool(self.admins) or self.group is not None

    async def includes(self, user_id: str, *, client: AsyncWebClient, now: datetime) -> bool:
        if user_id in self.admins:
            return True
        if self.group is None:
            return False
        read_now = _due(self._read_at, now)
        if read_now:
            await self.refresh(client=client, now=now)
        if user_id in self._members:
            return True
        if read_now or _due(self._asked_at, now):
            self._asked_at = now
            if not read_now:
                await self.refresh(client=client, now=now)
        return user_id in self._members

    async def everyone(self, *, client: AsyncWebClient, now: datetime) -> frozenset[str]:
        """Every coordinator (for a DM to them all), the group read again when it is due."""
        if self.group is not None and _due(self._read_at, now):
            await self.refresh(client=client, now=now)
        return self.admins | self._members

    async def refresh(self, *, client: AsyncWebClient, now: datetime) -> None:
        """Read the group (once at a time), waiting at most ANSWER_WITHIN seconds for it."""
        if self.group is None:
            return
        self._read_at = now
        if self._reading is None or self._reading.done():
            self._reading = asyncio.create_task(self._read(client))
        await asyncio.wait({self._reading}, timeout=self._answer_within)

    async def _read(self, client: AsyncWebClient) -> None:
        try:
            group_id = self._group_id or await self._resolve(client)
            if group_id is None:
                self._gone()
                return
            answer = await client.usergroups_users_list(usergroup=group_id)
        except SlackApiError as error:
            code = str(error.response.get("error") or error.response.status_code)
            if code in GONE:
                self._gone()
            else:
                log.warning(t.GROUP_UNREADABLE, self.group, code)
            return
        except UNREACHABLE as error:
            log.warning(t.GROUP_UNREADABLE, self.group, type(error).__name__)
            return
        self._group_id = group_id
        users = answer.get("users")
        self._members = frozenset(u for u in users if isinstance(u, str)) if users else frozenset()

    async def _resolve(self, client: AsyncWebClient) -> str | None:
        """The ID of the group whose handle was given; None when no enabled group has it."""
        answer = await client.usergroups_list()
        for group in answer.get("usergroups") or ():
            if isinstance(group, dict) and str(group.get("handle", "")).lower() == self.group:
                found = group.get("id")
                return found if isinstance(found, str) else None
        return None

    def _gone(self) -> None:
        log.warning(t.GROUP_UNKNOWN, self.group)
        self._members = frozenset()
        if self.group is not None and not GROUP_ID.fullmatch(self.group):
            self._group_id = None  # the handle may be given to another group: look again


def _due(last: datetime | None, now: datetime) -> bool:
    return last is None or not last <= now < last + REFRESH
