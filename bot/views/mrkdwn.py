"""Putting user text into Slack mrkdwn safely."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Zero-width space after each formatting character stops *bold*, _it_, ~strike~ and `code`
# in a user's text from being rendered as markup, while the characters still show.
_FORMATTING = re.compile(r"([*_~`])")


def escape(text: str) -> str:
    """User text shown as text: no mentions, links or formatting survive."""
    text = _CONTROL.sub("", text)
    return _FORMATTING.sub("\\1\u200b", angles(text))


def angles(text: str) -> str:
    """Our own text with <, > and & in it, shown literally (Slack's three control characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters, marking the cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


def plain(text: str, limit: int) -> str:
    """User text for a plain_text field: control characters out, length within Slack's limit."""
    return clip(_CONTROL.sub("", text), limit)
