"""usergroups.list and usergroups.users.list: the workspace's user groups, as Slack documents
them (both need the `usergroups:read` scope; a token without it gets `missing_scope`).

A test or the sandbox makes a group and moves people in and out of it with `add_usergroup`,
`add_to_usergroup`, `remove_from_usergroup` and `disable_usergroup`, as an admin does in
Slack's own settings.

`usergroups.users.list` lists the members of an enabled group; a disabled one only with
`include_disabled` ("Allow results that involve disabled User Groups"), otherwise, like an
ID no group has, `no_such_subteam`. `team_id` matters only for an org-level token, which the
app never has: Slack ignores it for a workspace token, and so does this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.fake_state import BOT_USER_ID, TEAM_ID, ApiError
from bot.sandbox.fake_workspace import Workspace

# The bot token's scopes, as manifest.yml asks for them (tests/unit/test_manifest.py
# holds the two together); a test takes one away to see `missing_scope`.
GRANTED_SCOPES = frozenset(
    {"commands", "chat:write", "im:write", "users:read", "files:write", "usergroups:read"}
)
READ_SCOPE = "usergroups:read"
CREATED = 1_700_000_000  # date_create of every group: no test reads it


@dataclass
class FakeUsergroup:
    id: str
    handle: str
    name: str
    members: list[str] = field(default_factory=list)
    enabled: bool = True

    def payload(self, *, with_users: bool, with_count: bool) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "id": self.id,
            "team_id": TEAM_ID,
            "is_usergroup": True,
            "name": self.name,
            "description": "",
            "handle": self.handle,
            "is_external": False,
            "date_create": CREATED,
            "date_update": CREATED,
            "date_delete": 0 if self.enabled else CREATED,
            "auto_type": None,
            "created_by": BOT_USER_ID,
            "updated_by": BOT_USER_ID,
            "deleted_by": None,
            "prefs": {"channels": [], "groups": []},
        }
        if with_users:
            shown["users"] = list(self.members)
        if with_count:
            shown["user_count"] = str(len(self.members))
        return shown


def _flag(params: dict[str, Any], name: str) -> bool:
    return str(params.get(name, "")).strip().lower() in ("1", "true")


class UsergroupsApi(Workspace):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.usergroups: dict[str, FakeUsergroup] = {}
        self.scopes: set[str] = set(GRANTED_SCOPES)

    # --- the workspace's side: what an admin does in Slack ----------------------------------

    def add_usergroup(self, handle: str, name: str = "", members: tuple[str, ...] = ()) -> str:
        if any(g.handle == handle for g in self.usergroups.values()):
            raise ValueError(f"a group already has the handle {handle!r}")
        group_id = self._next_id("S")
        self.usergroups[group_id] = FakeUsergroup(group_id, handle, name or handle, list(members))
        return group_id

    def add_to_usergroup(self, group_id: str, user_id: str) -> None:
        members = self.usergroups[group_id].members
        if user_id not in members:
            members.append(user_id)

    def remove_from_usergroup(self, group_id: str, user_id: str) -> None:
        members = self.usergroups[group_id].members
        if user_id in members:
            members.remove(user_id)

    def disable_usergroup(self, group_id: str) -> None:
        self.usergroups[group_id].enabled = False

    # --- the Web API --------------------------------------------------------------------

    def _needs(self, scope: str) -> None:
        if scope not in self.scopes:
            provided = ",".join(sorted(self.scopes))
            raise ApiError("missing_scope", fields={"needed": scope, "provided": provided})

    def _usergroups_list(self, params: dict[str, Any]) -> dict[str, Any]:
        self._needs(READ_SCOPE)
        disabled_too = _flag(params, "include_disabled")
        users, count = _flag(params, "include_users"), _flag(params, "include_count")
        return {
            "usergroups": [
                g.payload(with_users=users, with_count=count)
                for g in self.usergroups.values()
                if g.enabled or disabled_too
            ]
        }

    def _usergroups_users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        self._needs(READ_SCOPE)
        group_id = str(params.get("usergroup") or "")
        if not group_id:
            raise ApiError("invalid_arguments", messages=["missing required field: usergroup"])
        group = self.usergroups.get(group_id)
        if group is None or not (group.enabled or _flag(params, "include_disabled")):
            raise ApiError("no_such_subteam")
        return {"users": list(group.members)}
