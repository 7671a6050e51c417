"""What `praktik socket`'s /healthz says when it is not healthy (for the operator's probe and
the person reading its answer), and the line when its port cannot be opened."""

from __future__ import annotations

from typing import Final

HEALTHY: Final = "ok"
SLACK_NOT_CONNECTED: Final = "ikke forbundet til Slack (Socket Mode)"
DATABASE_SILENT: Final = "databasen svarer ikke"


def unhealthy(reasons: list[str]) -> str:
    return "; ".join(reasons) if reasons else HEALTHY


def port_unavailable(port: int, reason: str) -> str:
    return (
        f"Konfigurationsfejl: PRAKTIK_METRICS_PORT={port} kan ikke åbnes ({reason}); "
        "vælg en ledig port til /healthz og /metrics"
    )
