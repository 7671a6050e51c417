"""The coordinators' sign-up lists: good files load, bad ones load nothing and say why."""

from __future__ import annotations

import pytest

from bot.csvio import CsvError, RowError, read_hosts, read_interns
from bot.geo import Sector

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
        "linje 6: ukendt sektor 'stats' (brug stat, region eller kommune)",
        "linje 7: kapacitet skal være et helt tal fra 1 til 10, ikke '11'",
        "linje 7: ukendt dag 'lør' (brug man, tir, ons, tor eller fre)",
        "linje 8: id 'H1' er allerede brugt på linje 2",
        "linje 8: ukendt kommune 'Ødense'",
        "linje 8: mindst én dag skal angives (man, tir, ons, tor eller fre)",
    ]


def test_errors_name_the_column() -> None:
    with pytest.raises(CsvError) as caught:
        read_interns(
            "id,name,organisation,sector,municipality,days,wanted_regions\n"
            "P1,,Skat,stat,Vejle,ons,Fyn\n"
        )
    assert caught.value.errors == (
        RowError(2, "name", "navn mangler"),
        RowError(
            2,
            "wanted_regions",
            "ukendt region 'Fyn' (brug Hovedstaden, Sjælland, "
            "Syddanmark, Midtjylland eller Nordjylland)",
        ),
    )
    assert str(caught.value).startswith("linje 2: navn mangler\nlinje 2: ukendt region")


def test_references_to_unknown_or_repeated_ids() -> None:
    with pytest.raises(CsvError) as caught:
        read_interns(INTERNS, host_ids={"H1"})
    assert [str(e) for e in caught.value.errors] == ["linje 2: ukendt vært 'H2'"]
    with pytest.raises(CsvError) as caught:
        read_hosts(HOSTS.replace("P2;P1", "P1;P1"))
    assert [str(e) for e in caught.value.errors] == ["linje 2: 'P1' står mere end én gang"]
    with pytest.raises(CsvError):
        read_hosts(HOSTS, intern_ids={"P1"})


def test_file_level_problems_point_at_the_header_or_the_bad_byte() -> None:
    assert errors_of("") == ["linje 1: filen er tom: første linje skal være overskrifterne"]
    assert errors_of("id;name;organisation\nH1;A;B\n") == [
        "linje 1: kolonnerne skal adskilles med komma, ikke semikolon"
    ]
    assert errors_of("id,name,organisation,sector\n") == [
        "linje 1: kolonne mangler i overskriften: municipality, capacity, days"
    ]
    latin1 = HOSTS.encode("latin-1")  # line 2 is the first with æ/ø/å
    assert errors_of(latin1) == ["linje 2: filen er ikke gemt som UTF-8 (gem den som 'CSV UTF-8')"]


def test_too_many_cells_and_header_case() -> None:
    text = "ID,Name,Organisation,Sector,Municipality,Capacity,Days\nH1,A,B,stat,Køge,1,man,extra\n"
    assert errors_of(text) == ["linje 2: linjen har 8 felter, men overskriften har 7"]
    ok = "ID,Name,Organisation,Sector,Municipality,Capacity,Days\nH1,A,B,Stat,køge,1,Man\n"
    assert read_hosts(ok)[0].profile.sector is Sector.STAT
