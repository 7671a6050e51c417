"""User text in mrkdwn: escaped first, clipped after, to Slack's length as sent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.views.mrkdwn import escape, fit, literal

ENTITY_OR_MARK = st.sampled_from(["&", "<", ">", "*", "_", "~", "`", "a", " ", "æ", "\n"])


def test_text_that_grows_when_escaped_is_clipped_to_the_limit_as_sent() -> None:
    grown = literal("&<>" * 700, 3000)
    assert len(grown) == 3000 and grown.endswith("&amp;&lt;…")  # whole entities, then the mark
    assert literal("Ærø & Marstal", 150) == "Ærø &amp; Marstal"
    assert literal("ab&cd", 7) == "ab…"  # `&amp;` does not fit whole: it is left out
    assert literal("*fed*", 3) == "*\u200b…"


def test_a_mention_of_our_own_is_kept_whole() -> None:
    assert fit("Hej <@U0123ABC> og resten", 10) == "Hej…"
    assert fit("<@U0123ABC> og resten", 13) == "<@U0123ABC>…"


@given(text=st.lists(ENTITY_OR_MARK, max_size=400).map("".join), limit=st.integers(1, 300))
def test_clipped_text_is_within_the_limit_and_a_prefix_of_the_escaped_text(
    text: str, limit: int
) -> None:
    clipped = literal(text, limit)
    full = escape(text)
    assert len(clipped) <= limit
    if clipped == full:
        return
    assert clipped.endswith("…")
    kept = clipped.removesuffix("…")
    assert full.startswith(kept)
    tail = full[len(kept) :]
    # The cut fell between units: never inside `&amp;` or between `*` and its zero-width space.
    assert not tail.startswith(("amp;", "mp;", "p;", "lt;", "t;", "gt;", ";", "\u200b"))
