"""views.*: modals (with their stack and triggers) and the home tab."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.sandbox import blockkit_limits as limits
from bot.sandbox.fake_state import MAX_MODAL_STACK, ApiError, Screen, Trigger
from bot.sandbox.fake_workspace import Workspace, with_emoji


class ViewsApi(Workspace):
    def _take_trigger(self, params: Mapping[str, Any]) -> Trigger:
        trigger_id = params.get("trigger_id")
        if not trigger_id:
            raise ApiError("invalid_arguments", messages=["missing required field: trigger_id"])
        trigger = self._triggers.get(str(trigger_id))
        if trigger is None:
            raise ApiError("invalid_trigger_id")
        if trigger.used:
            raise ApiError("exchanged_trigger_id")
        if self.trigger_ttl is not None and self.clock() - trigger.issued_at > self.trigger_ttl:
            raise ApiError("expired_trigger_id")
        return trigger

    def _checked_view(self, params: Mapping[str, Any], kind: str) -> dict[str, Any]:
        view = params.get("view")
        if not isinstance(view, dict):
            raise ApiError(
                "invalid_arguments", messages=["must provide an object [json-pointer:/view]"]
            )
        errors = limits.validate_view(view)
        if not errors and view.get("type") != kind:
            errors = ["must be a valid enum value [json-pointer:/view/type]"]
        if errors:
            raise ApiError("invalid_arguments", messages=errors)
        return view

    def build_view(
        self,
        raw: Mapping[str, Any],
        *,
        view_id: str | None = None,
        previous: Mapping[str, Any] | None = None,
        root_view_id: str | None = None,
    ) -> dict[str, Any]:
        """A view as Slack stores and returns it: ids, hash, state and defaults filled in."""
        view_id = view_id or self._next_id("V")
        blocks = self._normalize_blocks(raw.get("blocks") or [])
        values: dict[str, Any] = {}
        if previous is not None:
            # Slack keeps what the user typed in an input whose block_id and action_id survive.
            kept = {(b.get("block_id"), (b.get("element") or {}).get("action_id")) for b in blocks}
            for block_id, entries in previous.get("state", {}).get("values", {}).items():
                for action_id, entry in entries.items():
                    if (block_id, action_id) in kept:
                        values.setdefault(block_id, {})[action_id] = entry
        title = raw.get("title")
        return {
            "id": view_id,
            "team_id": self.team_id,
            "type": raw.get("type"),
            "blocks": blocks,
            "private_metadata": raw.get("private_metadata", ""),
            "callback_id": raw.get("callback_id", ""),
            "state": {"values": values},
            "hash": self._new_hash(),
            "title": with_emoji(title) if title else None,
            "clear_on_close": bool(raw.get("clear_on_close", False)),
            "notify_on_close": bool(raw.get("notify_on_close", False)),
            "close": with_emoji(raw["close"]) if raw.get("close") else None,
            "submit": with_emoji(raw["submit"]) if raw.get("submit") else None,
            "previous_view_id": previous.get("previous_view_id") if previous else None,
            "root_view_id": root_view_id or view_id,
            "app_id": self.app_id,
            "external_id": raw.get("external_id", ""),
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }

    def _mark_shown(self, screen: Screen, view: Mapping[str, Any]) -> None:
        screen.view_seq[view["id"]] = self._tick()

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        trigger.used = True
        screen = self.screen(trigger.user_id)
        view = self.build_view(raw)
        screen.modals[:] = [view]
        self._mark_shown(screen, view)
        return {"view": view}

    def _views_push(self, params: dict[str, Any]) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        screen = self.screen(trigger.user_id)
        view = self.push_view(screen, raw)
        trigger.used = True
        return {"view": view}

    def push_view(self, screen: Screen, raw: Mapping[str, Any]) -> dict[str, Any]:
        if not screen.modals:
            raise ApiError("not_found")
        if len(screen.modals) >= MAX_MODAL_STACK:
            raise ApiError("push_limit_reached")
        below = screen.modals[-1]
        view = self.build_view(raw, root_view_id=below["root_view_id"])
        view["previous_view_id"] = below["id"]
        screen.modals.append(view)
        self._mark_shown(screen, view)
        return view

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        wanted = params.get("view_id") or params.get("external_id")
        if not wanted:
            raise ApiError("invalid_arguments", messages=["missing required field: view_id"])
        found = self.find_view(str(wanted))
        if found is None:
            raise ApiError("not_found")
        screen, current = found
        if params.get("hash") and params["hash"] != current["hash"]:
            raise ApiError("hash_conflict")
        raw = self._checked_view(params, current["type"])
        return {"view": self.replace_view(screen, current, raw)}

    def replace_view(
        self, screen: Screen, current: dict[str, Any], raw: Mapping[str, Any]
    ) -> dict[str, Any]:
        view = self.build_view(
            raw, view_id=current["id"], previous=current, root_view_id=current["root_view_id"]
        )
        if screen.home is current:
            screen.home = view
        else:
            screen.modals[screen.modals.index(current)] = view
        self._mark_shown(screen, view)
        return view

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user_id", "")))
        if user is None:
            raise ApiError("user_not_found")
        screen = self.screen(user.id)
        if params.get("hash") and screen.home and params["hash"] != screen.home["hash"]:
            raise ApiError("hash_conflict")
        raw = self._checked_view(params, "home")
        if screen.home is None:
            screen.home = self.build_view(raw)
            self._mark_shown(screen, screen.home)
            return {"view": screen.home}
        return {"view": self.replace_view(screen, screen.home, raw)}
