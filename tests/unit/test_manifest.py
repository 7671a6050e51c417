from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bot.sandbox.fake_usergroups import GRANTED_SCOPES
from handlers import EVENTS

ROOT = Path(__file__).resolve().parents[2]
# The shared copy beside the repository is the reference; the vendored copy (MIT, with its
# licence) keeps the test running in a checkout that has no shared/ folder next to it.
SHARED = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"
SCHEMA = SHARED if SHARED.exists() else ROOT / "tests" / "data" / "manifest.schema.1.0.0.json"


def load() -> tuple[dict[str, Any], dict[str, Any]]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    return schema, manifest


def errors(schema: dict[str, Any], manifest: dict[str, Any]) -> list[str]:
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [e.message for e in validator.iter_errors(manifest)]


def test_manifest_validates_against_slacks_schema() -> None:
    schema, manifest = load()
    assert errors(schema, manifest) == []


def test_the_socket_mode_variant_the_readme_describes_validates_too() -> None:
    schema, manifest = load()
    settings = manifest["settings"]
    settings["socket_mode_enabled"] = True
    del manifest["features"]["slash_commands"][0]["url"]
    del settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]
    assert errors(schema, manifest) == []
    # Socket Mode still needs the event subscription and interactivity switched on.
    assert settings["event_subscriptions"]["bot_events"] == list(EVENTS)
    assert settings["interactivity"]["is_enabled"] is True


def test_the_schema_check_would_catch_a_broken_manifest() -> None:
    schema, manifest = load()
    manifest["features"]["slash_commands"][0]["command"] = "praktik uden skråstreg"
    del manifest["display_information"]["name"]
    assert len(errors(schema, manifest)) >= 2


def test_manifest_has_what_the_app_uses_and_no_more() -> None:
    _, manifest = load()
    command = manifest["features"]["slash_commands"][0]
    assert command["command"] == "/praktik" and command["usage_hint"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    # Exactly the events the routing table answers (team_join needs only users:read).
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == list(EVENTS)
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "chat:write",
        "im:write",
        "users:read",
        "files:write",
        "usergroups:read",  # PRAKTIK_ADMIN_GROUP's members; nothing that writes a group
    }
    # The fake Slack grants the bot token exactly these, so a method needing another fails.
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == GRANTED_SCOPES
