"""Returning participants: an intern is not sent back to a workplace she visited before.

A workplace is known by its host slot's workplace name, normalised – not by the host
person. The programme's point is a new workplace and new colleagues: a different colleague
hosting at the same workplace next year is still a repeat, while the same host who has moved
to another workplace is new ground. Names are written by hand each season ("Ærø Kommune",
"ærø  kommune", "Aeroe Kommune"), so case, spacing, punctuation and the spellings of æ, ø
and å are folded away before comparing.

Pure: names and years in, decisions out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"\w+", re.UNICODE)


def workplace_key(name: str) -> str:
    """The workplace a name denotes: `Ærø Kommune`, `ærø  kommune.` and `Aeroe Kommune`
    are one workplace."""
    text = unicodedata.normalize("NFKC", name).casefold().translate(_LETTERS)
    return " ".join(_WORD.findall(text))


def visited(history: Iterable[tuple[str, int]]) -> dict[str, int]:
    """(workplace name, season year) of an intern's earlier placements → the last year she
    was at each workplace, by key."""
    found: dict[str, int] = {}
    for name, year in history:
        key = workplace_key(name)
        if key:
            found[key] = max(year, found.get(key, year))
    return found


def repeats(
    wanted: Mapping[int, Mapping[str, int]], slots: Mapping[int, str]
) -> dict[tuple[int, int], int]:
    """(wish, slot) pairs that would send an intern back to a workplace she visited, with
    the year she was there. `wanted`: each wish's visited workplaces (from `visited`);
    `slots`: each slot's workplace name."""
    by_key: dict[str, list[int]] = {}
    for slot_id, name in slots.items():
        by_key.setdefault(workplace_key(name), []).append(slot_id)
    return {
        (wish_id, slot_id): year
        for wish_id, places in wanted.items()
        for key, year in places.items()
        for slot_id in by_key.get(key, ())
    }
