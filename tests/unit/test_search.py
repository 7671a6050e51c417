from __future__ import annotations

from bot.search import Index, SearchCache, document, rank, terms


def docs() -> list:
    return [
        document(
            slot_id=1,
            workplace="Ærø Kommune",
            sector="kommune",
            municipality_code="0492",
            region="Region Syddanmark",
            topics=["klima"],
            description="Havnen og færgerne",
        ),
        document(
            slot_id=2,
            workplace="Aarhus Kommune",
            sector="kommune",
            municipality_code="0751",
            region="Region Midtjylland",
            topics=["digitalisering"],
            description="Borgerservice",
        ),
        document(
            slot_id=3,
            workplace="Digitaliseringsstyrelsen",
            sector="stat",
            municipality_code="stat",
            region=None,
            topics=["digitalisering"],
            description="Vi samarbejder med Aarhus om data",
        ),
    ]


def test_danish_letters_and_case_meet() -> None:
    assert rank("ærø", docs()) == [1]
    assert rank("AERØ", docs()) == [1]
    assert rank("AARHUS", docs()) == rank("århus", docs()) == [2, 3]  # workplace before description


def test_every_word_must_match_and_whole_words_rank_first() -> None:
    assert rank("digitalisering stat", docs()) == [3]
    assert rank("digital", docs()) == [3, 2]  # a prefix of both; the workplace hit weighs most


def test_when_no_slot_has_every_word_more_words_matched_rank_first() -> None:
    assert rank("klima aarhus", docs()) == [2, 1, 3]  # one word each: by field, then oldest
    assert rank("digitalisering data odense", docs()) == [3, 2]  # two words, then one
    index = Index(docs())
    assert not index.has_every_word("klima aarhus")
    assert index.has_every_word("digitalisering stat")
    assert index.has_every_word("zzz qqq")  # nothing found: nothing to say about words


def test_odd_queries_find_nothing_and_never_fail() -> None:
    for query in [
        "",
        "   ",
        "%",
        "_",
        "'; DROP TABLE hostslot; --",
        "<!channel>",
        "\x00",
        "x" * 20000,
    ]:
        assert isinstance(rank(query, docs()), list)
    assert terms("x" * 20000) == ["x" * 200]
    assert len(terms(" ".join(f"ord{i}" for i in range(50)))) == 10


def test_the_cache_rebuilds_only_when_the_version_or_the_writes_change() -> None:
    clock = [0.0]
    cache = SearchCache(recheck=1.0, timer=lambda: clock[0])
    built: list[int] = []

    def load() -> list:
        built.append(1)
        return docs()

    def get(writes: int, version: int) -> Index:
        return cache.get(2027, writes, lambda: version, load, dict).index

    assert get(0, 1).rank("ærø") == [1]
    get(0, 1)
    get(1, 1)  # a write by this process: the version is read again, unchanged
    assert len(built) == 1
    get(2, 2)  # a changed version: rebuilt
    clock[0] = 5.0
    get(2, 3)  # another process changed it; noticed after `recheck`
    assert len(built) == 3


def test_a_slot_is_full_when_its_seats_taken_reach_the_capacity_it_was_indexed_with() -> None:
    listed = [
        document(
            slot_id=n,
            workplace=f"Sted {n}",
            sector="kommune",
            municipality_code="0492",
            region=None,
            topics=[],
            description="",
            capacity=2,
            version=("v", n),
        )
        for n in (1, 2, 3)
    ]
    taken = {1: 2, 2: 1, 9: 5}  # slot 9 is not in the index: never counted
    snapshot = SearchCache().get(2027, 0, lambda: 1, lambda: listed, lambda: taken)
    assert snapshot.full == {1}
    assert snapshot.index.listed(2) == (2, ("v", 2))
    assert snapshot.index.listed(9) == (0, None)
    ids, total = snapshot.index.page("sted", hidden=snapshot.full, offset=0, limit=10)
    assert sorted(ids) == [2, 3] and total == 2
