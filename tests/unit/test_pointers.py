"""Every pointer in the code leads somewhere a maintainer with only this repository can follow.

The product's rules are in docs/product.md and the figures in the bench scripts: a comment
that sends the reader to a document or an issue tracker outside the repository, or to a
docs/ or bench/ file that does not exist (renamed, removed), fails here.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("bot", "models", "handlers", "tests", "bench")

# Spelled in pieces, so that this file does not match itself.
OUTSIDE = re.compile(
    r"(?<!docs/)\bproduct" + r"\.md\b"  # the product document outside the repository
    r"|\bissues?\s*#?\s*" + r"\d+",  # a numbered issue of a tracker
    re.IGNORECASE,
)
IN_REPO = re.compile(r"(?<![\w/.-])((?:docs|bench)/[\w./-]*\w)")


def _text_files() -> Iterator[Path]:
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # binary data has no comments


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment and docstring of a Python module."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring is not None:
                yield node.body[0].lineno, docstring


def test_nothing_points_outside_the_repository() -> None:
    found = []
    for path in _text_files():
        text = _read(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for match in OUTSIDE.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert not found, (
        "say the fact itself, or point to docs/product.md, a README section or a test:\n"
        + "\n".join(found)
    )


def test_docs_and_bench_paths_in_comments_exist() -> None:
    missing = []
    for path in _text_files():
        if path.suffix != ".py" or (text := _read(path)) is None:
            continue
        for number, comment in _comments(text):
            for target in IN_REPO.findall(comment):
                if not (ROOT / target).exists():
                    missing.append(f"{path.relative_to(ROOT)}:{number}: {target}")
    assert not missing, "these files are named in comments but do not exist:\n" + "\n".join(missing)


def test_docs_and_bench_paths_in_the_documents_exist() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = [
        f"{path.relative_to(ROOT)}: {target}"
        for path in documents
        for target in IN_REPO.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / target).exists()
    ]
    assert not missing, "these files are named but do not exist:\n" + "\n".join(missing)


def test_the_checks_catch_what_they_are_for() -> None:
    assert OUTSIDE.search("as the product" + ".md says")
    assert OUTSIDE.search("(Issue " + "25)")
    assert OUTSIDE.search("see issue" + " #4")
    assert not OUTSIDE.search("the timeline of docs/product.md")
    assert not OUTSIDE.search("an issue with the token")
    comment = "# bench/load.py's docstring, docs/product.md; not tests/bench/x.py"
    assert IN_REPO.findall(comment) == ["bench/load.py", "docs/product.md"]
