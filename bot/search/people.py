"""Network entries as search documents: the same index and Danish analysis as the slots'
search, so `/praktik netværk klima aarhus` reads its words as `/praktik find` does."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.domain.geo import municipality, region_of
from bot.search.analysis import words
from bot.search.index import Doc


def person_document(
    *,
    entry_id: int,
    workplace: str,
    sector: str | None,
    municipality_code: str | None,
    topics: Sequence[str],
    did: str,
    title: str = "",
    owner: str = "",
) -> Doc:
    """`did`: what they did, as it is shown ("vært hos X i 2027"): its workplaces and years
    are searched as a description is, and the title with it."""
    place = municipality(municipality_code) if municipality_code else None
    where = f"{place.name} {place.official_name}" if place else ""
    region = region_of(municipality_code) if municipality_code else None
    return Doc(
        slot_id=entry_id,
        fields={
            "workplace": tuple(words(workplace)),
            "municipality": tuple(words(where)),
            "region": tuple(words(region or "")),
            "topics": tuple(w for t in topics for w in words(t)),
            "sector": tuple(words(texts.SECTOR_LABELS.get(sector or "", ""))),
            "description": tuple(words(f"{title} {did}")),
        },
        owner=owner,  # nobody is shown to themselves
    )
