"""A submitted modal's `view.state.values`, read once into typed values.

Per input block and per element (by action ID) Slack sends the element's state: a text or
number input its `value`, a select or radio buttons their `selected_option`, checkboxes and
multi-selects their `selected_options`, a date picker its `selected_date`, a time picker its
`selected_time`, a user picker its `selected_user` (a multi one its `selected_users`).

Anyone holding the signing secret can send any JSON, so reading never raises: an element
that is no object is no element, and a field of the wrong shape reads as not sent. The forms
read their fields as they always did: text only as a string, while a chosen option's value
or a date that arrives as a number is still read as its digits where a form always did.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.registry.ids import Action

# What JSON carries besides lists, objects and null: a field's value as sent.
Scalar = str | int | float | bool


def _scalar(value: object) -> Scalar | None:
    return value if isinstance(value, Scalar) else None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _option_values(found: object) -> tuple[str, ...]:
    """Each option's value as text, the way the forms always read them."""
    if not isinstance(found, list):
        return ()
    return tuple(str(option.get("value")) for option in found if isinstance(option, Mapping))


def _strings(found: object) -> tuple[str, ...]:
    return tuple(s for s in found if isinstance(s, str)) if isinstance(found, list) else ()


@dataclass(frozen=True, slots=True)
class Element:
    """One element's state, its fields named as Slack names them. A single value is kept
    as the scalar sent (the properties read it); a list keeps its strings."""

    type: str = ""
    value: Scalar | None = None  # a text or number input's
    selected_option: Scalar | None = None  # its value
    selected_options: tuple[str, ...] = ()  # their values, each as text
    selected_date: Scalar | None = None
    selected_time: Scalar | None = None
    selected_user: Scalar | None = None
    selected_users: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> Element:
        chosen = raw.get("selected_option")
        return cls(
            type=_string(raw.get("type")) or "",
            value=_scalar(raw.get("value")),
            selected_option=_scalar(chosen.get("value")) if isinstance(chosen, Mapping) else None,
            selected_options=_option_values(raw.get("selected_options")),
            selected_date=_scalar(raw.get("selected_date")),
            selected_time=_scalar(raw.get("selected_time")),
            selected_user=_scalar(raw.get("selected_user")),
            selected_users=_strings(raw.get("selected_users")),
        )

    @property
    def text(self) -> str | None:
        return _string(self.value)

    @property
    def selected_text(self) -> str:
        """The chosen option's value as text, "" when none; a number reads as its digits."""
        return str(self.selected_option or "")

    @property
    def selected(self) -> str | None:
        return _string(self.selected_option)

    @property
    def date(self) -> datetime.date | None:
        """The picked day; None when none or no ISO date (a number is read as its digits)."""
        try:
            return datetime.date.fromisoformat(str(self.selected_date or ""))
        except ValueError:
            return None

    @property
    def time(self) -> str | None:
        return _string(self.selected_time)

    @property
    def user(self) -> str | None:
        return _string(self.selected_user)


EMPTY = Element()


def _elements(raw: object) -> dict[str, Element | None]:
    """A block's elements by action ID; None for one that is no object."""
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(action): Element.parse(found) if isinstance(found, Mapping) else None
        for action, found in raw.items()
    }


ID_DIGITS = 18  # a row ID fits a signed 64-bit column


@dataclass(frozen=True, slots=True)
class ViewState:
    """A `view_submission`'s view: what it is, and its inputs' state per block."""

    view_id: str = ""
    callback_id: str = ""
    private_metadata: str = ""
    blocks: Mapping[str, Mapping[str, Element | None]] = field(default_factory=dict, repr=False)

    @classmethod
    def parse(cls, view: object) -> ViewState:
        raw: Mapping[str, Any] = view if isinstance(view, Mapping) else {}
        state = raw.get("state")
        values = state.get("values") if isinstance(state, Mapping) else None
        blocks = values if isinstance(values, Mapping) else {}
        return cls(
            view_id=str(raw.get("id") or ""),
            callback_id=str(raw.get("callback_id") or ""),
            private_metadata=str(raw.get("private_metadata") or ""),
            blocks={str(block): _elements(found) for block, found in blocks.items()},
        )

    @property
    def metadata_id(self) -> int:
        """The private metadata as the row ID a modal carries, 0 when it is none: a forged
        value of thousands of digits would make `int` raise."""
        found = self.private_metadata
        return int(found) if found.isascii() and found.isdigit() and len(found) <= ID_DIGITS else 0

    def element(self, block: str, action: str = Action.FIELD) -> Element | None:
        """The block's element of that action ID, None when it sent none."""
        return self.blocks.get(block, {}).get(action)

    def first(self, block: str) -> Element:
        """The block's first element, whatever its action ID."""
        found = next(iter(self.blocks.get(block, {}).values()), None)
        return found or EMPTY

    def fields(self, action: str = Action.FIELD) -> dict[str, Element]:
        """Every block's element of that action ID, by block ID."""
        found = {block: elements.get(action) for block, elements in self.blocks.items()}
        return {block: element for block, element in found.items() if element is not None}

    def _of(self, block: str, action: str) -> Element:
        return self.element(block, action) or EMPTY

    def text(self, block: str, action: str = Action.FIELD) -> str | None:
        return self._of(block, action).text

    def selected(self, block: str, action: str = Action.FIELD) -> str | None:
        return self._of(block, action).selected

    def selected_text(self, block: str, action: str = Action.FIELD) -> str:
        return self._of(block, action).selected_text

    def selected_all(self, block: str, action: str = Action.FIELD) -> list[str]:
        return list(self._of(block, action).selected_options)

    def date(self, block: str, action: str = Action.FIELD) -> datetime.date | None:
        return self._of(block, action).date

    def time(self, block: str, action: str = Action.FIELD) -> str | None:
        return self._of(block, action).time

    def user(self, block: str, action: str = Action.FIELD) -> str | None:
        return self._of(block, action).user

    def users(self, block: str, action: str = Action.FIELD) -> list[str]:
        return list(self._of(block, action).selected_users)
