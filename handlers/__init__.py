"""Slack listeners, one module per surface; each module has `register(app)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import (
    admin,
    commands,
    coordinator,
    days_change,
    deals,
    events,
    feedback,
    participation,
    report,
    submissions,
    workshop,
)

__all__ = ["participation", "report"]  # imported for their command registrations


def register_all(app: AsyncApp) -> None:
    commands.register(app)
    deals.register(app)
    submissions.register(app)
    events.register(app)
    admin.register(app)
    feedback.register(app)
    coordinator.register(app)
    workshop.register(app)
    days_change.register(app)
