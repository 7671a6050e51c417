"""The routing table in handlers/__init__.py is every way in: each ID in bot.registry.ids that a
Slack request can name is routed, once."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from enum import StrEnum

import pytest

import handlers
from bot.registry import ids
from bot.registry.ids import Action, FeedbackAction, Sub, View, rating_action

# IDs no request is routed on, and why.
NOT_ROUTED = {
    Action.FIELD,  # a modal's input element: its value arrives with the view submission
    FeedbackAction.RATE,  # the prefix of the five rating buttons, matched by RATE_PATTERN
    Sub.HELP,  # the help is what an unrouted word gets
    View.ERROR,  # the error modal only closes
    View.PRIVACY_NOTICE,  # so does the privacy notice
}


def _enums(*suffixes: str) -> list[type[StrEnum]]:
    return [
        kind
        for name, kind in vars(ids).items()
        if inspect.isclass(kind) and issubclass(kind, StrEnum) and name.endswith(suffixes)
    ]


def _routed(table: object, value: str) -> bool:
    assert isinstance(table, dict)
    return any(
        key.fullmatch(value) if isinstance(key, re.Pattern) else key == value for key in table
    )


@pytest.mark.parametrize(
    ("suffixes", "table"),
    [
        (("Action",), handlers.ACTIONS),
        (("Callback", "View"), handlers.VIEWS),
        (("Command",), handlers.COMMANDS),
        (("Sub",), handlers.SUBCOMMANDS),
        (("AdminWord",), handlers.ADMIN_COMMANDS),
        (("Event",), handlers.EVENTS),
    ],
)
def test_every_id_is_routed(suffixes: tuple[str, ...], table: object) -> None:
    kinds = _enums(*suffixes)
    assert kinds, suffixes
    unrouted = [
        f"{kind.__name__}.{member.name}"
        for kind in kinds
        for member in kind
        if member not in NOT_ROUTED and not _routed(table, member)
    ]
    assert unrouted == []


def test_each_rating_button_is_routed_by_the_pattern() -> None:
    assert all(_routed(handlers.ACTIONS, rating_action(r)) for r in range(1, 6))
    assert not _routed(handlers.ACTIONS, rating_action(6))


def test_every_route_is_an_id_from_bot_ids() -> None:
    known = {m.value for kind in _enums("") for m in kind}
    for table in (handlers.ACTIONS, handlers.VIEWS, handlers.COMMANDS, handlers.EVENTS):
        for key in table:
            assert isinstance(key, (re.Pattern, StrEnum)), key
            assert isinstance(key, re.Pattern) or key in known, key
    assert all(isinstance(k, StrEnum) for k in handlers.SUBCOMMANDS)
    assert all(isinstance(k, StrEnum) for k in handlers.ADMIN_COMMANDS)


def test_a_key_routed_twice_is_refused() -> None:
    async def one() -> None: ...

    with pytest.raises(ValueError, match="routed twice"):
        handlers.table(("checkin_form", one), (ids.FeedbackCallback.CHECKIN, one))


class Recorder:
    """Stands in for the AsyncApp: notes what register_all asks Bolt to route."""

    def __init__(self) -> None:
        self.routed: list[tuple[str, object]] = []

    def _route(self, kind: str, key: object) -> Callable[[object], object]:
        self.routed.append((kind, key))
        return lambda listener: listener

    def command(self, key: object) -> Callable[[object], object]:
        return self._route("command", key)

    def action(self, key: object) -> Callable[[object], object]:
        return self._route("action", key)

    def view(self, key: object) -> Callable[[object], object]:
        return self._route("view", key)

    def event(self, key: object) -> Callable[[object], object]:
        return self._route("event", key)


def test_register_all_registers_each_listener_once() -> None:
    app = Recorder()
    handlers.register_all(app)  # type: ignore[arg-type]
    assert len(app.routed) == len(set(app.routed))
    tables = (handlers.ACTIONS, handlers.VIEWS, handlers.COMMANDS, handlers.EVENTS)
    assert len(app.routed) == sum(len(t) for t in tables)


def test_no_listener_registers_itself_on_import() -> None:
    # Registries filled by decorators at import time were how routes used to hide.
    for module in vars(handlers).values():
        if inspect.ismodule(module) and module.__name__.startswith("handlers."):
            assert not hasattr(module, "register"), module.__name__
