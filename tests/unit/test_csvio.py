"""The coordinators' sign-up lists: good files load, bad ones load nothing and say why."""

from __future__ import annotations

import pytest

from bot.domain.geo import Sector
from bot.sheets.csvio import CsvError, RowError, read_hosts, read_interns, write_sheet
from bot.texts import csvio as csvio_texts
from bot.texts.csvio import ROW_ERRORS

HOSTS = """\
id,name,organisation,sector,municipality,capacity,days,topics,ranking
H1,Søren Ærø,Køge Kommune,kommune,Køge,2,man;ons,Ældrepleje; Klima ,P2;P1
H2,Åse Øberg,Styrelsen for Dataforsyning,stat,0101,1,fre,data,
"""

INTERNS = (
    "id,name,organisation,sector,municipality,days,topics,wanted_sectors,wanted_regions,choices\n"
    "P1,Jens Ågård,Region Sjælland,region,Næstved,man;tirsdag,klima,kommune;stat,"
    "Hovedstaden;Region Sjælland,H1;H2\n"
    "P2,Mette Hø,Aabenraa Kommune,kommune,Aabenraa,fre,,,,\n"
)


def test_hosts_load_with_bom_and_danish_letters() -> None:
    rows = read_hosts(("\ufeff" + HOSTS).encode("utf-8"))
    assert [(r.line, r.name, r.organisation) for r in rows] == [
        (2, "Søren Ærø", "Køge Kommune"),
        (3, "Åse Øberg", "Styrelsen for Dataforsyning"),
    ]
    h1, h2 = (r.profile for r in rows)
    assert (h1.id, h1.capacity, h1.days, h1.sector) == ("H1", 2, frozenset({1, 3}), Sector.KOMMUNE)
    assert (h1.municipality, h1.region) == ("Køge", "Region Sjælland")
    assert h1.topics == frozenset({"ældrepleje", "klima"})
    assert h1.ranking == ("P2", "P1")
    assert (h2.municipality, h2.region, h2.ranking) == ("København", "Region Hovedstaden", ())


def test_the_same_file_without_bom_or_as_text() -> None:
    assert read_hosts(HOSTS.encode()) == read_hosts(HOSTS) == read_hosts("\ufeff" + HOSTS)


def test_interns_load() -> None:
    rows = read_interns(INTERNS, host_ids={"H1", "H2"})
    p1, p2 = rows
    assert (p1.name, p1.municipality) == ("Jens Ågård", "Næstved")
    w = p1.profile
    assert (w.id, w.sector, w.region, w.days) == (
        "P1",
        Sector.REGION,
        "Region Sjælland",
        frozenset({1, 2}),
    )
    assert w.wanted_sectors == frozenset({Sector.KOMMUNE, Sector.STAT})
    assert w.wanted_regions == frozenset({"Region Hovedstaden", "Region Sjælland"})
    assert w.choices == ("H1", "H2")
    assert (p2.profile.topics, p2.profile.wanted_regions, p2.profile.choices) == (
        frozenset(),
        frozenset(),
        (),
    )


def errors_of(data: str | bytes, *, hosts: bool = True) -> list[str]:
    with pytest.raises(CsvError) as caught:
        (read_hosts if hosts else read_interns)(data)
    return [str(e) for e in caught.value.errors]


def said(number: int, kind: str, hint: str = "", **values: object) -> str:
    """The catalogue's error for line `number`, with the hint the reader adds after a dash."""
    message = ROW_ERRORS[kind].format(**values)
    return csvio_texts.line(number, f"{message} – {ROW_ERRORS[hint]}" if hint else message)


def test_every_bad_row_is_reported_by_line_and_nothing_loads() -> None:
    text = (
        "id,name,organisation,sector,municipality,capacity,days,topics\n"
        "H1,Anne,Køge Kommune,kommune,Køge,2,man,\n"  # line 2: fine
        "\n"  # line 3: blank, skipped but counted
        'H2,"Bo\nBoesen",Styrelsen,stat,Odense,1,tir,\n'  # lines 4-5: a quoted line break
        "H3,Cai,Region H,stats,Odense,1,tir,\n"  # line 6
        "H4,Dan,Aarhus Kommune,kommune,Aarhus,11,lør;man,\n"  # line 7
        "H1,Eva,Odense Kommune,kommune,Ødense,1,,\n"  # line 8
    )
    assert errors_of(text) == [
        said(6, "sector", value="stats"),
        said(7, "capacity", value="11"),
        said(7, "day", value="lør"),
        said(8, "duplicate_id", value="H1", line=2),
        said(8, "municipality", value="Ødense"),
        said(8, "no_days"),
    ]


def test_errors_name_the_column() -> None:
    with pytest.raises(CsvError) as caught:
        read_interns(
            "id,name,organisation,sector,municipality,days,wanted_regions\n"
            "P1,,Skat,stat,Vejle,ons,Fyn\n"
        )
    assert caught.value.errors == (
        RowError(2, "name", "navn mangler"),
        RowError(2, "wanted_regions", ROW_ERRORS["region"].format(value="Fyn")),
    )
    assert str(caught.value).startswith("linje 2: navn mangler\nlinje 2: ukendt region")


def test_references_to_unknown_or_repeated_ids() -> None:
    with pytest.raises(CsvError) as caught:
        read_interns(INTERNS, host_ids={"H1"})
    assert [str(e) for e in caught.value.errors] == ["linje 2: ukendt vært 'H2'"]
    with pytest.raises(CsvError) as caught:
        read_hosts(HOSTS.replace("P2;P1", "P1;P1"))
    assert [str(e) for e in caught.value.errors] == [said(2, "repeated", value="P1")]
    with pytest.raises(CsvError):
        read_hosts(HOSTS, intern_ids={"P1"})


def test_file_level_problems_point_at_the_header_or_the_bad_byte() -> None:
    assert errors_of("") == [said(1, "empty_file")]
    assert errors_of("id;name;organisation\nH1;A;B\n") == [
        said(1, "missing_columns", names="sektor, kommune, pladser, dage")
    ]
    assert errors_of("id,name,organisation,sector\n") == [
        said(1, "missing_columns", names="kommune, pladser, dage")
    ]
    latin1 = HOSTS.encode("latin-1")  # line 2 is the first with æ/ø/å
    assert errors_of(latin1) == [said(2, "not_utf8")]


def test_too_many_cells_and_header_case() -> None:
    text = "ID,Name,Organisation,Sector,Municipality,Capacity,Days\nH1,A,B,stat,Køge,1,man,extra\n"
    assert errors_of(text) == [said(2, "too_many_cells", "comma_in_cell", got=8, want=7)]
    ok = "ID,Name,Organisation,Sector,Municipality,Capacity,Days\nH1,A,B,Stat,køge,1,Man\n"
    assert read_hosts(ok)[0].profile.sector is Sector.STAT


# Excel, Danish columns, the central administration, quotes ----------------------------------

DANISH_HOSTS = (
    "\ufeffid;navn;organisation;sektor;kommune;pladser;dage;emner;rangering\r\n"
    'H1;Søren Ærø;Køge Kommune;kommune;Køge;2;"man;ons";"Ældrepleje; Klima ";"P2;P1"\r\n'
    "H2;Åse Øberg;Styrelsen for Dataforsyning;stat;0101;1;fre;data;\r\n"
)


def test_a_semicolon_file_from_excel_with_bom_crlf_and_danish_columns_reads_as_the_english() -> (
    None
):
    excel = DANISH_HOSTS.encode("utf-8")
    assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
    assert read_hosts(excel) == read_hosts(HOSTS)
    interns = (
        "id;navn;organisation;sektor;kommune;dage;emner;ønskede_sektorer;ønskede_regioner;valg\r\n"
        'P1;Jens Ågård;Region Sjælland;region;Næstved;"man;tirsdag";klima;"kommune;stat";'
        '"Hovedstaden;Region Sjælland";"H1;H2"\r\n'
        "P2;Mette Hø;Aabenraa Kommune;kommune;Aabenraa;fre;;;;\r\n"
    )
    assert read_interns(("\ufeff" + interns).encode()) == read_interns(INTERNS)


def test_column_names_in_any_case_with_spaces_and_tabs_as_separators() -> None:
    text = (
        "ID\tNavn\tArbejdsplads\tSektor\tKommune\tKapacitet\tDage\nH1\tA\tB\tStat\tKøge\t1\tMan\n"
    )
    assert read_hosts(text)[0].profile.capacity == 1
    spaced = (
        "id,navn,organisation,sektor,kommune,dage,Ønskede sektorer\nP1,A,B,stat,Køge,man,region\n"
    )
    assert read_interns(spaced)[0].profile.wanted_sectors == frozenset({Sector.REGION})


def test_the_central_administration_is_written_as_in_the_slot_modal() -> None:
    text = (
        "id;navn;organisation;sektor;kommune;pladser;dage\n"
        "H1;A;Finansministeriet;stat;Centraladministrationen;1;man\n"
        "H2;B;Skattestyrelsen;Centraladministrationen;stat;1;tir\n"
    )
    h1, h2 = (r.profile for r in read_hosts(text))
    assert (h1.sector, h1.municipality, h1.region) == (Sector.STAT, "stat", None)
    assert (h2.sector, h2.municipality, h2.region) == (Sector.STAT, "stat", None)
    bad = (
        "id;navn;organisation;sektor;kommune;pladser;dage\n"
        "H1;A;Køge;kommune;Centraladministrationen;1;man\n"
    )
    assert errors_of(bad) == [said(2, "central_only_state")]


def test_a_list_written_with_commas_in_a_cell_is_explained() -> None:
    text = 'id,name,organisation,sector,municipality,capacity,days\nH1,A,B,stat,Køge,1,"man, tir"\n'
    assert errors_of(text) == [said(2, "day", "list_separator", value="man, tir")]


def test_an_unclosed_quote_is_reported_as_such_not_as_a_missing_sector() -> None:
    header = "id;navn;organisation;sektor;kommune;pladser;dage\r\n"
    at_the_end = header + "H1;A;B;stat;Køge;1;man\r\n" + 'H2;"Bo Hansen;Skat;stat;Køge;1;man\r\n'
    closed_later = at_the_end + 'H3;C;"D";stat;Køge;1;man\r\nH4;E;F;stat;Køge;1;tir\r\n'
    for text in (at_the_end, closed_later):
        found = errors_of(text.encode("utf-8-sig"))
        assert found[0] == said(3, "quote", line=3), found
        assert not any("mangler" in e for e in found)
    assert errors_of(header + 'H1;"A"x;B;stat;Køge;1;man\r\n') == [said(2, "quote", line=2)]


def test_a_list_cell_without_quotes_in_a_semicolon_file_is_explained() -> None:
    text = "id;navn;organisation;sektor;kommune;pladser;dage\nH1;A;B;stat;Køge;1;man;tir\n"
    assert errors_of(text) == [said(2, "too_many_cells", "semicolon_in_cell", got=8, want=7)]


def test_an_interns_list_without_a_municipality_column_loads() -> None:
    text = "id;navn;organisation;sektor;dage\nP1;Jens;Skattestyrelsen;stat;man;tir\n"
    (p1,) = read_interns(text.replace("man;tir", '"man;tir"'))
    assert (p1.name, p1.municipality, p1.profile.days) == ("Jens", "", frozenset({1, 2}))


def test_old_spellings_of_a_municipality_are_read_as_todays_name() -> None:
    text = (
        "id;navn;organisation;sektor;kommune;pladser;dage\n"
        "H1;A;Århus Kommune;kommune;Århus;1;man\n"
        "H2;B;Høje Taastrup Kommune;kommune;Høje Taastrup Kommune;1;tir\n"
    )
    h1, h2 = read_hosts(text)
    assert (h1.profile.municipality, h1.profile.region) == ("Aarhus", "Region Midtjylland")
    assert h2.profile.municipality == "Høje-Taastrup"
    assert errors_of(text.replace("Århus;1", "Aahus;1")) == [
        "linje 2: ukendt kommune 'Aahus' (eller skriv Centraladministrationen)"
    ]


# A slot's description and co-host (`beskrivelse`, `medvært`): optional hosts columns ------

EXTRAS_HEADER = ("id", "navn", "organisation", "sektor", "kommune", "pladser", "dage")
DESCRIPTION = (
    'Vi arbejder med "grøn" omstilling; klima og natur.\nDu møder os på Ærø – og på havnen.'
)


def test_a_description_and_a_co_host_are_read_when_the_columns_are_there() -> None:
    sheet = write_sheet(
        (*EXTRAS_HEADER, "beskrivelse", "medvært"),
        [
            ("UBO", "Bo", "Ærø Kommune", "kommune", "Ærø", 1, "man", DESCRIPTION, "UCILLE"),
            ("UDAN", "Dan", "Skat", "stat", "Køge", 1, "tir", "- to spor\n- én dag", None),
        ],
    )
    assert b'"Vi arbejder med ""gr\xc3\xb8n"" omstilling; klima' in sheet  # quoted as Excel does
    assert b"'- to spor" in sheet
    bo, dan = read_hosts(sheet)
    assert (bo.description, bo.cohost) == (DESCRIPTION, "UCILLE")
    # The apostrophe that keeps "- to spor" from running as a formula is not part of it.
    assert (dan.description, dan.cohost) == ("- to spor\n- én dag", "")
    english = "id,name,organisation,sector,municipality,capacity,days,Description,Co-host\n"
    (row,) = read_hosts(english + 'H1,A,B,stat,Køge,1,man,"To linjer\nog, komma",W0ANNA\n')
    assert (row.description, row.cohost) == ("To linjer\nog, komma", "W0ANNA")


def test_without_the_columns_a_slot_keeps_what_it_has() -> None:
    (row,) = read_hosts(
        "id;navn;organisation;sektor;kommune;pladser;dage\nH1;A;B;stat;Køge;1;man\n"
    )
    assert (row.description, row.cohost) == (None, None)


def test_a_bad_co_host_is_reported_by_line_and_nothing_loads() -> None:
    header = "id;navn;organisation;sektor;kommune;pladser;dage;rangering;medvært\n"
    text = (
        header
        + "UBO;Bo;Ærø Kommune;kommune;Ærø;1;man;;UCILLE\n"  # line 2: fine
        + "UDAN;Dan;Skat;stat;Køge;1;tir;;UDAN\n"  # line 3: himself
        + 'UEVA;Eva;Skat;stat;Køge;1;tir;"UANNA;UFIE";UFIE\n'  # line 4: one of her interns
        + "UGRY;Gry;Skat;stat;Køge;1;tir;;Cille Dahl\n"  # line 5: not a Slack user
    )
    assert errors_of(text) == [
        said(3, "cohost_self"),
        said(4, "cohost_ranked", value="UFIE"),
        said(5, "cohost_id", value="Cille Dahl"),
    ]
    # `match` does not read the columns: a co-host cannot stop it.
    assert [r.cohost for r in read_hosts(text, extras=False)] == [None] * 4


def test_a_free_text_cell_may_hold_line_breaks_and_semicolons_but_a_swallowed_row_is_caught() -> (
    None
):
    header = "id;navn;organisation;sektor;kommune;pladser;dage;beskrivelse\r\n"
    fine = header + 'H1;A;B;stat;Køge;1;man;"Første; linje\r\nanden; linje"\r\n'
    assert read_hosts(fine)[0].description == "Første; linje\r\nanden; linje"
    swallowed = header + 'H1;A;B;stat;Køge;1;man;"Start\r\nH2;C;D;stat;Køge;1;tir";x\r\n'
    assert errors_of(swallowed)[0] == said(2, "quote", line=2)
    # Elsewhere a line break with a separator is still a quote that closed too late.
    late = header + 'H1;"A\r\nH2;C";D;stat;Køge;1;man;\r\n'
    assert errors_of(late)[0] == said(2, "quote", line=2)
