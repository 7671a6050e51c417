"""Texts for returning participants: an intern back at a workplace she visited before."""

from __future__ import annotations


def been_here(year: int) -> str:
    """In the host's request DM, when the intern asked for a workplace she visited."""
    return f"_Praktikanten har været i praktik hos jer i {year}._"


def repeat_mark(year: int) -> str:
    """In the coordinator's match preview: the pair sends an intern back."""
    return f"↩ igen – var her i {year}"


def suggestions_all_visited(count: int) -> str:
    """After a saved wish, when the only fitting slots are at workplaces she visited before."""
    slots = "Den ledige plads" if count == 1 else f"De {count} ledige pladser"
    return (
        f"{slots}, der passer til dine dage, er hos en arbejdsplads, du har været i praktik hos "
        "før – dem foreslår jeg ikke igen. Vil du derhen igen, så søg efter den med "
        "`/praktik find <navn>` og anmod selv. Dit ønske er gemt, og du får besked, når "
        "koordinatoren har lavet match."
    )
