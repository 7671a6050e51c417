"""Danish analysis for search: the forms slots' and queries' words meet in."""

from __future__ import annotations

from bot.search import Index, document, rank
from bot.search.analysis import (
    collapse,
    fold,
    near,
    pieces,
    spellings,
    stem,
    stems,
    terms,
    words,
)


def test_folding_meets_ae_oe_aa_and_a_o_a() -> None:
    assert fold("Køge") == fold("KOGE") == "koge"
    assert fold("Borgerrådgivning") == "borgerradgivning"
    assert fold("Lektiecafé") == "lektiecafe"
    assert collapse(fold("koege")) == collapse(fold("Køge")) == "koge"
    assert collapse(fold("Aarhus")) == collapse(fold("Århus")) == "arhus"
    assert collapse(fold("Ærø")) == collapse(fold("aeroe")) == collapse(fold("aero")) == "aro"
    assert spellings("koege") == ("koege", "koge")  # as typed, and collapsed
    assert spellings("broen") == ("broen", "bron")  # o+e of a real word: as typed still
    assert spellings("klima") == ("klima",)


def test_stems_join_definite_plural_and_genitive_forms() -> None:
    def same(*forms: str) -> bool:
        return len({stem(fold(f)) for f in forms}) == 1

    assert same("plejehjem", "plejehjemmet", "plejehjemmene")
    assert same("kommune", "kommunen", "kommunernes")
    assert same("sygehus", "sygehuset", "sygehusene")
    assert same("demenscenter", "demenscentre", "demenscentret")  # -er/-re alternate
    assert same("by", "byen", "byerne")  # a short root ending in its vowel
    assert same("bro", "broen", "broerne")
    assert not same("skole", "skov")
    # Snowball reads a word's own final s as a genitive: both stems are the word's
    assert set(stems(fold("indsats"))) & set(stems(fold("indsatsen")))
    assert set(stems(fold("pladsen"))) & set(stems(fold("plads")))


def test_stop_words_leave_queries_but_a_query_of_only_stop_words_keeps_them() -> None:
    assert terms("trafik i byen") == ["trafik", "byen"]
    assert terms("hjælp til de ledige på Fyn") == ["hjalp", "ledige", "fyn"]
    assert terms("for og i") == ["for", "og", "i"]
    assert words("Du følger os i hverdagen") == ["folger", "hverdagen"]
    assert terms("Klima KLIMA klima") == ["klima"]


def test_typos_are_one_edit_in_longer_words_only() -> None:
    vocabulary = ["psykiatrien", "digitalisering", "skole", "skov"]
    assert near("psykaitrien", vocabulary) == ["psykiatrien"]  # two letters swapped
    assert near("digitalisring", vocabulary) == ["digitalisering"]  # one left out
    assert near("skale", vocabulary) == []  # short words are never corrected
    assert near("digitaliserin", ["digitalisering", "digital"]) == ["digitalisering"]


def test_an_unknown_compound_splits_into_known_words_longest_first() -> None:
    known = {"jobcenter", "chef", "sygehus", "byggeri", "klimatilpasning"}.__contains__
    assert pieces("jobcenterchef", known) == ["jobcenter", "chef"]
    assert pieces("sygehusbyggeri", known) == ["sygehus", "byggeri"]
    assert pieces("klimatilpasningsplan", known) == ["klimatilpasning"]  # linking s skipped
    assert pieces("xyzzyplugh", known) == []


def _slot(slot_id: int, workplace: str, description: str, where: str = "0461") -> object:
    return document(
        slot_id=slot_id,
        workplace=workplace,
        sector="kommune",
        municipality_code=where,
        region=None,
        topics=[],
        description=description,
    )


def test_a_whole_word_ranks_above_a_compound_part_and_a_typo() -> None:
    docs = [
        _slot(1, "Demensplejecenter Solbakken", "Boliger for borgere med demens."),
        _slot(2, "Plejecenter Egely", "Et plejecenter med 40 boliger."),
        _slot(3, "Plejecentret Lunden", "Aftenvagter og nattevagter."),
    ]
    index = Index(docs)  # type: ignore[arg-type]
    assert index.rank("plejecenter") == [2, 3, 1]  # the word, its other form, then a part
    assert index.rank("plejecentre")[:2] == [2, 3]
    assert index.rank("pleejcenter") == [2, 3]  # a typo finds the word in its forms
    assert index.rank("demensplejecentre") == [1]


def test_one_typo_finds_a_word_the_slot_has_only_in_another_form() -> None:
    docs = [
        _slot(1, "Plejehjemmet Egely", "Aftenvagter og nattevagter."),
        _slot(2, "Jobcentret Esbjerg", "Samtaler med ledige.", where="0561"),
        _slot(3, "Vejle Kommune", "Vi tester velfærdsteknologien i hjemmeplejen.", where="0630"),
    ]
    index = Index(docs)  # type: ignore[arg-type]
    # Eight letters, one left out: one edit from the stem `plejehjem`, though two or more
    # from every form the slot has (`plejehjemmet`).
    assert index.rank("plejhjem") == [1]
    assert index.rank("plejehjm") == [1]
    assert index.rank("jobcneter") == [2]  # two letters swapped
    assert index.rank("velfærdstekonologi") == [3]  # one letter too many
    assert index.rank("plejhjm") == []  # two edits are not a typo


def test_compounds_match_both_ways() -> None:
    docs = [
        _slot(1, "Aalborg Kommune, Teknik og Miljø", "Trafikplanlægning i byerne."),
        _slot(2, "Jobcenter Esbjerg", "Samtaler med ledige.", where="0561"),
    ]
    assert rank("planlægning", docs) == [1]  # the head of a compound in the slot
    assert rank("trafik", docs) == [1]  # its first part
    assert rank("jobcenterchef", docs) == [2]  # a compound of which the slot has a part
    assert rank("trafik i byen", docs) == [1]


def test_a_compound_query_leans_on_its_first_part_and_more_parts_rank_higher() -> None:
    docs = [
        _slot(1, "Center for IT og Telefoni", "Drift af systemerne."),
        _slot(2, "Ældre og Sundhed", "Hjemmeplejen og plejecentrene."),
        _slot(3, "Center for Ældre og Sundhed", "Plejeboliger."),
        _slot(4, "Ældrecentret Lunden", "Plejeboliger."),
    ]
    assert rank("ældrecentre", docs) == [4]  # the whole word is known: no splitting
    del docs[3]
    assert rank("ældrecentre", docs) == [3, 2, 1]  # both parts, the first, the last


def test_more_matched_words_rank_first_when_no_slot_has_them_all() -> None:
    docs = [
        _slot(1, "Odense Kommune, Borgerservice", "Pas og kørekort."),
        _slot(2, "Odense Kommune, Biblioteket", "Lektiecafé og kørekort til knallert."),
    ]
    assert rank("bibliotek lektiecafe robotter", docs) == [2]
    assert rank("kørekort knallert robotter", docs) == [2, 1]
