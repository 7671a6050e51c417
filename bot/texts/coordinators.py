"""What the operator reads about the coordinators' Slack user group (PRAKTIK_ADMIN_GROUP),
and the settings' reasons for it and for PRAKTIK_LOG_FORMAT.

Log lines are %-style: the logging module formats them only when they are written. None
names a person: a user group's handle or ID and Slack's error code are no personal data.
"""

from __future__ import annotations

from typing import Final

# --- settings (bot.process.config) ----------------------------------------------------------

NOT_A_GROUP: Final = (
    "skal være en brugergruppes handle (fx praktik-koordinatorer eller @praktik-koordinatorer) "
    "eller dens ID (S…)"
)
LOG_FORMATS: Final = "skal være text eller json"

# --- log lines (bot.slack.coordinators) -----------------------------------------------------

GROUP_UNREADABLE: Final = (
    "Koordinatorgruppen %s kunne ikke læses fra Slack (%s); de sidst kendte medlemmer "
    "bruges, og der prøves igen om et minut"
)
GROUP_UNKNOWN: Final = (
    "Koordinatorgruppen %s findes ikke i Slack (eller er deaktiveret); kun PRAKTIK_ADMINS "
    "er koordinatorer, til den findes"
)
