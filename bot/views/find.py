"""Finding a placement in Danish: the answer to a saved wish, why a slot is suggested, and
a search without words."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.domain.season import Season
from bot.slack.message import Message
from bot.texts import changes
from bot.texts import returning as returning_texts
from bot.views.common import notice
from bot.views.slots import Hit, suggestions


def why(parts: dict[str, int]) -> str | None:
    """Why a slot was suggested, from the parts of its score; None when nothing stands out."""
    return texts.why_parts(parts) or None


def wish_saved(
    hits: Sequence[Hit], season: Season, *, late: str | None, asked: int, visited: int
) -> Message:
    """The DM after a wish is saved: thanks (and, for a new wish after the deadline `late`,
    when it is matched), then the best slots, or the true reason there are none: the fitting
    slots were `asked` already, or `visited` in an earlier season."""
    thanks = texts.WISH_SAVED
    if late:
        thanks = f"{thanks}\n{texts.late_wish(late)}"
    intro = f"{thanks}\n{texts.SUGGESTIONS_HEADER}"
    none = texts.SUGGESTIONS_NONE
    if asked:
        none = changes.suggestions_all_asked(asked)
    elif visited:
        none = returning_texts.suggestions_all_visited(visited)
    return suggestions(intro, hits, season, none_text=f"{thanks}\n{none}")


def empty_query() -> Message:
    return notice(texts.SEARCH_EMPTY_QUERY)
