"""The coordinators' offline commands: `praktik import`, `praktik eksport`, `praktik match`.

They need the database (DATABASE_URL) or only the CSV files, never Slack tokens. Messages
are Danish (coordinators read them); bad rows go to stderr with their line numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar, cast

from bot.domain import geo
from bot.matching.preferences import build_preferences
from bot.matching.rules import CROSS_SECTOR_POINTS, MAX_CROSS_SECTOR_WEIGHT
from bot.matching.solvers import MatchResult, Mode, result, solve
from bot.matching.steering import Steering, SteeringError, check, steered
from bot.offline.progress import Progress
from bot.sheets import csvio
from bot.sheets.csvio import CsvError, HostRow, InternRow, RowError
from bot.sheets.layout import SLACK_USER_ID
from bot.texts import DEFAULT_TOPICS
from bot.texts import csvio as t
from bot.texts import rounds as mt
from bot.texts import steering as steering_texts

if TYPE_CHECKING:
    from models.imports import HostSignUp, ImportRefused, InternSignUp

_Q = TypeVar("_Q")
LARGE_INPUT_BYTES = 200_000  # about 2,000 rows: below that the command is done at once
PROGRESS_SHARES = {"read": 0.3, "prefs": 0.5, "solve": 0.15, "metrics": 0.05}


def _year(given: int | None) -> int:
    """--year, else PRAKTIK_YEAR, else the season of the next week 37 (as the app does)."""
    if given is not None:
        return given
    if os.environ.get("PRAKTIK_YEAR", "").isdigit():
        return int(os.environ["PRAKTIK_YEAR"])
    from zoneinfo import ZoneInfo

    from bot.domain.season import default_season_year

    tz = ZoneInfo(os.environ.get("PRAKTIK_TZ") or "Europe/Copenhagen")
    return default_season_year(datetime.now(UTC), tz)


# Reading both lists ---------------------------------------------------------------------


@dataclass
class Lists:
    hosts: list[HostRow]
    interns: list[InternRow]
    errors: list[str]  # Danish, one line each: nothing may be loaded when there are any


def _read(path: str | None, errors: list[str]) -> bytes | None:
    if path is None:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as error:
        errors.append(t.file_unreadable(path, error.strerror or str(error)))
        return None


def read_lists(hosts_path: str | None, interns_path: str | None, *, extras: bool = True) -> Lists:
    """Both files, each checked whole; rankings and choices must name the other file's ids
    (when both are given and readable). Every bad row of every file is reported. Without
    extras the hosts' description and co-host columns are not read (`match`)."""
    errors: list[str] = []
    host_data, intern_data = _read(hosts_path, errors), _read(interns_path, errors)
    found = Lists([], [], errors)
    problems: dict[str, list[RowError]] = {}
    if host_data is not None:
        try:
            found.hosts = csvio.read_hosts(host_data, extras=extras)
        except CsvError as error:
            problems["hosts"] = list(error.errors)
    if intern_data is not None:
        try:
            found.interns = csvio.read_interns(intern_data)
        except CsvError as error:
            problems["interns"] = list(error.errors)
    if host_data is not None and intern_data is not None and not problems:
        host_ids = {str(r.profile.id) for r in found.hosts}
        intern_ids = {str(r.profile.id) for r in found.interns}
        for key, unknown in (
            ("hosts", csvio.unknown_references(found.hosts, intern_ids)),
            ("interns", csvio.unknown_references(found.interns, host_ids)),
        ):
            if unknown:
                problems[key] = unknown
    for key, path in (("hosts", hosts_path), ("interns", interns_path)):
        if key in problems and path is not None:
            errors.append(t.file_errors(path, len(problems[key])))
            errors += [f"  {e}" for e in problems[key]]
    return found


# praktik import ---------------------------------------------------------------------------


def _key(raw: str, kind: str) -> str:
    """The participant's key: a Slack user ID as it is, else a stand-in per list."""
    if SLACK_USER_ID.fullmatch(raw):
        return raw
    key = f"csv{kind}:{raw}"
    return key if len(key) <= 32 else f"csv{kind}:" + hashlib.sha256(raw.encode()).hexdigest()[:27]


def _code(name: str | None) -> str | None:
    if name == geo.CENTRAL_ADMINISTRATION:
        return name
    found = geo.municipality(name) if name else None
    return found.code if found else None


def signups(lists: Lists) -> tuple[list[HostSignUp], list[InternSignUp]]:
    from models.imports import HostSignUp, InternSignUp, Person

    hosts = [
        HostSignUp(
            line=r.line,
            person=Person(
                _key(str(r.profile.id), "h"),
                r.name,
                r.organisation,
                r.profile.sector.value,
                _code(r.profile.municipality),
            ),
            region=r.profile.region,
            capacity=r.profile.capacity,
            days=sorted(r.profile.days),
            topics=sorted(r.profile.topics),
            description=r.description,
            cohost=r.cohost,
        )
        for r in lists.hosts
    ]
    interns = [
        InternSignUp(
            line=r.line,
            person=Person(
                _key(str(r.profile.id), "i"),
                r.name,
                r.organisation,
                r.profile.sector.value if r.profile.sector else "",
                _code(r.municipality),
            ),
            days=sorted(r.profile.days),
            topics=sorted(r.profile.topics),
            wanted_sectors=sorted(s.value for s in r.profile.wanted_sectors),
            wanted_regions=sorted(r.profile.wanted_regions),
        )
        for r in lists.interns
    ]
    return hosts, interns


def run_import(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from bot.process.startup import offline_database
    from models.imports import ImportRefused, load_signups

    if args.hosts is None and args.interns is None:
        print(t.IMPORT_NEED_FILE, file=err)
        return 2
    lists = read_lists(args.hosts, args.interns)
    if lists.errors:
        print("\n".join(lists.errors), file=err)
        print(t.IMPORT_NOTHING, file=err)
        return 1
    hosts, interns = signups(lists)
    year = _year(args.year)
    db = offline_database(args.url)
    try:
        if db.is_sqlite:
            db.upgrade()
        loaded = db.call(
            load_signups,
            year=year,
            hosts=hosts,
            interns=interns,
            default_topics=DEFAULT_TOPICS,
            now=datetime.now(UTC),
        )
    except ImportRefused as refused:
        print(t.file_errors(args.hosts or "", 1), file=err)
        print(f"  {t.line(refused.line, _refusal(refused))}", file=err)
        print(t.IMPORT_NOTHING, file=err)
        return 1
    finally:
        db.dispose()
    print(t.imported(year, loaded.hosts, loaded.interns, loaded.created, loaded.updated), file=out)
    ids = [str(r.profile.id) for r in lists.hosts] + [str(r.profile.id) for r in lists.interns]
    stand_ins = sum(not SLACK_USER_ID.fullmatch(i) for i in ids)
    if stand_ins:
        print(t.without_slack_id(stand_ins), file=out)
    if any(r.profile.ranking for r in lists.hosts) or any(r.profile.choices for r in lists.interns):
        print(t.RANKINGS_NOT_STORED, file=out)
    return 0


def _refusal(refused: ImportRefused) -> str:
    from models.imports import CapacityRefused, CohostRefused

    if isinstance(refused, CohostRefused):
        return t.COHOST_BOTH_SIDES if refused.both_sides else t.COHOST_AFTER_CONFIRMATION
    assert isinstance(refused, CapacityRefused)
    return t.capacity_below(refused.confirmed)


# praktik eksport --------------------------------------------------------------------------


def _query(url: str | None, fn: Callable[..., _Q], err: TextIO, **kwargs: object) -> _Q | None:
    """fn's answer from the database; None, with a Danish line on err, when the database
    cannot be read (not there, or not migrated) – never a traceback."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from bot.process.startup import offline_database

    # A malformed URL or a server that does not answer stops here with one line.
    db = offline_database(url)
    try:
        return db.call(fn, **kwargs)
    except (OperationalError, ProgrammingError) as error:
        first = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        print(t.database_unreadable(first), file=err)
        return None
    finally:
        db.dispose()


def operator() -> str:
    """Who ran the command, as the audit log records it: the operating-system account."""
    import getpass

    from models.audit import cli_actor

    try:
        account = getpass.getuser()
    except (OSError, KeyError):  # a container's user may have no name
        account = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return cli_actor(account)


def record_export(url: str | None, err: TextIO, what: str, **detail: object) -> bool:
    """Put an export of personal data in the audit log, as the Slack exports are."""
    from models.audit import record_export as record

    given = {"what": what, "format": "csv", **detail}
    return bool(_query(url, record, err, actor=operator(), now=datetime.now(UTC), detail=given))


def run_export(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if args.tilmeldinger:
        return _export_signups(args, out, err)
    from bot.domain.season import Season
    from bot.service.stats import people_in
    from bot.views.stats import export_csv
    from models.stats import export_rows

    year = _year(args.year)
    rows = _query(args.url, export_rows, err, year=year)
    if rows is None:
        return 2
    try:
        Path(args.out).write_bytes(export_csv(rows, Season.for_year(year)))
    except OSError as error:
        print(t.file_unreadable(args.out, error.strerror or str(error)), file=err)
        return 1
    people = len(people_in(rows))
    if not record_export(
        args.url, err, "placements", year=year, placements=len(rows), people=people
    ):
        return 2
    print(t.exported(args.out, len(rows), year), file=out)
    return 0


def _export_signups(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The open slots and active wishes as the two files `praktik import` reads, in --out
    (a folder, created when missing)."""
    from bot.views.signups import HOSTS_FILE, INTERNS_FILE, hosts_sheet, interns_sheet
    from models.imports import signed_up

    year = _year(args.year)
    found = _query(args.url, signed_up, err, year=year)
    if found is None:
        return 2
    hosts, interns = found
    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / HOSTS_FILE).write_bytes(hosts_sheet(hosts))
        (folder / INTERNS_FILE).write_bytes(interns_sheet(interns))
    except OSError as error:
        print(t.file_unreadable(args.out, error.strerror or str(error)), file=err)
        return 1
    people = len({p.slack_user_id for p, _ in hosts} | {p.slack_user_id for p, _ in interns})
    if not record_export(args.url, err, "signups", year=year, people=people):
        return 2
    written = t.exported_signups(folder, HOSTS_FILE, INTERNS_FILE, len(hosts), len(interns), year)
    print(written, file=out)
    return 0


# praktik match ----------------------------------------------------------------------------


def match_json(found: MatchResult) -> dict[str, object]:
    """{"assignments": [{"intern", "host"}], "metrics": {...}} with the CSV files' ids."""
    metrics = dict(cast(dict[str, object], found.to_json_dict()["metrics"]))
    metrics["mode"] = found.mode.value
    metrics["unplaced"] = [
        {"intern": u.wish_id, "reason": u.reason.value} for u in found.metrics.unplaced
    ]
    return {
        "assignments": [{"intern": w, "host": s} for w, s in found.assignments.items()],
        "metrics": metrics,
    }


def match_table(found: MatchResult) -> list[str]:
    m = found.metrics
    lines = [
        t.match_title(found.mode.value, m.placed, m.wishes),
        f"{mt.PLACED} {mt.pct(m.placed_pct)} · {mt.CROSS_SECTOR} {mt.pct(m.cross_sector_pct)} · "
        f"{mt.FIRST_CHOICE} {mt.pct(m.first_choice_pct)} · {mt.TOP3} {mt.pct(m.top3_pct)} · "
        f"{mt.MEAN_RANK} {mt.number(m.mean_rank, 2) if m.mean_rank is not None else '–'} · "
        f"{mt.BLOCKING} {m.blocking_pairs} · {mt.SEATS_LEFT} {m.seats_left}",
        "",
    ]
    rows = [(str(w), str(s), str(found.ranks[w])) for w, s in found.assignments.items()]
    widths = [max([len(h), *(len(r[k]) for r in rows)]) for k, h in enumerate(t.MATCH_COLUMNS)]
    for cells in [t.MATCH_COLUMNS, *rows]:
        lines.append("  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip())
    if m.unplaced:
        lines += ["", f"{t.MATCH_UNPLACED} ({len(m.unplaced)}):"]
        lines += [f"  {u.wish_id} – {mt.REASONS[u.reason.value]}" for u in m.unplaced]
    return lines


def _size(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += Path(path).stat().st_size
    return total


def run_match(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    weight = CROSS_SECTOR_POINTS if args.weight is None else args.weight
    if not 0 <= weight <= MAX_CROSS_SECTOR_WEIGHT:
        print(t.WEIGHT_RANGE, file=err)
        return 2
    large = _size([args.hosts, args.interns]) >= LARGE_INPUT_BYTES
    shown = err if large or args.progress else None
    bar = Progress(shown, shares=PROGRESS_SHARES, labels=t.PROGRESS_STEPS)
    bar.stage("read")
    lists = read_lists(args.hosts, args.interns, extras=False)
    if lists.errors:
        bar.done()
        print("\n".join(lists.errors), file=err)
        return 1
    steering = read_steering(args.interns, lists)
    if isinstance(steering, list):
        bar.done()
        print("\n".join(steering), file=err)
        return 1
    mode = Mode(args.mode)
    if steering:
        bar.stage("solve")
        found = steered(
            [r.profile for r in lists.hosts],
            [r.profile for r in lists.interns],
            mode,
            steering,
            cross_sector_weight=weight,
        )
    else:
        bar.stage("prefs", len(lists.interns))
        prefs = build_preferences(
            [r.profile for r in lists.hosts],
            [r.profile for r in lists.interns],
            cross_sector_weight=weight,
            progress=bar.update,
        )
        bar.stage("solve")
        chosen = solve(prefs, mode)
        bar.stage("metrics")
        found = result(prefs, mode, chosen)
    bar.done()
    if args.json:
        shown = match_json(found)
        cast(dict[str, object], shown["metrics"]).update(steering_figures(steering))
        json.dump(shown, out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    else:
        lines = match_table(found)
        if steering:
            figures = steering_figures(steering)
            lines.insert(2, steering_texts.steering_line(figures["locked"], figures["forbidden"]))
        out.write("\n".join(lines) + "\n")
    return 0


def steering_figures(steering: Steering) -> dict[str, int]:
    return {"locked": len(steering.fixed), "forbidden": len(steering.forbidden)}


def read_steering(path: str, lists: Lists) -> Steering | list[str]:
    """The interns file's `locked` and `forbidden` columns, or the Danish errors."""
    data = Path(path).read_bytes()  # read_lists has read it already: it is there
    hosts = {str(r.profile.id): r.profile for r in lists.hosts}
    by_text = {str(r.profile.id): r.profile.id for r in lists.interns}
    try:
        rows = csvio.read_steering(data, host_ids=hosts)
    except CsvError as error:
        return [t.file_errors(path, len(error.errors)), *(f"  {e}" for e in error.errors)]
    fixed = {by_text[r.intern]: hosts[r.locked].id for r in rows if r.locked is not None}
    forbidden = frozenset((by_text[r.intern], hosts[h].id) for r in rows for h in r.forbidden)
    steering = Steering(fixed=fixed, forbidden=forbidden)
    try:
        check(steering, [r.profile for r in lists.hosts], [r.profile for r in lists.interns])
    except SteeringError:
        taken = Counter(str(h) for h in fixed.values())
        over = [
            steering_texts.locked_over_capacity(h, n, hosts[h].capacity)
            for h, n in sorted(taken.items())
            if n > hosts[h].capacity
        ]
        return [t.file_errors(path, len(over)), *(f"  {line}" for line in over)]
    return steering
