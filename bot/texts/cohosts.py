"""Co-hosting: a colleague who shares a host slot."""

from __future__ import annotations

from typing import Final

LABEL: Final = "Medvært (valgfrit)"
HINT: Final = (
    "En kollega, der deler værtskabet: kollegaen ser pladsen, får de samme beskeder og kan svare "
    "på anmodninger og forslag."
)
ERR_SELF: Final = "Du kan ikke være medvært for dig selv – vælg en kollega."
ERR_BOTH_SIDES: Final = "Den kollega har selv anmodet om eller fået en plads hos jer (eller er leder for en, der har) – ingen kan være på begge sider af en praktik."


def added(host: str, workplace: str) -> str:
    return (
        f"<@{host}> har gjort dig til medvært på værtspladsen hos *{workplace}*. Du får de "
        "samme beskeder som værten og kan svare på anmodninger og forslag – det første svar "
        "gælder. `/praktik status` viser pladsen."
    )


def removed(host: str, workplace: str) -> str:
    return f"<@{host}> har fjernet dig som medvært på værtspladsen hos *{workplace}*."


STATUS_COHOSTED: Final = "Medvært på"


def cohosted(workplace: str, host: str) -> str:
    return f"*{workplace}* – værten er <@{host}>"
