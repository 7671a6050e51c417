"""auth.test, users.* and conversations.open: who is in the workspace and their DMs."""

from __future__ import annotations

from typing import Any

from bot.sandbox.fake_state import ApiError
from bot.sandbox.fake_workspace import Workspace


class UsersApi(Workspace):
    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.base_url,
            "team": "Praktik Sandbox",
            "user": "praktikbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
            **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
        }

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user", "")))
        if user is None:
            raise ApiError("user_not_found")
        return {"user": user.payload()}

    def _users_lookup_by_email(self, params: dict[str, Any]) -> dict[str, Any]:
        email = str(params.get("email", "")).lower()
        for user in self.users.values():
            if user.email and user.email.lower() == email:
                return {"user": user.payload()}
        raise ApiError("users_not_found")

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if channel:
            if channel not in self._dm_owner:
                raise ApiError("channel_not_found")
            return {"no_op": True, "already_open": True, "channel": {"id": channel}}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            raise ApiError("users_list_not_supplied")
        if len(users) > 1:
            raise ApiError("method_not_supported_for_channel_type")
        user = self.users.get(users[0])
        if user is None:
            raise ApiError("user_not_found")
        if user.deleted:
            raise ApiError("user_disabled")
        return {"no_op": True, "already_open": True, "channel": {"id": self.dm_channel(user.id)}}
