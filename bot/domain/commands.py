"""Parsing the text of `/praktik …` into a subcommand and its arguments."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from bot.registry.ids import SeasonVerb, Sub

HELP_WORDS = ("hjælp", "hjaelp", "help")
# The network without æ, and in English, as other words of the command have theirs.
_ALIASES = (
    {"": Sub.HELP}
    | dict.fromkeys(HELP_WORDS, Sub.HELP)
    | dict.fromkeys(("netvaerk", "netvark", "network"), Sub.NETWORK)
)
# Close enough to be a typo: "staus" (0.91), "afmled" (0.83), "fnd" (0.86); not "hej".
TYPO_CUTOFF = 0.7


@dataclass(frozen=True, slots=True)
class Invocation:
    sub: Sub | None  # None: a word we do not know
    word: str  # the first word as typed
    args: str  # the rest, stripped


def parse(text: str) -> Invocation:
    word, _, rest = text.strip().partition(" ")
    key = word.casefold()
    sub = _ALIASES.get(key)
    if sub is None:
        sub = next((s for s in Sub if s.value == key), None)
    return Invocation(sub=sub, word=word, args=rest.strip())


def closest(word: str, commands: Iterable[str]) -> str | None:
    """The command a typo most likely meant (any spelling of help as "hjælp"), or None when
    nothing is close enough."""
    known = [*commands, *HELP_WORDS]
    found = difflib.get_close_matches(word.casefold(), known, n=1, cutoff=TYPO_CUTOFF)
    if not found:
        return None
    return Sub.HELP.value if found[0] in HELP_WORDS else found[0]


def season_opening(args: str) -> str | None:
    """The arguments of `sæson åbn <år> [dato]`, or None when `args` shows or sets the
    current season instead."""
    verb, _, rest = args.partition(" ")
    if verb.casefold() in tuple(SeasonVerb):
        return rest
    return None
