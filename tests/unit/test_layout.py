"""The shape of the code, checked: the import contracts hold and no module grows past ~500 lines.

`.ci/run` runs `lint-imports` too; here it runs with the README's test command, so a cycle or
an import against the layers fails on a developer's machine before it reaches CI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 500
# Generated migrations and the Danish text catalogue are long by nature: one sentence a line.
EXEMPT = ("models/migrations/", "bot/texts/")


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(  # noqa: S603 - our own venv's lint-imports, fixed arguments
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_no_source_file_over_the_limit() -> None:
    long = {}
    for package in ("bot", "handlers", "models"):
        for path in (ROOT / package).rglob("*.py"):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(EXEMPT):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long[name] = lines
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"
