"""More of what `praktik sandbox` says at the console: coordinators, saved files, numbers
that are not on the screen any more, and a script's failed lines."""

from __future__ import annotations

from typing import Final

HELP_COORDINATOR: Final = (
    "Koordinator: skriv `/som kim` – Kim Sørensen er sandkassens koordinator og kan bruge "
    "`/praktik admin …` (match, stats, eksport, sæson, besked). Andre personer er det ikke. "
    "I et rigtigt workspace er koordinatorerne dem, der står i PRAKTIK_ADMINS."
)


def files_folder(path: str) -> str:
    return f"Filer, som Praktikbot sender dig (diagrammer, CSV, mine-data), gemmes i {path}"


def file_saved(path: str) -> str:
    return f"   gemt som {path}"


def no_button_now(number: int) -> str:
    return (
        f"Der er ingen knap nummer {number} på skærmen nu – det seneste har ingen knapper. "
        "Skriv `vis` for at se de seneste beskeder med deres numre."
    )


def lines_failed(count: int) -> str:
    return "1 linje fejlede." if count == 1 else f"{count} linjer fejlede."
