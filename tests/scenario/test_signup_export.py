"""`praktik eksport --tilmeldinger`: sign-ups made in Slack go out as the two CSV files
`praktik import` reads, and back into a fresh database as the same sign-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from bot.texts import csvio as csvio_texts
from bot.views.cohosts import CohostBlock
from models.db import Database
from models.tables import HostSlot, Participant, Wish
from tests.commandline import praktik
from tests.databases import fresh_database
from tests.meaning import before
from tests.scenario.flows import offer, wish
from tests.talk import last_words, shown

Signups = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


def signups(session: Session) -> Signups:
    """Everything a sign-up list carries, without database ids or times."""
    hosts = session.exec(select(Participant, HostSlot).join(HostSlot)).all()
    interns = session.exec(select(Participant, Wish).join(Wish)).all()
    return (
        sorted(
            (
                p.slack_user_id,
                p.name,
                s.workplace,
                s.sector,
                s.municipality,
                s.region,
                s.capacity,
                tuple(s.days),
                tuple(sorted(s.topics)),
                s.description,
                s.cohost_user_id,
                s.status,
            )
            for p, s in hosts
        ),
        sorted(
            (
                p.slack_user_id,
                p.name,
                p.workplace,
                p.sector,
                p.municipality,
                tuple(w.days),
                tuple(sorted(w.topics)),
                tuple(sorted(w.wanted_sectors)),
                tuple(sorted(w.wanted_regions)),
                w.status,
            )
            for p, w in interns
        ),
    )


async def test_signups_from_slack_go_out_and_back_into_a_fresh_database_unchanged(
    harness: Harness, tmp_path: Path
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    lars = ws.person("ULARS", "lars", "Lars Bøgh")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, capacity="2", days=("man 13. sep.", "ons 15. sep."), topics=("klima", "HR"))
    await offer(
        lars,
        workplace="Finansministeriet; økonomi",
        sector="Stat",
        municipality="Centraladministrationen (flere steder)",
        topics=("økonomi og styring",),
    )
    await wish(anna, days=("fre 17. sep.",), topics=("klima", "ledelse"))
    made = await harness.db.run(signups)
    assert len(made[0]) == 2 and len(made[1]) == 1

    out = tmp_path / "liste"
    exported = praktik(
        "eksport",
        "--tilmeldinger",
        "--out",
        str(out),
        "--url",
        harness.db.url,
        "--year",
        "2027",
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    assert (
        csvio_texts.exported_signups(out, "værter.csv", "praktikanter.csv", 2, 1, 2027)
        in exported.stdout
    )
    hosts_csv = (out / "værter.csv").read_bytes()
    assert hosts_csv.startswith(b"\xef\xbb\xbfid;navn;organisation;sektor;kommune;pladser;dage;")
    assert b"Centraladministrationen" in hosts_csv and b"\r\n" in hosts_csv

    (tmp_path / "fresh").mkdir()
    with fresh_database("sqlite", tmp_path / "fresh") as fresh:
        imported = praktik(
            "import",
            "--hosts",
            str(out / "værter.csv"),
            "--interns",
            str(out / "praktikanter.csv"),
            "--url",
            fresh.url,
            "--year",
            "2027",
            cwd=tmp_path,
        )
        assert imported.returncode == 0, imported.stderr
        assert csvio_texts.imported(2027, hosts=2, interns=1, created=3, updated=0) in (
            imported.stdout
        )
        assert fresh.call(signups) == made
        # And once more: the files of the fresh database are byte for byte the same files.
        again = praktik(
            "eksport",
            "--tilmeldinger",
            "--out",
            str(tmp_path / "igen"),
            "--url",
            fresh.url,
            "--year",
            "2027",
            cwd=tmp_path,
        )
        assert again.returncode == 0, again.stderr
    for name in ("værter.csv", "praktikanter.csv"):
        assert (tmp_path / "igen" / name).read_bytes() == (out / name).read_bytes()


DESCRIPTION = (
    'Vi arbejder med "grøn" omstilling; klima, natur og havn.\n'
    "Du møder også vores team på Ærø – tag gummistøvler med."
)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_a_slots_description_and_co_host_go_out_and_back_into_a_fresh_database(
    harness: Harness, tmp_path: Path, backend: str
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    ws.person("UCILLE", "cille", "Cille Dahl")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    await offer(bo, description=DESCRIPTION)
    await bo.command("/praktik", "tilbyd")  # the same modal names a co-host
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    assert (await bo.submit()).action == "close", bo.modal_errors
    await offer(dan, workplace="Skat", sector="Stat", municipality="Køge", description="- ét spor")
    made = await harness.db.run(signups)
    assert [(h[0], h[-3], h[-2]) for h in made[0]] == [
        ("UBO", DESCRIPTION, "UCILLE"),
        ("UDAN", "- ét spor", None),
    ]

    out = tmp_path / "liste"
    args = ("--year", "2027")
    exported = praktik(
        "eksport", "--tilmeldinger", "--out", str(out), "--url", harness.db.url, *args, cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    hosts_csv = (out / "værter.csv").read_bytes()
    assert (
        hosts_csv.startswith(b"\xef\xbb\xbfid;navn;")
        and b";beskrivelse;medv\xc3\xa6rt\r\n" in hosts_csv
    )
    # A cell with quotes and semicolons is quoted, its quotes doubled.
    opening = DESCRIPTION.split(",")[0]
    assert ('"' + opening.replace('"', '""')).encode() in hosts_csv

    (tmp_path / "fresh").mkdir()
    files = ("--hosts", str(out / "værter.csv"), "--interns", str(out / "praktikanter.csv"))
    with fresh_database(backend, tmp_path / "fresh") as fresh:
        imported = praktik("import", *files, "--url", fresh.url, *args, cwd=tmp_path)
        assert imported.returncode == 0, imported.stderr
        assert fresh.call(signups) == made
        again = praktik(
            "eksport", "--tilmeldinger", "--out", "igen", "--url", fresh.url, *args, cwd=tmp_path
        )
        assert again.returncode == 0, again.stderr
    assert (tmp_path / "igen" / "værter.csv").read_bytes() == hosts_csv
    # `match` reads the same files and leaves the two columns alone.
    matched = praktik("match", *files, "--json", cwd=tmp_path)
    assert matched.returncode == 0, matched.stderr


def test_csv_stand_in_ids_go_back_to_the_list_ids(sqlite_db: Database, tmp_path: Path) -> None:
    hosts = tmp_path / "v.csv"
    hosts.write_text(
        "id,name,organisation,sector,municipality,capacity,days\n"
        "h2,Cille,Viborg K,kommune,Viborg,1,ons\n",
        encoding="utf-8",
    )
    args = ("--url", sqlite_db.url, "--year", "2027")
    assert praktik("import", "--hosts", str(hosts), *args, cwd=tmp_path).returncode == 0
    assert praktik("eksport", "--tilmeldinger", "--out", "ud", *args, cwd=tmp_path).returncode == 0
    assert (tmp_path / "ud" / "værter.csv").read_text(encoding="utf-8-sig").splitlines()[1] == (
        "h2;Cille;Viborg K;kommune;Viborg;1;ons;;;"
    )


def test_an_unmigrated_database_is_a_danish_sentence_not_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tom.db'}"
    for extra in (["--tilmeldinger"], []):
        run = praktik("eksport", *extra, "--out", "ud", "--url", url, cwd=tmp_path)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        unreadable = before(csvio_texts.database_unreadable("<reason>"), "<reason>")
        assert run.stderr.startswith(unreadable + "no such table:")
        assert "kør først `praktik db upgrade`?" in run.stderr


async def test_a_list_cannot_make_an_intern_of_the_slot_its_co_host(
    harness: Harness, tmp_path: Path
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    ws.person("UCILLE", "cille", "Cille Dahl")
    await offer(bo)
    await wish(anna)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    args = ("--url", harness.db.url, "--year", "2027")
    assert praktik("eksport", "--tilmeldinger", "--out", "ud", *args, cwd=tmp_path).returncode == 0
    hosts = tmp_path / "ud" / "værter.csv"
    exported = hosts.read_bytes().decode("utf-8-sig")
    assert exported.splitlines()[1].endswith(";")  # no co-host yet

    hosts.write_bytes(exported.replace(";\r\n", ";UANNA\r\n").encode("utf-8-sig"))
    refused = praktik("import", "--hosts", str(hosts), *args, cwd=tmp_path)
    assert refused.returncode == 1
    assert csvio_texts.line(2, csvio_texts.COHOST_BOTH_SIDES) in (refused.stderr)
    assert "Intet er indlæst" in refused.stderr

    await bo.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    hosts.write_bytes(exported.replace(";\r\n", ";UCILLE\r\n").encode("utf-8-sig"))
    refused = praktik("import", "--hosts", str(hosts), *args, cwd=tmp_path)
    assert refused.returncode == 1
    assert csvio_texts.line(2, csvio_texts.COHOST_AFTER_CONFIRMATION) in refused.stderr
    assert [s.cohost_user_id for s in await harness.db.run(_slots)] == [None]


def _slots(session: Session) -> list[HostSlot]:
    return list(session.exec(select(HostSlot)).all())
