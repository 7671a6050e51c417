"""`praktik import`, `praktik eksport` and `praktik match`: the coordinators' offline tools."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from bot.offline.progress import Progress
from bot.texts import csvio as csvio_texts
from bot.texts import rounds as rounds_texts
from models.db import Database
from models.tables import HostSlot, Participant, Topic, Wish
from tests.unit.offline_sheets import HOSTS, INTERNS


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _counts(db: Database) -> tuple[int, int, int]:
    def count(session: object) -> tuple[int, int, int]:
        exec_ = session.exec  # type: ignore[attr-defined]
        return (
            len(exec_(select(Participant)).all()),
            len(exec_(select(HostSlot)).all()),
            len(exec_(select(Wish)).all()),
        )

    return db.call(count)


def test_import_reports_every_bad_row_and_loads_nothing_from_the_files(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_hosts = HOSTS.replace("region,Viborg,1", "regioner,Viborg,0").replace(
        "stat,København,1,fre", "stat,Atlantis,1,lør"
    )
    bad_interns = INTERNS.replace(",h2\n", ",h9\n")
    code = main(
        [
            "import",
            "--hosts",
            _write(tmp_path, "v.csv", bad_hosts),
            "--interns",
            _write(tmp_path, "p.csv", bad_interns),
            "--url",
            db.url,
            "--year",
            "2027",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert csvio_texts.file_errors("v.csv", 4) in err
    assert "linje 3: ukendt sektor 'regioner'" in err
    assert csvio_texts.line(3, csvio_texts.ROW_ERRORS["capacity"].format(value="0")) in err
    assert "linje 4: ukendt kommune 'Atlantis'" in err and "linje 4: ukendt dag 'lør'" in err
    assert "Intet er indlæst" in err
    assert _counts(db) == (0, 0, 0)

    # With good hosts, an intern naming a host that is not on the list stops it all too.
    code = main(
        [
            "import",
            "--hosts",
            _write(tmp_path, "v.csv", HOSTS),
            "--interns",
            _write(tmp_path, "p.csv", bad_interns),
            "--url",
            db.url,
            "--year",
            "2027",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "p.csv: 1 fejl" in err and "linje 3: ukendt vært 'h9'" in err
    assert _counts(db) == (0, 0, 0)


def test_import_loads_participants_slots_and_wishes_and_again_updates_them(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "import",
        "--hosts",
        _write(tmp_path, "v.csv", HOSTS),
        "--interns",
        _write(tmp_path, "p.csv", INTERNS),
        "--url",
        db.url,
        "--year",
        "2027",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert csvio_texts.imported(2027, hosts=3, interns=4, created=7, updated=0) in out
    assert csvio_texts.without_slack_id(5) in out and csvio_texts.RANKINGS_NOT_STORED in out
    assert _counts(db) == (7, 3, 4)

    def loaded(session: object) -> tuple[HostSlot, Participant, Wish, list[str]]:
        exec_ = session.exec  # type: ignore[attr-defined]
        slot = exec_(select(HostSlot).where(HostSlot.workplace == "Ærø Kommune")).one()
        bo = exec_(select(Participant).where(Participant.slack_user_id == "UHOST1")).one()
        emil = exec_(select(Participant).where(Participant.slack_user_id == "csvi:i2")).one()
        wish = exec_(select(Wish).where(Wish.intern_id == emil.id)).one()
        return slot, bo, wish, [t.name for t in exec_(select(Topic)).all()]

    slot, bo, wish, topics = db.call(loaded)
    assert (slot.capacity, slot.days, slot.sector, slot.region) == (
        2,
        [1, 2],
        "kommune",
        "Region Syddanmark",
    )
    assert sorted(slot.topics) == ["klima", "ledelse"]  # the catalogue's spelling
    assert (bo.name, bo.workplace, bo.municipality) == ("Bo Hansen", "Ærø Kommune", "0492")
    assert (wish.days, wish.wanted_regions) == ([3, 5], ["Region Midtjylland"])
    assert topics == ["robotter"]  # a topic the catalogue did not have

    assert main(args) == 0
    assert "(0 nye deltagere, 7 opdaterede)" in capsys.readouterr().out
    assert _counts(db) == (7, 3, 4)


def test_export_writes_an_excel_friendly_file(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aftaler.csv"
    assert main(["eksport", "--out", str(out), "--url", db.url, "--year", "2027"]) == 0
    assert "0 aftaler fra sæson 2027" in capsys.readouterr().out
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfAftale;Status;Oprindelse;Runde;") and data.endswith(
        b"\r\n"
    )


@pytest.mark.parametrize("mode", ["stabil", "flest"])
def test_match_prints_assignments_and_metrics_as_json(
    mode: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hosts, interns = _write(tmp_path, "v.csv", HOSTS), _write(tmp_path, "p.csv", INTERNS)
    assert main(["match", "--hosts", hosts, "--interns", interns, "--mode", mode, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # a small input draws no progress bar
    found = json.loads(captured.out)
    assert set(found) == {"assignments", "metrics"}
    assert all(set(a) == {"intern", "host"} for a in found["assignments"])
    pairs = {a["intern"]: a["host"] for a in found["assignments"]}
    load = Counter(pairs.values())
    assert load["UHOST1"] <= 2 and load["h2"] <= 1 and load["h3"] <= 1
    assert pairs.get("i2") == "h2"  # Emil's explicit choice, on his days
    metrics = found["metrics"]
    for key in (
        "placed_pct",
        "cross_sector_pct",
        "first_choice_pct",
        "top3_pct",
        "mean_rank",
        "blocking_pairs",
        "seats_left",
        "unplaced",
    ):
        assert key in metrics, key
    assert metrics["mode"] == mode and metrics["wishes"] == 4
    assert {"intern": "i4", "reason": "no_compatible_slot"} in metrics["unplaced"]
    if mode == "stabil":
        assert metrics["blocking_pairs"] == 0


def test_match_prints_a_readable_table_and_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hosts, interns = _write(tmp_path, "v.csv", HOSTS), _write(tmp_path, "p.csv", INTERNS)
    assert main(["match", "--hosts", hosts, "--interns", interns, "--weight", "0"]) == 0
    table = capsys.readouterr().out
    assert table.startswith(csvio_texts.match_title("stabil", placed=3, wishes=4))
    no_days = rounds_texts.REASONS["no_compatible_slot"]
    assert "praktikant  vært" in table and f"i4 – {no_days}" in table

    bad = _write(tmp_path, "bad.csv", INTERNS.replace("ons;fre", "søn"))
    assert main(["match", "--hosts", hosts, "--interns", bad, "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "linje 3: ukendt dag 'søn'" in captured.err
    assert main(["match", "--hosts", hosts, "--interns", interns, "--weight", "101"]) == 2


def _as_excel_saves_it(text: str) -> bytes:
    """Danish Excel's "CSV UTF-8": BOM, `;` between cells (quoted where a list has `;`), CRLF."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(csv.reader(io.StringIO(text)))
    return out.getvalue().encode("utf-8-sig")


def test_match_and_import_read_a_semicolon_file_with_bom_and_crlf(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comma = [_write(tmp_path, "v.csv", HOSTS), _write(tmp_path, "p.csv", INTERNS)]
    excel = []
    for name, text in (("v-excel.csv", HOSTS), ("p-excel.csv", INTERNS)):
        (tmp_path / name).write_bytes(_as_excel_saves_it(text))
        excel.append(str(tmp_path / name))
    assert (tmp_path / "v-excel.csv").read_bytes().startswith(b"\xef\xbb\xbfid;name;")
    for hosts, interns in (comma, excel):
        assert main(["match", "--hosts", hosts, "--interns", interns, "--json"]) == 0
    from_comma, from_excel = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert from_excel == from_comma
    args = ["--url", db.url, "--year", "2027"]
    assert main(["import", "--hosts", excel[0], "--interns", excel[1], *args]) == 0
    imported = csvio_texts.imported(2027, hosts=3, interns=4, created=7, updated=0)
    assert imported in capsys.readouterr().out
    assert _counts(db) == (7, 3, 4)


def test_progress_goes_to_stderr_in_stages_and_as_a_bar_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shares, labels = {"read": 1.0, "prefs": 1.0}, {"read": "læser", "prefs": "lister"}
    log = io.StringIO()
    bar = Progress(log, shares=shares, labels=labels)
    bar.stage("read")
    bar.stage("prefs", 200)
    bar.update(100)  # a long stage logs every tenth
    bar.update(110)
    bar.done()
    read, prefs = labels["read"], labels["prefs"]
    assert re.sub(r"\(\d+\.\d s\)", "(s)", log.getvalue()) == (
        f"  0% {read}\n 50% {prefs}\n 75% {prefs}: 100/200 (s)\n"
    )
    screen = Terminal()
    bar = Progress(screen, shares=shares, labels=labels)
    bar.stage("prefs", 10)
    bar.update(10)
    bar.done()
    drawn = screen.getvalue()
    assert drawn.startswith("\r 50% ") and "\r100% " in drawn and drawn.endswith("\n")
    assert "lister: 10/10" in drawn
    quiet = Progress(None, shares=shares, labels=labels)
    quiet.stage("read")
    quiet.done()


def test_without_shares_each_stage_is_a_bar_of_its_own() -> None:
    log = io.StringIO()
    bar = Progress(log)
    for name in ("Tilmelding", "Match"):
        bar.stage(name, 3)
        bar.tick(3)
        bar.done()
    assert re.sub(r"\(\d+\.\d s\)", "(s)", log.getvalue()) == (
        "  0% Tilmelding\n100% Tilmelding: 3/3 (s)\n  0% Match\n100% Match: 3/3 (s)\n"
    )
