"""What the sandbox and the demo say when they run the app over Socket Mode."""

from __future__ import annotations

from typing import Final

SANDBOX_TITLE: Final = "Praktikbot-sandkasse – den rigtige app over Socket Mode med et lokalt Slack"
SANDBOX_OVER_SOCKET: Final = (
    "Forbindelse: Socket Mode i stedet for HTTP – appen har forbundet sig til den lokale "
    "Slack over en WebSocket, som `praktik socket` gør."
)
DEMO_START: Final = "Start: ny database og appen over Socket Mode"


def demo_intro(participants: int, seed: int, started: str, ended: str) -> str:
    return (
        f"{participants} simulerede deltagere (frø {seed}), fra tilmeldingen {started} til "
        f"opfølgningen {ended}. Alt gik over Socket Mode – appens egen WebSocket-forbindelse, "
        "som `praktik socket` bruger – med en ny SQLite-database og dispatcheren, som i drift, "
        "med en lokal Slack i stedet for den rigtige."
    )
