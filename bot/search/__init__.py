"""Free-text search over open host slots: `/praktik find <søgeord>`, and the wish's free text.

    analysis.py  Danish words: folding (æ/ø/å typed as ae/oe/aa or a/o/a), stemming, stop
                 words, compounds, typos – the one place both slots and queries are read
    index.py     the in-memory index of one season's open slots, and the ranking
    cache.py     one index per process, rebuilt when the slots change

The index lives in each process's memory, not in the database: a search costs a few
dictionary look-ups and set unions, with no round trip, and compounds and typos are matched
against the index's own vocabulary (bench/search_quality.py has the figures).
"""

from bot.search.analysis import terms
from bot.search.cache import SearchCache, Snapshot
from bot.search.index import Doc, Index, document, rank

__all__ = ["Doc", "Index", "SearchCache", "Snapshot", "document", "rank", "terms"]
