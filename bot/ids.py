"""Every action, block and callback ID in one place, so views and handlers agree."""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    PRAKTIK = "/praktik"


class Sub(StrEnum):
    """Subcommands of /praktik (the first word of the command text)."""

    HELP = "hjælp"
    OFFER = "tilbyd"
    FIND = "find"
    STATUS = "status"
    WITHDRAW = "afmeld"
    CHECKIN = "checkin"
    MY_DATA = "mine-data"
    DELETE_MY_DATA = "slet-mine-data"
    ADMIN = "admin"


class View(StrEnum):
    ERROR = "praktik_error"
