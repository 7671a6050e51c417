"""What the hostile-input tests share: hypothesis settings, the strategies of hostile text,
and the checks of what a user saw (a Danish sentence from the catalogue, no trace)."""

from __future__ import annotations

import ast
import itertools
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from bot import texts
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from tests.conftest import ADMIN


def hypothesis_settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --- strategies -------------------------------------------------------------------------

MAX_LEN = 20_000
ANY_CHAR = st.characters(codec="utf-8")  # every code point but lone surrogates; Cc included
MARKUP = (
    "<@U0ANNA>", "<@UKOORD01>", "<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@alle>",
    "<#C0GENERAL|general>", "<https://evil.example|klik her>", "<mailto:a@b.dk|mail>",
    "*", "_", "~", "`", "```", ">", "&lt;", "&gt;", "&amp;", "<", "&", ":tada:",
    "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\x7f", "\x85", "\u2028", "\u202e", "\u200b",
    "\ufeff", "e\u0301", "A\u030a", "æøå ÆØÅ", "🎉", "👩🏽‍💻", "'; DROP TABLE hostslot; --",
    "%s %(x)s {0} {}", "\\", '"', "null", "None", "²", "١٢", "½", "Ⅻ", "𝟗", " ",
)  # fmt: skip
NUMBERISH = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["²", "١", "٣", "½", "Ⅻ", "𝟗", "1e3", "0x10", " 7 ", "+1", "2.5", "9" * 5000]),
)
piece = st.one_of(st.sampled_from(MARKUP), st.text(ANY_CHAR, max_size=12))
mixed = st.lists(piece, max_size=30).map("".join)
repeated = st.builds(
    lambda unit, n: (unit * n)[:MAX_LEN],
    st.one_of(st.sampled_from(MARKUP), st.text(ANY_CHAR, min_size=1, max_size=8)),
    st.integers(0, MAX_LEN),
)
at_the_limits = st.builds(
    lambda unit, n: unit * n,
    st.sampled_from(["x", "æ", "🎉", "e\u0301", " ", "\x00", "<!here>"]),
    st.sampled_from([1, 59, 60, 61, 149, 150, 151, 1999, 2000, 2001, 2999, 3000, 3001]),
)
HOSTILE = st.one_of(st.text(ANY_CHAR, max_size=300), mixed, repeated, at_the_limits, NUMBERISH)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def as_stored(raw: str | None) -> str:
    """What "stored exactly as given" means for free text: the documented trimming only."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", raw or "")).strip()


# --- what the user saw -------------------------------------------------------------------

_WORD = re.compile(r"[a-zæøå]{4,}")
LEAKS = re.compile(r"Traceback|Exception|Error\b|File \"|object at 0x|sqlalchemy|psycopg|\bNone\b")


def _catalogue_words() -> frozenset[str]:
    """Every word of every sentence in bot/texts (docstrings left out)."""
    words: set[str] = set()
    for path in Path(texts.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                words.update(_WORD.findall(node.value.casefold()))
    return frozenset(words)


CATALOGUE = _catalogue_words()


def _mrkdwn(node: Any) -> list[str]:
    """Text Slack renders as mrkdwn (where mentions and broadcasts would come alive)."""
    if isinstance(node, list):
        return [t for item in node for t in _mrkdwn(item)]
    if not isinstance(node, dict):
        return []
    found = [str(node["text"])] if node.get("type") == "mrkdwn" else []
    return found + [t for value in node.values() for t in _mrkdwn(value)]


def assert_danish_reply(seen: str, typed: str) -> None:
    """A Danish sentence from the catalogue: not empty, no trace, not only the user's words."""
    assert seen.strip(), "an empty answer"
    assert texts.INTERNAL_ERROR not in seen, "the input crashed a listener"
    for leak in LEAKS.findall(seen):
        assert leak in typed, f"{leak!r} shown to the user: {seen[:500]!r}"
    ours = set(_WORD.findall(seen.casefold())) - set(_WORD.findall(typed.casefold()))
    assert ours & CATALOGUE, f"no catalogue sentence in {seen[:300]!r}"


class Watch:
    """Slack calls and error logs from one example onwards."""

    def __init__(self, harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
        self.fake = harness.fake
        self.first_call = len(harness.fake.calls)
        self.caplog = caplog
        caplog.clear()

    def check(self) -> None:
        failed = [(c.method, c.error) for c in self.fake.calls[self.first_call :] if c.error]
        assert failed == [], f"Slack refused the app's calls: {failed}"
        errors = [r.getMessage() for r in self.caplog.records if r.levelno >= logging.ERROR]
        assert errors == [], f"errors logged: {errors}"
        for call in self.fake.calls[self.first_call :]:
            if call.method.startswith(("chat.", "response_url")):
                rendered = [str(call.params.get("text") or ""), *_mrkdwn(call.params)]
                assert not any("<!" in t for t in rendered), f"a live broadcast: {rendered}"


FRESH = itertools.count()  # numbers for new users and topics, unique within a run


def newcomer(harness: Harness) -> Person:
    n = next(FRESH)
    return harness.workspace.person(f"UH{n:07d}", f"h{n}", f"Hanne Hostil {n}")


def coordinator(harness: Harness) -> Person:
    known = harness.workspace.people.get(ADMIN)
    return known or harness.workspace.person(ADMIN, "koord", "Kim Koordinator")
