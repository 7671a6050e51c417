"""What a button's value carries: one typed codec per kind of button.

The view that makes a button writes its value with `encode()`, the handler that reads the
press gets it back with `decode()`. Anyone holding the signing secret can send any value
(Slack allows 2,000 characters), and old buttons keep their old values, so `decode` never
raises: a value that is not one of ours is None, and the handler answers that in Danish.
The action IDs stay in bot.registry.ids; a codec only knows what the value holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from bot.domain.placement import ANSWERING, Role
from bot.matching.solvers import Mode

# Slack's limit for a button's value: anything longer never came from a button of ours.
MAX_VALUE = 2000
# Our row IDs are short: a longer "number" is not one of ours and must not become a huge int.
_MAX_DIGITS = 11
# The matching preview's pages and rounds are small; the bounds keep hostile digits short.
_MAX_PAGE_DIGITS = 4
_MAX_ROUND_DIGITS = 6


def number(text: str, digits: int = _MAX_DIGITS) -> int | None:
    """A plain decimal number of at most `digits` digits, or None."""
    if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)
    return None


def _ours(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= MAX_VALUE else None


def _parts(value: str, sep: str, count: int) -> list[str] | None:
    """A value of ours cut into its `count` fields (the last keeps any further `sep`)."""
    text = _ours(value)
    parts = None if text is None else text.split(sep, count - 1)
    return parts if parts is not None and len(parts) == count else None


@dataclass(frozen=True, slots=True)
class _RowButton:
    """A button that names one row by its ID. Views of a row not yet saved write 0, which
    names no row: the services refuse it as they refuse a row that is gone."""

    id: int

    def encode(self) -> str:
        return str(self.id)

    @classmethod
    def decode(cls, value: str) -> Self | None:
        found = number(value)
        return None if found is None else cls(found)

    @classmethod
    def id_of(cls, value: str) -> int:
        """The row ID, or 0 for a value that names none (see above)."""
        found = cls.decode(value)
        return 0 if found is None else found.id


@dataclass(frozen=True, slots=True)
class SlotButton(_RowButton):
    """*Anmod* under a slot: the slot asked for. *Ret* on one's slot carries it too, though
    its handler opens the person's own slot whatever the value says."""


@dataclass(frozen=True, slots=True)
class ProposalButton(_RowButton):
    """A confirmed placement's *Ret dage*, *Ret mine mål* and *Skriv programmet*."""


@dataclass(frozen=True, slots=True)
class PlacementButton(_RowButton):
    """The check-in's ratings and comment, the evaluation's and the follow-up's buttons;
    the network's *Bliv fundet i netværket* under the evaluation carries it unread."""


@dataclass(frozen=True, slots=True)
class DaysChangeButton(_RowButton):
    """The other side's answer to a change of days."""


@dataclass(frozen=True, slots=True)
class WorkshopButton(_RowButton):
    """The workshop invitation's two answers."""


@dataclass(frozen=True, slots=True)
class ProposalAnswer:
    """Accept or decline a proposal: `<proposal>:<role>`. The value names the side, so only
    its person can press them; only a side that answers (host, intern, manager) decodes – a
    co-host answers as the host."""

    proposal_id: int
    role: Role

    def encode(self) -> str:
        return f"{self.proposal_id}:{self.role.value}"

    @classmethod
    def decode(cls, value: str) -> Self | None:
        parts = _parts(value, ":", 2)
        if parts is None:
            return None
        proposal_id = number(parts[0])
        role = next((r for r in ANSWERING if r.value == parts[1]), None)
        return None if proposal_id is None or role is None else cls(proposal_id, role)


@dataclass(frozen=True, slots=True)
class MoreResults:
    """*Vis flere* under search results: `<offset>|<query>`; the query is the rest, bars
    and all."""

    offset: int
    query: str

    def encode(self) -> str:
        return f"{self.offset}|{self.query}"

    @classmethod
    def decode(cls, value: str) -> Self | None:
        parts = _parts(value, "|", 2)
        offset = None if parts is None else number(parts[0])
        return None if parts is None or offset is None else cls(offset, parts[1])


@dataclass(frozen=True, slots=True)
class MatchSend:
    """*Send forslag* of one mode: `<mode>:<round>`."""

    mode: Mode
    round_no: int

    def encode(self) -> str:
        return f"{self.mode.value}:{self.round_no}"

    @classmethod
    def decode(cls, value: str) -> Self | None:
        parts = _parts(value, ":", 2)
        if parts is None:
            return None
        mode = _mode(parts[0])
        round_no = number(parts[1], _MAX_ROUND_DIGITS)
        return None if mode is None or round_no is None else cls(mode, round_no)


@dataclass(frozen=True, slots=True)
class MatchPage:
    """A page of the matching preview, or the other mode's: `<mode>:<page>:<round>`."""

    mode: Mode
    page: int
    round_no: int

    def encode(self) -> str:
        return f"{self.mode.value}:{self.page}:{self.round_no}"

    @classmethod
    def decode(cls, value: str) -> Self | None:
        parts = _parts(value, ":", 3)
        if parts is None:
            return None
        mode = _mode(parts[0])
        page = number(parts[1], _MAX_PAGE_DIGITS)
        round_no = number(parts[2], _MAX_ROUND_DIGITS)
        if mode is None or page is None or round_no is None:
            return None
        return cls(mode, page, round_no)


def _mode(text: str) -> Mode | None:
    return next((m for m in Mode if m.value == text), None)


@dataclass(frozen=True, slots=True)
class Announcement:
    """A send button of the announcement's preview: `<year>,<year>|<text>`, the seasons it
    reaches and the text (at most 1,900 + 10 characters, within Slack's 2,000).

    A button from before buttons named their seasons carries only the text, meant for the
    season in force: it decodes with no `years`, which the service reads as that season.
    So any value of Slack's length is an announcement; the service checks the text."""

    years: tuple[int, ...]
    text: str

    def encode(self) -> str:
        return f"{','.join(str(y) for y in self.years)}|{self.text}"

    @classmethod
    def decode(cls, value: str) -> Self | None:
        whole = _ours(value)
        if whole is None:
            return None
        head, bar, text = whole.partition("|")
        years = head.split(",")
        if bar and all(y.isascii() and y.isdigit() and len(y) == 4 for y in years):
            return cls(tuple(int(y) for y in years), text)
        return cls((), whole)
