"""Texts for returning participants: an intern back at a workplace she visited before."""

from __future__ import annotations


def been_here(year: int) -> str:
    """In the host's request DM, when the intern asked for a workplace she visited."""
    return f"_Praktikanten har været i praktik hos jer i {year}._"


def repeat_mark(year: int) -> str:
    """In the coordinator's match preview: the pair sends an intern back."""
    return f"↩ igen – var her i {year}"
