"""Answers to a `/praktik …` word that is not a command: the closest one, when there is one."""

from __future__ import annotations


def did_you_mean(word: str, command: str) -> str:
    return f"Jeg kender ikke kommandoen »{word}«. Mente du `{command}`?"


def did_you_mean_admin(word: str, command: str) -> str:
    return f"Koordinatorkommandoen »{word}« findes ikke. Mente du `{command}`?"
