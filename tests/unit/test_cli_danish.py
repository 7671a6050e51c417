"""The `praktik` command speaks Danish, argparse's own messages included."""

from __future__ import annotations

import argparse
import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.domain.timeline import SkipReason
from bot.entry import argparse_da
from bot.offline.outbox_cli import KINDS, STATUSES
from bot.registry.ids import DMKind
from bot.texts import cli as t
from bot.texts import demo as demo_texts
from bot.texts import privacy as privacy_texts
from tests.commandline import praktik


def test_a_missing_argument_is_reported_in_danish(tmp_path: Path) -> None:
    run = praktik("eksport", cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        "brug: praktik eksport [-h] --out FIL [--tilmeldinger] [--year ÅR] [--url URL]",
        "praktik eksport: fejl: disse argumenter skal angives: --out",
    ]


def test_help_and_other_errors_are_danish_too(tmp_path: Path) -> None:
    helped = praktik("import", "--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert helped.stdout.startswith("brug: praktik import")
    assert "tilvalg:" in helped.stdout and "vis denne hjælp og stop" in helped.stdout
    assert "indlæs tilmeldingslister" in helped.stdout
    for english in ("usage", "options", "show this help", "default"):
        assert english not in helped.stdout

    wrong = praktik("eksprot", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "praktik: fejl: argumentet KOMMANDO: ugyldigt valg: 'eksprot'" in wrong.stderr

    match = praktik("match", "--hosts", "v.csv", cwd=tmp_path)
    assert "praktik match: fejl: disse argumenter skal angives: --interns" in match.stderr

    kind = praktik("outbox", "--kind", "nyhedsbrev", cwd=tmp_path)
    assert kind.returncode == 2
    assert "ukendt slags 'nyhedsbrev' (vælg mellem introduktion, praktisk," in kind.stderr


# What `praktik --help` used to import before printing a line (2.5 s, 171 MB): the parser
# is built from light modules now, and each command's implementation loads when it runs.
HEAVY = ("slack_bolt", "slack_sdk", "sqlalchemy", "sqlmodel", "pydantic", "aiohttp")
HEAVY += ("matplotlib", "ortools", "alembic", "apscheduler", "asyncio", "models", "bot.entry.app")
LOADED_BY_HELP = f"""
import sys
from bot.cli import main
try:
    main({{args!r}})
except SystemExit:
    pass
print(" ".join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)
"""


def test_the_command_list_is_printed_without_loading_the_app(tmp_path: Path) -> None:
    helped = praktik("--help", cwd=tmp_path)
    assert helped.returncode == 0 and helped.stderr == ""
    assert helped.stdout.startswith("brug: praktik [-h] KOMMANDO ...")
    lines = helped.stdout.splitlines()
    listed = [line.split()[0] for line in lines if line[:4] == "    " and line[4] != " "]
    assert listed == [
        "serve",
        "socket",
        "sandbox",
        "db",
        "eksport",
        "import",
        "match",
        "demo",
        "outbox",
        "audit",
        "rapport",
        "retention",
    ]
    for args in (["--help"], ["demo", "--help"], ["outbox", "--help"], ["rapport", "--help"]):
        loaded = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
            [sys.executable, "-c", LOADED_BY_HELP.format(args=args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=True,
        )
        assert loaded.stderr.strip() == "", (args, loaded.stderr)


def test_each_command_still_runs_its_implementation(tmp_path: Path) -> None:
    report = praktik("rapport", "--url", "sqlite:///nowhere/x.db", cwd=tmp_path)
    assert report.returncode == 2 and "nowhere" in report.stderr
    outbox = praktik("outbox", "--url", "sqlite:///nowhere/x.db", cwd=tmp_path)
    assert outbox.returncode == 2 and "nowhere" in outbox.stderr
    demo = praktik("demo", "--participants", "1", cwd=tmp_path)
    assert demo.returncode == 2 and demo.stderr.strip()


def _msgids() -> tuple[set[str], set[tuple[str, str]]]:
    """Every string the argparse in use passes to `_` or `ngettext`, read from its source."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id == "_" and texts and isinstance(texts[0], str):
            singles.add(texts[0])
        elif node.func.id == "ngettext":
            plurals.add((str(texts[0]), str(texts[1])))
    # `_(kwargs.pop('title', 'subcommands'))`: a default passed through `_` indirectly.
    singles.add("subcommands")
    return singles, plurals


def test_every_message_argparse_can_print_has_a_danish_translation() -> None:
    singles, plurals = _msgids()
    assert len(singles) > 30 and plurals  # the source was read
    assert singles - set(t.ARGPARSE) == set()
    assert plurals - set(t.ARGPARSE_PLURAL) == set()
    for english, danish in t.ARGPARSE.items():
        # The same %-placeholders, so argparse's formatting never breaks.
        assert sorted(_placeholders(english)) == sorted(_placeholders(danish)), english


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\(\w+\)[sr]|%[sr]", text)


def test_the_translation_layer_answers_through_argparse(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argparse_da.install()
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--n", type=int, nargs=2, required=True)
    for args, said in (
        (["--n", "a", "1"], "x: fejl: argumentet --n: ugyldig værdi (int): 'a'"),
        (["--n", "1"], "x: fejl: argumentet --n: mangler 2 værdier"),
        ([], "x: fejl: disse argumenter skal angives: --n"),
    ):
        with pytest.raises(SystemExit):
            parser.parse_args(args)
        assert capsys.readouterr().err.splitlines()[-1] == said
    assert argparse_da.ngettext("expected %s argument", "expected %s arguments", 2) == (
        "mangler %s værdier"
    )
    assert argparse_da.gettext("not a msgid") == "not a msgid"


def test_outbox_names_cover_every_kind_and_status() -> None:
    assert set(t.KIND_NAMES) == set(KINDS)
    assert set(t.STATUS_NAMES) == set(STATUSES)
    danish = list(t.KIND_NAMES.values()) + list(t.STATUS_NAMES.values())
    assert len(set(danish)) == len(danish)


def test_every_dm_kind_and_skip_reason_has_a_danish_name_wherever_it_is_shown() -> None:
    # `praktik outbox` (above); /praktik status, the stats' failed DMs and the data export;
    # the demo's report; the reasons a DM was skipped, in the export.
    kinds = {k.value for k in DMKind}
    assert kinds <= set(texts.DM_KIND_LABELS) and kinds <= set(demo_texts.DM_LABELS)
    assert {r.value for r in SkipReason} <= set(privacy_texts.EXPORT_REASONS)
