"""Slack listeners, one module per surface; each module has `register(app)`."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import (
    actions,
    admin,
    commands,
    coordinator,
    events,
    feedback,
    participation,
    submissions,
)

__all__ = ["participation"]  # imported for its @subcommand registrations


def register_all(app: AsyncApp) -> None:
    commands.register(app)
    actions.register(app)
    submissions.register(app)
    events.register(app)
    admin.register(app)
    feedback.register(app)
    coordinator.register(app)
