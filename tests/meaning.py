"""Naming what a person is told through the text catalogue, so a test checks the meaning and
survives a rewording: a constant or builder of `bot.texts`, whole or by its opening clause."""

from __future__ import annotations

import re

# A clause ends at a comma, colon, semicolon, question or exclamation mark, a dash between
# words, or a full stop before a capital letter (not the one in a date like "13. sep.").
_CLAUSE_END = re.compile(r"[,:;?!]| – |\.(?=\s+[A-ZÆØÅ*_<])|\.$")


def clause(text: str) -> str:
    """The opening clause of a sentence from the catalogue, for messages that go on with
    details the test does not fix (or builds with arguments it does not know)."""
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


def before(text: str, marker: str) -> str:
    """What a builder says before one of its arguments: call it with `marker` for the
    argument the test does not know, and check the words leading up to it."""
    head, found, _ = text.partition(marker)
    assert found, f"{marker!r} is not in {text!r}"
    return head
