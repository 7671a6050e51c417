"""Which season the app is in: the configured year, or the next week 37 that has not ended."""

from __future__ import annotations

from datetime import datetime

from bot.domain.season import Season, default_season_year
from bot.process.config import Settings
from models.tables import SeasonSettings


def season_year(settings: Settings, now: datetime) -> int:
    if settings.praktik_year is not None:
        return settings.praktik_year
    return default_season_year(now, settings.tz)


def season_of(settings: Settings, overrides: SeasonSettings) -> Season:
    return Season.for_year(
        overrides.year,
        signup_deadline=overrides.signup_deadline,
        proposal_days=overrides.proposal_days,
        tz=settings.tz,
    )


def approval_required(settings: Settings, overrides: SeasonSettings) -> bool:
    return settings.praktik_manager_approval or overrides.manager_approval
