"""Texts for `/praktik find <søgeord>` beyond the result header (bot/texts/__init__.py)."""

from __future__ import annotations

from typing import Final

# Shown above the results when no open slot has every word of the query, and the slots
# with the most of them are shown instead.
SOME_WORDS: Final = "Ingen ledig plads har alle ordene – her er dem, der har flest af dem."
