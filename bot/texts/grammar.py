"""Danish where a number or a name meets a noun: "1 praktikant", "2 praktikanter",
"Cecilie Nielsens plads", "Lars' plads"."""

from __future__ import annotations


def noun(n: int, one: str, many: str) -> str:
    """The noun's form for n (1 takes the singular, everything else the plural)."""
    return one if n == 1 else many


def plural(n: int, one: str, many: str) -> str:
    """The count and the noun: plural(1, "praktikant", "praktikanter") -> "1 praktikant"."""
    return f"{n} {noun(n, one, many)}"


def genitive(name: str) -> str:
    """The name as owner: "Cecilie Nielsens", and after s, x or z only an apostrophe:
    "Lars'", "Felix'", "Schulz'"."""
    stripped = name.rstrip()
    if not stripped:
        return stripped
    if stripped[-1].casefold() in "sxz":
        return f"{stripped}'"
    return f"{stripped}s"


def listing(items: list[str]) -> str:
    """Names in a sentence: "Anna", "Anna og Bo", "Anna, Bo og Cille"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"
