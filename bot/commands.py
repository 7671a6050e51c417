"""Parsing the text of `/praktik …` into a subcommand and its arguments."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ids import Sub

_ALIASES = {"": Sub.HELP, "hjælp": Sub.HELP, "hjaelp": Sub.HELP, "help": Sub.HELP}


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
