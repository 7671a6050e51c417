"""Validated input from the modals: the forms' shapes and data rules. A limit that is also
a column's width (models.tables) is defined here once, so a form never takes what the
database would refuse. bot.service.forms applies the rules to a submission and words the
refusals in Danish.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.domain.geo import Sector

WORKPLACE_MAX = 150  # HostSlot.workplace
DESCRIPTION_MAX = 2000
WISH_TEXT_MAX = 2000
GOALS_MAX = 1000  # the learning goals, as the intern writes them (Slack counts more)
# A wish's free texts, each with its limit: read, checked and stored by name (a new one is a
# field of WishForm, a column of Wish by the same name, and a line here).
WISH_TEXTS: dict[str, int] = {"text": WISH_TEXT_MAX, "goals": GOALS_MAX}
CAPACITY_MIN, CAPACITY_MAX = 1, 10
TOPIC_MAX = 60  # Topic.name

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(raw: str | None) -> str:
    """Stored as given, except control characters (they break every display) and outer space."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", raw or "")).strip()


@dataclass(frozen=True, slots=True)
class SlotForm:
    workplace: str
    sector: Sector
    municipality: str  # kommunekode or CENTRAL_ADMINISTRATION
    region: str | None
    capacity: int
    days: tuple[int, ...]
    topics: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class WishForm:
    workplace: str
    sector: Sector
    municipality: str | None
    topics: tuple[str, ...]
    wanted_sectors: tuple[Sector, ...]
    wanted_regions: tuple[str, ...]
    days: tuple[int, ...]
    manager_user_id: str | None
    # WISH_TEXTS:
    text: str = ""
    goals: str = ""


@dataclass
class Raw:
    """Raw field values as read from a view's state (None when left empty)."""

    text: dict[str, str | None] = field(default_factory=dict)
    choice: dict[str, str | None] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


def parse_capacity(raw: str | None) -> int | None:
    text = clean_text(raw)
    # int() refuses more than 4,300 digits (leading zeros count); no capacity needs three.
    digits = text.lstrip("0") or "0"
    if not text.isascii() or not text.isdigit() or len(digits) > 2:
        return None
    value = int(digits)
    return value if CAPACITY_MIN <= value <= CAPACITY_MAX else None
