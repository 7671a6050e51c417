"""Versus: `praktik demo` and a bench at a base commit beside this tree, to show that a
refactoring kept the app's behaviour.

    .venv/bin/python bench/versus.py --base 8e66745 [--head REV] [--seed 7] [--participants 131]
                                     [--year 2027] [--control] [--keep]
                                     [--bench "load.py --slots 2000 --participants 4000 ..."]
                                     [--bench-once]

The base is checked out in a detached git worktree in a temporary folder (removed at the end,
also on error); the head is this tree as it is, uncommitted changes included, or `--head REV`
in a second worktree. Both run with this tree's interpreter: each tree's code is put first on
the path (PYTHONPATH, and sys.path in a small launcher that first drops the venv's editable
finder) and every run prints where `bot`, `models` and `handlers` came from, and stops if
they did not come from its tree.

`praktik demo` runs once in each tree with the same seed, participants and year. Compared:
stdout (the Markdown report, also the out folder's rapport.md), stderr (the progress lines),
every row of every table of the demo's SQLite database, the chart (PNG bytes, else pixels),
the season report PDF (bytes, its text through pypdf and its metadata) and the files written.
A summary of the database's figures (rows per table, placements by status, DMs by kind,
status and reason, answers by value …) is printed beside each other.

What differs between two runs at the same commit with the same seed (`--control` runs the
head a second time and checks it again) is masked, and nothing else:

- the report's seconds column in the time-per-phase table, and its long-answers section,
  which lists gestures that took more than 30 s of wall time;
- on stderr, the seconds on the progress lines and the out folder's path;
- in the database, `outboxmessage.claimed_by` (host:pid:random of the dispatcher that claimed
  the row) and the Slack message timestamps (`slack_ts`, and `ts` inside the stored message
  references): the local Slack stamps messages with the wall clock;
- the PDF's /CreationDate.

`--bench "<script> <args>"` then runs bench/<script> from each tree, base first, then the
head, then the base again (`--bench-once`: not again), so that drift of the machine shows,
and prints each output as it comes, labelled.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.demo.report import CHART_FILE, REPORT_FILE, SEASON_PDF_FILE  # noqa: E402
from bot.texts import demo as t  # noqa: E402

DB_FILE = "praktik-demo.db"
SHOWN = 40  # differing lines shown per comparison
RESOLVED = "versus: "  # the launcher's line saying where the tree's packages came from

# Runs in the child interpreter: argv is root, "module" or a script path, then its arguments.
LAUNCHER = """
import importlib.util, runpy, sys
from pathlib import Path
root, what, args = Path(sys.argv[1]).resolve(), sys.argv[2], sys.argv[3:]
sys.meta_path[:] = [f for f in sys.meta_path if "Editable" not in getattr(f, "__name__", "")]
sys.path.insert(0, str(root))
for name in ("bot", "models", "handlers"):
    origin = Path(importlib.util.find_spec(name).origin).resolve()
    if not origin.is_relative_to(root):
        sys.exit(f"versus: {name} resolves to {origin}, not to {root}")
    print(f"versus: {name} from {origin}", file=sys.stderr, flush=True)
if what == "module":
    sys.argv = ["praktik", *args]
    runpy.run_module("bot.cli", run_name="__main__", alter_sys=True)
else:
    script = str(root / what)
    sys.argv = [script, *args]
    sys.path.insert(0, str(Path(script).parent))
    runpy.run_path(script, run_name="__main__")
"""


@dataclass(frozen=True)
class Tree:
    label: str
    root: Path
    commit: str

    def command(self, what: str, args: list[str]) -> list[str]:
        return [sys.executable, "-c", LAUNCHER, str(self.root), what, *args]

    def env(self) -> dict[str, str]:
        # Subprocesses a run starts (`praktik serve` under load.py) find this tree first too.
        return {**os.environ, "PYTHONPATH": str(self.root)}


@dataclass
class DemoRun:
    tree: Tree
    out: Path
    stdout: str
    stderr: str
    returncode: int
    seconds: float
    resolved: list[str] = field(default_factory=list)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@contextlib.contextmanager
def worktree(label: str, rev: str, parent: Path) -> Iterator[Tree]:
    path = parent / label
    commit = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    git("worktree", "add", "--detach", str(path), commit)
    try:
        yield Tree(label, path, commit)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)])
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"])


def this_tree() -> Tree:
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return Tree(
        "head", ROOT, git("rev-parse", "HEAD") + (" + uncommitted changes" if dirty else "")
    )


# --- the demo -------------------------------------------------------------------------------


def run_demo(tree: Tree, out: Path, options: argparse.Namespace) -> DemoRun:
    args = ["demo", "--seed", str(options.seed), "--participants", str(options.participants)]
    args += ["--year", str(options.year), "--out", str(out)]
    print(f"[{tree.label}] praktik demo {' '.join(args[1:])}  (in {tree.root})", flush=True)
    began = time.perf_counter()
    done = subprocess.run(
        tree.command("module", args), cwd=tree.root, env=tree.env(), capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    lines = done.stderr.splitlines(keepends=True)
    resolved = [x.strip() for x in lines if x.startswith(RESOLVED)]
    stderr = "".join(x for x in lines if not x.startswith(RESOLVED))
    for line in resolved:
        print(f"[{tree.label}] {line}")
    print(f"[{tree.label}] exit {done.returncode} after {seconds:.1f} s", flush=True)
    if len(resolved) < 3:
        raise SystemExit(f"[{tree.label}] the demo did not run from its tree:\n{done.stderr}")
    return DemoRun(tree, out, done.stdout, stderr, done.returncode, seconds, resolved)


def mask_report(text: str) -> str:
    """The seconds column of the time-per-phase table; the long-answers section (wall time)."""
    out: list[str] = []
    column: int | None = None
    skipping = False
    for line in text.splitlines():
        if line.startswith("## "):
            skipping = line == t.SLOW
        if skipping:
            continue
        cells = line.split("|")
        names = [c.strip() for c in cells]
        if not line.startswith("|"):
            column = None
        elif t.COL_SECONDS in names:
            column = names.index(t.COL_SECONDS)
        elif column is not None and re.fullmatch(r"\d+\.\d", names[column]):
            cells[column] = " <s> "
            line = "|".join(cells)
        out.append(line)
    return "\n".join(out)


def slow_section(text: str) -> list[str]:
    """The long-answers section, if the report has one."""
    lines = text.splitlines()
    if t.SLOW not in lines:
        return []
    rest = lines[lines.index(t.SLOW) + 1 :]
    return rest[: next((i for i, x in enumerate(rest) if x.startswith("## ")), len(rest))]


def mask_stderr(text: str, out: Path) -> str:
    return re.sub(r"\b\d+\.\d s\b", "<s> s", text.replace(str(out), "<out>"))


def text_diff(a: str, b: str, labels: tuple[str, str]) -> list[str]:
    diff = difflib.unified_diff(
        a.splitlines(), b.splitlines(), labels[0], labels[1], n=0, lineterm=""
    )
    return list(diff)


# --- the database ---------------------------------------------------------------------------

SLACK_TS = re.compile(r"\b\d{10}\.\d{6}\b")
MASKED_COLUMNS = {("outboxmessage", "claimed_by"): "<worker>"}
# (table, column): the figures printed side by side, each grouped by one column.
FIGURES = (
    ("participant", "sector"),
    ("hostslot", "status"),
    ("hostslot", "sector"),
    ("wish", "status"),
    ("proposal", "origin"),
    ("proposal", "round"),
    ("proposal", "status"),
    ("proposal", "host_answer"),
    ("proposal", "intern_answer"),
    ("placement", "status"),
    ("outboxmessage", "kind"),
    ("outboxmessage", "status"),
    ("outboxmessage", "reason"),
    ("checkin", "rating"),
    ("evaluation", "benefit"),
    ("evaluation", "recommend"),
    ("followup", "practised"),
    ("workshopanswer", "coming"),
    ("auditentry", "action"),
)

Rows = dict[str, dict[object, dict[str, object]]]  # table → primary key → column → value


def dump(db: Path) -> Rows:
    tables: Rows = {}
    with contextlib.closing(sqlite3.connect(db)) as con:
        names = con.execute("select name from sqlite_master where type = 'table' order by name")
        for (table,) in names.fetchall():
            columns = [r[1] for r in con.execute(f'pragma table_info("{table}")')]
            rows: dict[object, dict[str, object]] = {}
            for n, values in enumerate(con.execute(f'select * from "{table}"')):
                row = {c: mask_value(table, c, v) for c, v in zip(columns, values, strict=True)}
                rows[row.get("id", row.get("version_num", n))] = row
            tables[table] = rows
    return tables


def mask_value(table: str, column: str, value: object) -> object:
    if (table, column) in MASKED_COLUMNS and value is not None:
        return MASKED_COLUMNS[(table, column)]
    return SLACK_TS.sub("<ts>", value) if isinstance(value, str) else value


def figures(rows: Rows) -> dict[str, str]:
    found = {f"rows in {table}": str(len(r)) for table, r in rows.items()}
    for table, column in FIGURES:
        counts = Counter(str(row.get(column)) for row in rows.get(table, {}).values())
        found[f"{table} by {column}"] = " · ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    return found


def db_diff(a: Rows, b: Rows, labels: tuple[str, str]) -> list[str]:
    wrong: list[str] = []
    for table in sorted(set(a) | set(b)):
        if table not in a or table not in b:
            wrong.append(f"table {table} only in {labels[table in b]}")
            continue
        ra, rb = a[table], b[table]
        for key in sorted(set(ra) ^ set(rb), key=str):
            wrong.append(f"{table} id={key} only in {labels[key in rb]}")
        for key in sorted(set(ra) & set(rb), key=str):
            for column in sorted(set(ra[key]) | set(rb[key])):
                va, vb = ra[key].get(column, "<no column>"), rb[key].get(column, "<no column>")
                if va != vb:
                    wrong.append(f"{table} id={key} {column}: {va!r:.200} → {vb!r:.200}")
    return wrong


# --- the chart and the PDF ------------------------------------------------------------------


def image_diff(a: Path, b: Path) -> list[str]:
    if a.read_bytes() == b.read_bytes():
        return []
    from PIL import Image, ImageChops

    with Image.open(a) as ia, Image.open(b) as ib:
        if ia.size != ib.size:
            return [f"{a.name}: size {ia.size} → {ib.size}"]
        box = ImageChops.difference(ia.convert("RGBA"), ib.convert("RGBA")).getbbox()
        if box is None:
            return []  # the same pixels in different bytes (metadata)
        return [f"{a.name}: pixels differ inside the box {box} of {ia.size}"]


def pdf_text(path: Path) -> tuple[str, dict[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    meta = {k: str(v) for k, v in (reader.metadata or {}).items() if k != "/CreationDate"}
    return text, meta


def pdf_diff(a: Path, b: Path) -> list[str]:
    dated = re.compile(rb"/CreationDate \(D:\d{14}[^)]*\)")
    if dated.sub(b"", a.read_bytes()) == dated.sub(b"", b.read_bytes()):
        return []
    (ta, ma), (tb, mb) = pdf_text(a), pdf_text(b)
    wrong = text_diff(ta, tb, (f"base {a.name} (text)", f"head {b.name} (text)"))
    wrong += [
        f"metadata {k}: {ma.get(k)!r} → {mb.get(k)!r}" for k in ma | mb if ma.get(k) != mb.get(k)
    ]
    return wrong or [f"{a.name}: bytes differ, but not its text or metadata (layout or fonts)"]


# --- the comparison -------------------------------------------------------------------------


def compare(a: DemoRun, b: DemoRun) -> dict[str, list[str]]:
    """What differs, by part, after the masks; an empty list is a part found identical."""
    labels = (a.tree.label, b.tree.label)
    parts: dict[str, list[str]] = {
        "exit code": [] if a.returncode == b.returncode else [f"{a.returncode} → {b.returncode}"],
        "report (stdout)": text_diff(mask_report(a.stdout), mask_report(b.stdout), labels),
        "progress (stderr)": text_diff(
            mask_stderr(a.stderr, a.out), mask_stderr(b.stderr, b.out), labels
        ),
    }
    for run in (a, b):
        written = (run.out / REPORT_FILE).read_text(encoding="utf-8")
        if written != run.stdout:
            parts["report (stdout)"].append(f"{run.tree.label}: {REPORT_FILE} is not its stdout")
    files_a, files_b = (
        sorted(x.name for x in a.out.iterdir()),
        sorted(x.name for x in b.out.iterdir()),
    )
    parts["files written"] = [] if files_a == files_b else [f"{files_a} → {files_b}"]
    both = set(files_a) & set(files_b)
    if DB_FILE in both:
        parts["database (every row)"] = db_diff(
            dump(a.out / DB_FILE), dump(b.out / DB_FILE), labels
        )
    if CHART_FILE in both:
        parts["chart (PNG)"] = image_diff(a.out / CHART_FILE, b.out / CHART_FILE)
    if SEASON_PDF_FILE in both:
        parts["season report (PDF)"] = pdf_diff(a.out / SEASON_PDF_FILE, b.out / SEASON_PDF_FILE)
    return parts


def print_figures(a: DemoRun, b: DemoRun) -> None:
    fa = figures(dump(a.out / DB_FILE)) if (a.out / DB_FILE).exists() else {}
    fb = figures(dump(b.out / DB_FILE)) if (b.out / DB_FILE).exists() else {}
    print(f"\n== The database's figures ({a.tree.label} | {b.tree.label}; '=' when the same)")
    for name in list(fa) + [n for n in fb if n not in fa]:
        va, vb = fa.get(name, "–"), fb.get(name, "–")
        print(f"  {name}: {va}" + ("  =" if va == vb else f"  |  {vb}   <-- DIFFERS"))


def verdict(parts: dict[str, list[str]], a: DemoRun, b: DemoRun) -> bool:
    title = f"{a.tree.label} ({a.tree.commit[:12]}) vs {b.tree.label} ({b.tree.commit[:12]})"
    print(f"\n== The demo: {title}")
    for run in (a, b):
        slow = slow_section(run.stdout)
        if slow:
            print(f"  note: {run.tree.label}'s report lists long answers (wall time, masked):")
            print("\n".join(f"    {x}" for x in slow if x))
    for name, lines in parts.items():
        print(f"  {name}: {'identical' if not lines else f'{len(lines)} differing lines'}")
        for line in lines[:SHOWN]:
            print(f"      {line}")
        if len(lines) > SHOWN:
            print(f"      … and {len(lines) - SHOWN} more")
    same = not any(parts.values())
    print(
        "\nVERDICT: identical apart from timings"
        if same
        else "\nVERDICT: DIFFERENT – see the differing lines above"
    )
    print(f"  (demo wall time: {a.tree.label} {a.seconds:.1f} s, {b.tree.label} {b.seconds:.1f} s)")
    return same


# --- the bench ------------------------------------------------------------------------------


def run_bench(tree: Tree, words: list[str], label: str) -> float:
    script = words[0] if words[0].startswith("bench/") else f"bench/{words[0]}"
    print(f"\n== [{label}] {script} {shlex.join(words[1:])}  (in {tree.root})", flush=True)
    if not (tree.root / script).exists():
        print(f"[{label}] {script} does not exist in this tree")
        return 0.0
    began = time.perf_counter()
    with subprocess.Popen(
        tree.command(script, words[1:]),
        cwd=tree.root,
        env=tree.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            print(f"[{label}] {line}", end="", flush=True)
    seconds = time.perf_counter() - began
    print(f"[{label}] exit {proc.returncode} after {seconds:.1f} s", flush=True)
    return seconds


def benches(base: Tree, head: Tree, words: list[str], once: bool) -> None:
    run_bench(base, words, "base")
    run_bench(head, words, "head")
    if not once:
        run_bench(base, words, "base again")


# --- main -----------------------------------------------------------------------------------


def stop_on_term(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # so that the worktrees are removed on the way out


def demos(base: Tree, head: Tree, folder: Path, options: argparse.Namespace) -> bool:
    a = run_demo(base, folder / "out-base", options)
    b = run_demo(head, folder / "out-head", options)
    parts = compare(a, b)
    print_figures(a, b)
    same = verdict(parts, a, b)
    if options.control:
        c = run_demo(head, folder / "out-head-again", options)
        print("\n== Control: the head against itself, with the same masks")
        control = compare(b, c)
        for name, lines in control.items():
            print(f"  {name}: {'identical' if not lines else f'{len(lines)} differing lines'}")
            for line in lines[:SHOWN]:
                print(f"      {line}")
        print(
            "CONTROL: the masks cover what varies between runs"
            if not any(control.values())
            else "CONTROL: the head differs from itself – something varies that is not masked"
        )
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    parser.add_argument("--head", help="a commit instead of this tree as it is")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--participants", type=int, default=131)
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--control", action="store_true", help="run the head's demo twice")
    parser.add_argument("--keep", action="store_true", help="keep the demos' out folders")
    parser.add_argument("--bench", help='a bench and its arguments: "load.py --slots 2000"')
    parser.add_argument("--bench-once", action="store_true", help="not the base again")
    parser.add_argument("--no-demo", action="store_true", help="only the bench")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, stop_on_term)
    folder = Path(tempfile.mkdtemp(prefix="praktik-versus-"))
    same = True
    try:
        with contextlib.ExitStack() as stack:
            base = stack.enter_context(worktree("base", options.base, folder))
            head = (
                stack.enter_context(worktree("head", options.head, folder))
                if options.head
                else this_tree()
            )
            print(f"base: {base.commit}\nhead: {head.commit} ({head.root})\n", flush=True)
            if not options.no_demo:
                same = demos(base, head, folder, options)
            if options.bench:
                benches(base, head, shlex.split(options.bench), options.bench_once)
    finally:
        if options.keep:
            print(f"\nThe demos' out folders: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
