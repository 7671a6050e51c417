"""The calendar files (.ics) sent with a confirmed placement, in Danish."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import listing, noun

CALENDAR_NAME: Final = "Innovationspraktikken"


def summary_host(intern: str) -> str:
    return f"Praktikant i huset: {intern} (Innovationspraktikken)"


def summary_intern(workplace: str) -> str:
    return f"Praktik hos {workplace} (Innovationspraktikken)"


def description_host(intern: str, workplace: str) -> str:
    return f"{intern} er i praktik hos jer ({workplace}) denne dag. Aftal programmet med hinanden i Slack."


def description_intern(hosts: list[str], workplace: str) -> str:
    yours = noun(len(hosts), "Din vært er", "Dine værter er")
    return f"{yours} {listing(hosts)}, {workplace}. Aftal programmet med hinanden i Slack."


def location(workplace: str, place: str) -> str:
    return f"{workplace}, {place}"


def filename(year: int, cancelled: bool) -> str:
    return f"innovationspraktik-{year}-{'aflyst' if cancelled else 'kalender'}.ics"


def comment_invite(days: int) -> str:
    noun = "dag" if days == 1 else "dage"
    return f"Jeres praktik i kalenderen: {days} {noun}. Åbn filen for at lægge den i din kalender."


COMMENT_CANCEL: Final = "Praktikken er aflyst: åbn filen, så står dagene som aflyst i din kalender."
