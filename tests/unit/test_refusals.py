"""Every refusal reaches its user as a Danish sentence: each `*Refusal` enum in bot/ and
models/ has a table in bot.views.refusals, and each member a sentence there."""

from __future__ import annotations

import ast
import importlib
import string
from enum import Enum
from pathlib import Path

import pytest

from bot.views.refusals import TABLES, refusal_text
from models.feedback import SaveRefusal

ROOT = Path(__file__).resolve().parents[2]


def _refusal_enums() -> list[type[Enum]]:
    """Every class named *Refusal that derives from an enum, found in the source so that a new
    one is checked without being listed anywhere."""
    found: list[type[Enum]] = []
    for package in ("bot", "models"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and node.name.endswith("Refusal"):
                    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                    cls = getattr(importlib.import_module(module), node.name)
                    if isinstance(cls, type) and issubclass(cls, Enum):
                        found.append(cls)
    return found


REFUSAL_ENUMS = _refusal_enums()


def _fields(sentence: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(sentence) if field is not None}


def test_the_refusal_enums_are_found() -> None:
    # The ones known when this was written, so an empty discovery cannot pass vacuously.
    names = {cls.__name__ for cls in REFUSAL_ENUMS}
    assert {"Refusal", "DaysRefusal", "GoalsRefusal", "AnswerRefusal", "SaveRefusal"} <= names
    assert {"ProgrammeRefusal"} <= names


@pytest.mark.parametrize("enum", REFUSAL_ENUMS, ids=lambda cls: cls.__name__)
def test_every_member_has_a_sentence(enum: type[Enum]) -> None:
    assert enum in TABLES, f"{enum.__name__} has no table in bot.views.refusals"
    table = TABLES[enum]
    missing = [member.name for member in enum if not table.get(member, "").strip()]
    assert not missing, f"{enum.__name__} members without a Danish sentence: {missing}"
    # Keys are the enum's own members: a string or another enum's member would only look up
    # by luck (StrEnum members equal their values).
    assert all(type(key) is enum for key in table)


def test_no_table_for_an_enum_that_is_not_a_refusal() -> None:
    assert set(TABLES) == set(REFUSAL_ENUMS)


@pytest.mark.parametrize("enum", REFUSAL_ENUMS, ids=lambda cls: cls.__name__)
def test_only_a_closed_season_has_a_blank_to_fill(enum: type[Enum]) -> None:
    for member, sentence in TABLES[enum].items():
        wanted = {"closed_on"} if member is SaveRefusal.CLOSED else set()
        assert _fields(sentence) == wanted, f"{enum.__name__}.{member.name}"


def test_refusal_text_reads_the_table_of_the_enum_itself() -> None:
    from bot.domain.placement import Refusal
    from models.days_change import DaysRefusal
    from models.programme import ProgrammeRefusal

    # The same value in three enums, three different sentences.
    said = {
        refusal_text(Refusal.NOT_YOURS),
        refusal_text(DaysRefusal.NOT_YOURS),
        refusal_text(ProgrammeRefusal.NOT_YOURS),
    }
    assert len(said) == 3
    closed = refusal_text(SaveRefusal.CLOSED, closed_on="15. januar 2028")
    assert "15. januar 2028" in closed and "{" not in closed
