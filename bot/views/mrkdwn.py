"""Putting user text into Slack mrkdwn safely, and within Slack's limits.

Slack counts a text's length as sent: `&` goes out as `&amp;` and counts five. So user
text is escaped first and clipped after (`literal`), never the other way round: 2,000
characters of `&<>` are 8,667 once escaped.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Zero-width space after each formatting character stops *bold*, _it_, ~strike~ and `code`
# in a user's text from being rendered as markup, while the characters still show.
_FORMATTING = re.compile(r"([*_~`])")
# What a clip must keep whole: an entity, a formatting character with its zero-width space,
# a mention or link of our own (`<@U123>`), else one character.
_UNIT = re.compile(r"&(?:amp|lt|gt);|[*_~`]\u200b|<[^<>\s]{1,200}>|.", re.DOTALL)
ELLIPSIS = "…"

# Slack's limits on text, as sent (Block Kit reference; chat.postMessage for `text`).
SECTION_TEXT = 3000
FIELD_TEXT = 2000
CONTEXT_TEXT = 3000  # a context element is a text object: 3,000
HEADER_TEXT = 150
BUTTON_TEXT = 75
OPTION_TEXT = 75
CONFIRM_TEXT = 300
MODAL_TITLE = 24
MESSAGE_TEXT = 40_000


def literal(text: str, limit: int) -> str:
    """User text as mrkdwn shows it literally, at most `limit` characters as Slack counts
    them: escaped first, then clipped without cutting an entity or markup in half."""
    return fit(escape(text), limit)


# How much of a workplace's or a person's name is shown wherever it is named.
WORKPLACE_SHOWN = 150
NAME_SHOWN = 100


def workplace(name: str) -> str:
    """A workplace's name as every message shows it: literally, at most WORKPLACE_SHOWN."""
    return literal(name, WORKPLACE_SHOWN)


def fit(mrkdwn: str, limit: int) -> str:
    """Already safe mrkdwn (escaped user text in our own sentence) shortened to `limit`
    characters as sent, marking the cut; `&amp;`, `*\u200b` and `<@U…>` stay whole."""
    if len(mrkdwn) <= limit:
        return mrkdwn
    room = max(0, limit - len(ELLIPSIS))
    kept, used = [], 0
    for unit in _UNIT.finditer(mrkdwn):
        piece = unit.group()
        if used + len(piece) > room:
            break
        kept.append(piece)
        used += len(piece)
    return "".join(kept).rstrip() + ELLIPSIS


def escape(text: str) -> str:
    """User text shown as text: no mentions, links or formatting survive. Unbounded: where
    the text meets a Slack limit, use `literal`."""
    text = _CONTROL.sub("", text)
    return _FORMATTING.sub("\\1\u200b", angles(text))


def angles(text: str) -> str:
    """Our own text with <, > and & in it, shown literally (Slack's three control characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters, marking the cut. For text that is not mrkdwn
    (plain_text, a button's value); user text in mrkdwn goes through `literal`."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + ELLIPSIS


def plain(text: str, limit: int) -> str:
    """User text for a plain_text field: control characters out, length within Slack's limit."""
    return clip(_CONTROL.sub("", text), limit)
