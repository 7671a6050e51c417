"""Reading the coordinators' CSV sign-up lists of hosts and interns; writing exports.

UTF-8 with or without BOM, CRLF or LF, a header row, `;` or `,` between columns (sniffed
from the header, so a list saved from Danish Excel goes back in as it is) and `;` between
the items of a list inside a cell; the columns and their names are in bot.sheets.layout. A file
with any error loads nothing: every bad row is reported with its line number (the header is
line 1), in Danish, because coordinators read them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from bot.domain import geo
from bot.domain.geo import Sector
from bot.matching.rules import SlotProfile, WishProfile
from bot.sheets.layout import (
    CENTRAL,
    CENTRAL_NAMES,
    DAYS,
    FORMULA_START,
    FREE_TEXT,
    HOST_COLUMNS,
    HOST_OPTIONAL,
    INTERN_COLUMNS,
    INTERN_OPTIONAL,
    REGION_KEYS,
    SECTOR_ALIASES,
    SLACK_USER_ID,
    SLOT_EXTRAS,
    column_key,
    delimiter_of,
)
from bot.texts import csvio as t
from bot.texts import steering as steering_texts

TEXT = t.ROW_ERRORS
LABELS = t.COLUMN_LABELS

_T = TypeVar("_T")
_MISSING = object()
_R = TypeVar("_R", "HostRow", "InternRow")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return t.line(self.line, self.message)


class CsvError(ValueError):
    """The file was not loaded; errors says why, row by row."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True, slots=True)
class HostRow:
    line: int
    name: str
    organisation: str
    profile: SlotProfile
    # None when the file has no such column (an import then keeps what the slot has).
    description: str | None = None
    cohost: str | None = None  # a Slack user ID, or "" for nobody


@dataclass(frozen=True, slots=True)
class InternRow:
    line: int
    name: str
    organisation: str
    municipality: str
    profile: WishProfile


class _Bad(Exception):
    """A cell's value is wrong; the message is for the coordinator."""


def read_hosts(
    data: bytes | str, *, intern_ids: Collection[str] | None = None, extras: bool = True
) -> list[HostRow]:
    """Hosts' slots. With intern_ids, a ranking may name only those interns. Without
    extras, the description and co-host columns are left unread (`match` has no use for
    them, so they cannot stop it)."""
    rows: list[HostRow] = []
    errors: list[RowError] = []
    ids, names, organisations = _required("id"), _required("name"), _required("organisation")
    ranking = _ids(intern_ids, "unknown_intern")
    optional = HOST_OPTIONAL if extras else tuple(c for c in HOST_OPTIONAL if c not in SLOT_EXTRAS)
    for row in _rows(data, HOST_COLUMNS, optional, errors):
        place = row.get("municipality", _municipality, None, memo=True)
        sector = row.get("sector", _sector, None, memo=True)
        row.central_needs_state(place, sector)
        profile = SlotProfile(
            id=row.get("id", ids, ""),
            capacity=row.get("capacity", _capacity, 0, memo=True),
            days=row.get("days", _days, frozenset(), memo=True),
            sector=sector or Sector.STAT,
            municipality=_code_or_name(place),
            region=place.region or None if place else None,
            topics=row.get("topics", _topics, frozenset(), memo=True),
            ranking=row.get("ranking", ranking, ()),
        )
        name = row.get("name", names, "")
        organisation = row.get("organisation", organisations, "")
        description = row.get("description", _free_text, "") if row.has("description") else None
        cohost = row.get("cohost", _cohost, "") if row.has("cohost") else None
        if cohost:
            row.cohost_not_on_both_sides(cohost, str(profile.id), profile.ranking)
        rows.append(HostRow(row.line, name, organisation, profile, description, cohost))
    return _checked(rows, [(r.line, str(r.profile.id)) for r in rows], errors)


def read_interns(data: bytes | str, *, host_ids: Collection[str] | None = None) -> list[InternRow]:
    """Interns' wishes. With host_ids, choices may name only those hosts."""
    rows: list[InternRow] = []
    errors: list[RowError] = []
    ids, names, organisations = _required("id"), _required("name"), _required("organisation")
    sectors, regions = _set(_sector), _set(_region)
    choices = _ids(host_ids, "unknown_host")
    for row in _rows(data, INTERN_COLUMNS, INTERN_OPTIONAL, errors):
        place = row.get("municipality", _home, None, memo=True)
        sector = row.get("sector", _sector, None, memo=True)
        row.central_needs_state(place, sector)
        profile = WishProfile(
            id=row.get("id", ids, ""),
            sector=sector,
            region=place.region or None if place else None,
            days=row.get("days", _days, frozenset(), memo=True),
            topics=row.get("topics", _topics, frozenset(), memo=True),
            wanted_sectors=row.get("wanted_sectors", sectors, frozenset(), memo=True),
            wanted_regions=row.get("wanted_regions", regions, frozenset(), memo=True),
            choices=row.get("choices", choices, ()),
        )
        name = row.get("name", names, "")
        organisation = row.get("organisation", organisations, "")
        municipality = _code_or_name(place) or ""
        rows.append(InternRow(row.line, name, organisation, municipality, profile))
    return _checked(rows, [(r.line, str(r.profile.id)) for r in rows], errors)


def _code_or_name(place: geo.Municipality | None) -> str | None:
    """A municipality's name, or the central administration's key (as the app stores it)."""
    if place is None:
        return None
    return place.code if place is CENTRAL else place.name


def unknown_references(
    rows: Sequence[HostRow] | Sequence[InternRow], known: Collection[str]
) -> list[RowError]:
    """A ranking (hosts) or choices (interns) naming an id the other list does not have:
    the check read_hosts/read_interns make when given the other list's ids, for rows
    already read (so neither file is read twice)."""
    errors = []
    for row in rows:
        if isinstance(row, HostRow):
            column, refs, unknown = "ranking", row.profile.ranking, "unknown_intern"
        else:
            column, refs, unknown = "choices", row.profile.choices, "unknown_host"
        missing = next((str(r) for r in refs if str(r) not in known), None)
        if missing is not None:
            errors.append(RowError(row.line, column, TEXT[unknown].format(value=missing)))
    return errors


def _checked(rows: list[_R], ids: list[tuple[int, str]], errors: list[RowError]) -> list[_R]:
    first: dict[str, int] = {}
    for line, value in ids:
        if value in first:
            message = TEXT["duplicate_id"].format(value=value, line=first[value])
            errors.append(RowError(line, "id", message))
        elif value:
            first[value] = line
    if errors:
        raise CsvError(sorted(errors, key=_reading_order))
    return rows


def _reading_order(error: RowError) -> tuple[int, int]:
    """By line, then in the order the columns are listed in the file's layout."""
    columns = HOST_COLUMNS + HOST_OPTIONAL + INTERN_OPTIONAL
    return (error.line, columns.index(error.column) if error.column in columns else -1)


@dataclass(slots=True)
class _Row:
    line: int
    values: list[str]
    where: dict[str, int]
    errors: list[RowError]
    memo: dict[tuple[str, str], Any]

    def get(self, column: str, parse: Callable[[str], _T], fallback: _T, memo: bool = False) -> _T:
        """The parsed cell; a bad value is recorded and the fallback keeps the row going,
        so that every error of the row is reported (a file with errors loads nothing).
        memo: the parse is pure and the column repeats a few values (days, sector, ...):
        parse each distinct value once per file."""
        k = self.where.get(column)
        raw = self.values[k].strip() if k is not None and k < len(self.values) else ""
        if memo:
            found = self.memo.get((column, raw), _MISSING)
            if found is not _MISSING:
                return cast(_T, found)
        try:
            value = parse(raw)
        except _Bad as bad:
            self.errors.append(RowError(self.line, column, str(bad)))
            return fallback
        if memo:
            self.memo[(column, raw)] = value
        return value

    def has(self, column: str) -> bool:
        return column in self.where

    def cohost_not_on_both_sides(
        self, cohost: str, host: str, ranking: Collection[int | str]
    ) -> None:
        """Nobody hosts with themselves, nor co-hosts a slot that ranks them as its intern
        (as the slot modal refuses)."""
        if cohost == host:
            self.errors.append(RowError(self.line, "cohost", TEXT["cohost_self"]))
        elif cohost in ranking:
            message = TEXT["cohost_ranked"].format(value=cohost)
            self.errors.append(RowError(self.line, "cohost", message))

    def central_needs_state(self, place: geo.Municipality | None, sector: Sector | None) -> None:
        """The central administration is a place only state workplaces have (as in the app)."""
        if place is CENTRAL and sector is not None and sector is not Sector.STAT:
            self.errors.append(RowError(self.line, "municipality", TEXT["central_only_state"]))


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CsvError([RowError(data[: e.start].count(b"\n") + 1, "", TEXT["not_utf8"])]) from e


def _rows(
    data: bytes | str, required: tuple[str, ...], optional: tuple[str, ...], errors: list[RowError]
) -> Iterator[_Row]:
    """Each non-blank row after a valid header, numbered by the line it starts on."""
    text = _decode(data)
    delimiter = delimiter_of(text)
    # strict: a quote left open at the end of the file, or text after a closing quote, is an
    # error (csv.Error) instead of a cell that silently swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error:
        raise CsvError([RowError(1, "", TEXT["quote"].format(line=1))]) from None
    if header is None or not any(h.strip() for h in header):
        raise CsvError([RowError(1, "", TEXT["empty_file"])])
    if any("\n" in h or "\r" in h for h in header):
        raise CsvError([RowError(1, "", TEXT["quote"].format(line=1))])
    columns = [column_key(h) for h in header]
    problems = [
        RowError(1, c, TEXT["duplicate_column"].format(name=header[k].strip()))
        for k, c in enumerate(columns)
        if c and c in columns[:k]
    ]
    missing = [LABELS[c] for c in required if c not in columns]
    if missing:
        problems.append(RowError(1, "", TEXT["missing_columns"].format(names=", ".join(missing))))
    if problems:
        raise CsvError(problems)
    where = {c: k for k, c in enumerate(columns) if c in required + optional}
    free = frozenset(k for k, c in enumerate(columns) if c in FREE_TEXT)
    memo: dict[tuple[str, str], Any] = {}

    last_line = reader.line_num
    while True:
        line = last_line + 1
        try:
            values = next(reader, None)
        except csv.Error:
            errors.append(RowError(line, "", TEXT["quote"].format(line=line)))
            last_line = reader.line_num
            continue
        if values is None:
            return
        last_line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        # Only a row over several lines can hold a cell with a line break (cheap to ask).
        if last_line > line and _swallowed(values, delimiter, len(columns), free):
            errors.append(RowError(line, "", TEXT["quote"].format(line=line)))
            continue
        if len(values) > len(columns):
            got, want = len(values), len(columns)
            message = TEXT["too_many_cells"].format(got=got, want=want)
            hint = {",": "comma_in_cell", ";": "semicolon_in_cell"}.get(delimiter)
            if hint:
                message = f"{message} – {TEXT[hint]}"
            errors.append(RowError(line, "", message))
            continue
        yield _Row(line, values, where, errors, memo)


def _swallowed(values: list[str], delimiter: str, width: int, free: Collection[int]) -> bool:
    """A quote opened in this row closed only lines later: the lines between became one
    cell, holding line breaks and column separators (a cell with a line break alone is
    text from Excel's Alt+Enter). A free-text cell may hold both: there only a row left
    too short or too long by the swallowed lines tells."""
    broken = [k for k, v in enumerate(values) if "\n" in v or "\r" in v]
    if not broken:
        return False
    if len(values) < width:
        return True
    return any(len(values) > width if k in free else delimiter in values[k] for k in broken)


def _required(column: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not raw:
            raise _Bad(TEXT["required"].format(label=LABELS[column]))
        return raw

    return parse


def _free_text(raw: str) -> str:
    """As the person wrote it, without the apostrophe write_sheet put before a formula."""
    if raw[:1] == "'" and raw[1:2] in FORMULA_START:
        return raw[1:]
    return raw


def _cohost(raw: str) -> str:
    """A Slack user ID (the co-host gets the host's DMs), or "" for nobody."""
    if raw and not SLACK_USER_ID.fullmatch(raw):
        raise _Bad(TEXT["cohost_id"].format(value=raw))
    return raw


def _sector(raw: str) -> Sector:
    found = SECTOR_ALIASES.get(geo.fold(raw))
    if found is None:
        if not raw:
            raise _Bad(TEXT["required"].format(label=LABELS["sector"]))
        raise _Bad(_with_list_hint(TEXT["sector"].format(value=raw), raw))
    return found


def _municipality(raw: str) -> geo.Municipality | None:
    if not raw:
        raise _Bad(TEXT["required"].format(label=LABELS["municipality"]))
    if geo.fold(raw) in CENTRAL_NAMES:
        return CENTRAL
    found = geo.municipality(raw)
    if found is None:
        raise _Bad(TEXT["municipality"].format(value=raw))
    return found


def _home(raw: str) -> geo.Municipality | None:
    """An intern's own municipality: optional, as in the wish modal."""
    return _municipality(raw) if raw else None


def _with_list_hint(message: str, raw: str) -> str:
    """A list written with commas in a cell ("man, tir") gets told how lists are written."""
    return f"{message} – {TEXT['list_separator']}" if "," in raw else message


def _capacity(raw: str) -> int:
    if not re.fullmatch(r"\d{1,2}", raw) or not 1 <= int(raw) <= 10:
        raise _Bad(TEXT["capacity"].format(value=raw))
    return int(raw)


def _items(raw: str) -> list[str]:
    return [item for item in map(str.strip, raw.split(";")) if item]


def _days(raw: str) -> frozenset[int]:
    days = set()
    for item in _items(raw):
        day = DAYS.get(geo.fold(item).rstrip("."))
        if day is None:
            raise _Bad(_with_list_hint(TEXT["day"].format(value=item), item))
        days.add(day)
    if not days:
        raise _Bad(TEXT["no_days"])
    return frozenset(days)


def _topics(raw: str) -> frozenset[str]:
    return frozenset(" ".join(geo.fold(item).split()) for item in _items(raw))


def _region(raw: str) -> str:
    found = REGION_KEYS.get(geo.fold(raw))
    if found is None:
        raise _Bad(_with_list_hint(TEXT["region"].format(value=raw), raw))
    return found


def _set(parse: Callable[[str], _T]) -> Callable[[str], frozenset[_T]]:
    def parse_all(raw: str) -> frozenset[_T]:
        return frozenset(parse(item) for item in _items(raw))

    return parse_all


def _ids(known: Collection[str] | None, unknown: str) -> Callable[[str], tuple[str, ...]]:
    def parse(raw: str) -> tuple[str, ...]:
        ids = _items(raw)
        for k, value in enumerate(ids):
            if value in ids[:k]:
                raise _Bad(TEXT["repeated"].format(value=value))
            if known is not None and value not in known:
                raise _Bad(_with_list_hint(TEXT[unknown].format(value=value), value))
        return tuple(ids)

    return parse


def write_sheet(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV that Excel opens as it is: UTF-8 with BOM, `;` between cells, CRLF lines.

    None is an empty cell; a cell that starts like a formula gets a leading apostrophe, so
    that free text from users can never run as a formula in the coordinator's spreadsheet.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_START and not _number(text):
        return "'" + text
    return text


def _number(text: str) -> bool:
    return re.fullmatch(r"-?\d+([.,]\d+)?", text) is not None


# The coordinator's hand on `praktik match`: two optional columns of the interns file ------

STEERING_COLUMNS = ("locked", "forbidden")


@dataclass(frozen=True, slots=True)
class SteeringRow:
    intern: str
    locked: str | None  # the one host this intern is placed with, whatever the mode
    forbidden: tuple[str, ...]  # hosts this intern must not be proposed to


def read_steering(data: bytes | str, *, host_ids: Collection[str]) -> list[SteeringRow]:
    """The optional `locked` (one host id) and `forbidden` (host ids separated by `;`)
    columns of an interns file; rows naming neither are left out."""
    rows: list[SteeringRow] = []
    errors: list[RowError] = []
    ids, hosts = _required("id"), _ids(host_ids, "unknown_host")
    none: tuple[str, ...] = ()
    for row in _rows(data, ("id",), STEERING_COLUMNS, errors):
        locked = row.get("locked", hosts, none)
        forbidden = row.get("forbidden", hosts, none)
        if len(locked) > 1:
            errors.append(RowError(row.line, "locked", steering_texts.LOCKED_ONE_HOST))
        elif locked and locked[0] in forbidden:
            errors.append(RowError(row.line, "forbidden", steering_texts.LOCKED_AND_FORBIDDEN))
        if locked or forbidden:
            rows.append(
                SteeringRow(row.get("id", ids, ""), locked[0] if locked else None, forbidden)
            )
    if errors:
        raise CsvError(errors)
    return rows
