"""Tests check meaning, not wording: an assert names the sentence through `bot.texts`.

A test that spells out a Danish sentence breaks when the sentence is reworded, far from the
feature it checks. So an assert may hold a few Danish words (a name, a label, a phrase), but a
longer Danish literal must come from the text catalogue – a constant, a builder called with the
same arguments, or `tests.meaning.clause` of one. The tests whose point *is* the wording (the
orthography, the Danish texts themselves, the sandbox console's transcript) are exempt.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
# More words than this in one Danish literal inside an assert is a sentence, not a phrase.
MAX_WORDS = 5
# Tests whose subject is the Danish wording itself, so they spell it out on purpose.
WORDING_TESTS = frozenset(
    {
        "tests/orthography.py",
        "tests/unit/test_danish_text.py",
        "tests/unit/test_cli_danish.py",
        "tests/scenario/test_socket_console.py",
        "tests/scenario/console_scripts.py",
        "tests/scenario/test_sandbox.py",
        "tests/scenario/test_sandbox_first_contact.py",
        "tests/unit/test_render.py",
        "tests/unit/test_search_analysis.py",
        # The README section for the data protection officer and the notice say the same.
        "tests/unit/test_privacy_readme.py",
    }
)
# Files not yet moved onto the catalogue; the list only shrinks.
NOT_YET: frozenset[str] = frozenset()

_DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
_DANISH_WORDS = frozenset(
    [
        "og",
        "er",
        "at",
        "du",
        "det",
        "den",
        "til",
        "på",
        "med",
        "ikke",
        "har",
        "for",
        "af",
        "din",
        "dit",
        "dine",
        "kan",
        "jeg",
        "vi",
        "der",
        "som",
        "en",
        "et",
        "om",
        "når",
        "så",
        "skal",
        "vil",
        "hos",
        "fra",
        "ud",
    ]
)


def _words(literal: ast.Constant | ast.JoinedStr) -> list[str]:
    if isinstance(literal, ast.Constant):
        text = str(literal.value)
    else:
        text = "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{}" for part in literal.values
        )
    return text.split()


def _is_danish(words: list[str]) -> bool:
    text = " ".join(words)
    if _DANISH_LETTERS.search(text):
        return True
    return len({w.strip(".,:;!?»«*_()").lower() for w in words} & _DANISH_WORDS) >= 2


def wording_in_asserts(source: str) -> list[tuple[int, str]]:
    """(line, literal) for each Danish literal of more than MAX_WORDS words in an assert's test."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assert):
            continue
        for literal in _literals(node.test):
            words = _words(literal)
            if len(words) > MAX_WORDS and _is_danish(words):
                found.append((literal.lineno, " ".join(words)))
    return found


def _literals(node: ast.AST) -> list[ast.Constant | ast.JoinedStr]:
    """The string literals under node; an f-string counts once, not once per part."""
    if isinstance(node, ast.JoinedStr):
        return [node]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    return [found for child in ast.iter_child_nodes(node) for found in _literals(child)]


def offenders() -> dict[str, list[tuple[int, str]]]:
    result = {}
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in WORDING_TESTS or name in NOT_YET:
            continue
        found = wording_in_asserts(path.read_text(encoding="utf-8"))
        if found:
            result[name] = found
    return result


def test_asserts_name_sentences_through_the_catalogue() -> None:
    found = offenders()
    report = "\n".join(
        f"{name}:{line}: {text[:70]}" for name, hits in found.items() for line, text in hits
    )
    assert not found, (
        f"use bot.texts (a constant, a builder, or tests.meaning.clause) instead of "
        f"these Danish sentences:\n{report}"
    )


def test_the_lists_name_existing_files() -> None:
    missing = {name for name in WORDING_TESTS | NOT_YET if not (ROOT / name).exists()}
    assert not missing


def test_the_scan_sees_a_sentence_in_an_assert() -> None:
    caught = wording_in_asserts(
        'assert "Din plads er bekræftet, og du får besked" in shown(m)\n'
        'assert "Anmod" in shown(m)\n'
        'assert x, "an English explanation of more than five words"\n'
    )
    assert [line for line, _ in caught] == [1]
