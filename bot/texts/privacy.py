"""Texts for /praktik mine-data and /praktik slet-mine-data."""

from __future__ import annotations

from typing import Final

from bot.texts import goals

NOTHING_HELD: Final = "Praktikbot har ingen data om dig."
EXPORT_TITLE: Final = "Dine data i Praktikbot"
EXPORT_SENT: Final = (
    "Her er alle de data, Praktikbot har om dig, som en JSON-fil. Oplysninger om andre "
    "deltagere er ikke med."
)
EXPORT_FAILED: Final = "Filen kunne ikke sendes lige nu. Prøv igen om lidt."
DELETE_PROMPT: Final = (
    "Vil du slette dine data? Din værtsplads, dit ønske og dine aftaler, der ikke er begyndt "
    "endnu, bliver meldt fra, og modparterne får besked. En praktik, der er begyndt eller "
    "overstået, bliver stående – uden dit navn. Alt, der kan pege på dig, bliver slettet. "
    "Tilbage bliver kun anonyme tal til sæsonens statistik."
)
DELETE_BUTTON: Final = "Slet mine data"
DELETE_CONFIRM_TITLE: Final = "Slet dine data?"
DELETE_CONFIRM_TEXT: Final = "Det kan ikke fortrydes."
DELETE_YES: Final = "Ja, slet"
DELETE_NO: Final = "Fortryd"
DELETED: Final = "Dine data er slettet. Tak fordi du var med i Innovationspraktikken."

# The mine-data file: Danish keys and values a person reads, the same keys every time.
# Every column of the export has its key here (tests/unit/test_privacy_export.py holds it).
# Each column's name in the export; a feature's own columns are named in its text module.
EXPORT_KEYS: Final = {
    # the sections
    "person": "dig",
    "host_slots": "værtspladser",
    "wishes": "praktikønsker",
    "proposals": "anmodninger og forslag",
    "placements": "aftaler",
    "checkins": "dine svar på hvordan det gik",
    "evaluations": "dine evalueringer",
    "followups": "dine svar på opfølgningen",
    "messages_to_you": "beskeder til dig",
    "workshop_answers": "dine svar om workshoppen",
    "coordinator_actions": "dine handlinger som koordinator",
    "home_tab_first_opened_at": "fanen Hjem første gang åbnet",
    "profile_read_from_slack": "profil læst fra Slack",
    "dm_channel_with_praktikbot": "samtalen med Praktikbot i Slack",
    "co_host_of": "medvært for",
    "days_changes_you_proposed": "ændringer af dage, du har foreslået",
    "programmes": "programmer for praktikdagene",
    "day": "dag",
    "time": "tidspunkt",
    "place": "sted",
    "address": "adresse",
    "meeting_point": "mødested",
    "phone": "kontakttelefon",
    "revision": "version",
    "network_entry": "netværket: det andre deltagere kan se om dig",
    # the fields
    "id": "id",
    "slack_user_id": "Slack-bruger-id",
    "name": "navn",
    "title": "stilling",
    "workplace": "arbejdsplads",
    "sector": "sektor",
    "municipality": "kommune",
    "region": "region",
    "created_at": "oprettet",
    "updated_at": "sidst ændret",
    "fetched_at": "læst",
    "host_id": "vært (id)",
    "intern_id": "praktikant (id)",
    "slot_id": "værtsplads (id)",
    "proposal_id": "anmodning eller forslag (id)",
    "placement_id": "aftale (id)",
    "workshop_id": "workshop (id)",
    "season_year": "sæson",
    "capacity": "antal pladser",
    "confirmed": "antal bekræftede",
    "days": "dage",
    "old_days": "dage før ændringen",
    "topics": "emner",
    "description": "beskrivelse",
    "cohost_user_id": "medvært (Slack-bruger-id)",
    "status": "status",
    "wanted_sectors": "ønskede sektorer",
    "wanted_regions": "ønskede regioner",
    "text": "tekst",
    "manager_user_id": "leder (Slack-bruger-id)",
    "origin": "opstået ved",
    "round": "matchrunde",
    "host_answer": "værtens svar",
    "intern_answer": "praktikantens svar",
    "manager_answer": "lederens svar",
    "deadline": "svarfrist",
    "decided_at": "afgjort",
    "confirmed_at": "bekræftet",
    "withdrawn_at": "trukket tilbage",
    "role": "som",
    "rating": "vurdering",
    "comment": "kommentar",
    "benefit": "udbytte",
    **goals.EXPORT_KEYS,
    "take_home": "det tager du med hjem",
    "inspiration": "det gav besøget jer",
    "quote_ok": "må citeres anonymt",
    "practised": "omsat til praksis",
    "what": "hvad",
    "recommend": "vil anbefale (0-10)",
    "key": "nøgle",
    "recipient": "modtager",
    "kind": "slags",
    "due_at": "planlagt til",
    "attempts": "forsøg",
    "outage_tries": "forsøg mens Slack var nede",
    "send_until": "sendes senest",
    "sent_at": "sendt",
    "channel": "kanal",
    "slack_ts": "Slack-tidsstempel",
    "reason": "årsag",
    "did": "i Innovationspraktikken",
    "year": "år",
    "opted_in_at": "med i netværket siden",
    "payload": "indhold",
    "at": "tidspunkt",
    "actor": "udført af",
    "action": "handling",
    "allowed": "tilladt",
    "detail": "detaljer",
    "coming": "svar",
    "answered_at": "svaret",
    "proposer_side": "foreslået som",
}
EXPORT_STATUS: Final = {
    "open": "åben",
    "active": "aktiv",
    "withdrawn": "trukket tilbage",
    "pending": "afventer svar",
    "confirmed": "bekræftet",
    "declined": "afslået",
    "accepted": "accepteret",
    "expired": "udløbet",
    "full": "pladsen blev fyldt",
    "superseded": "erstattet",
    "planned": "planlagt",
    "sending": "sendes",
    "sent": "sendt",
    "failed": "kunne ikke sendes",
    "skipped": "ikke sendt",
    "cancelled": "aflyst",
}
EXPORT_ANSWERS: Final = {"pending": "ikke svaret", "accepted": "ja", "declined": "nej"}
EXPORT_ORIGINS: Final = {"request": "din anmodning", "match": "koordinatorens matchrunde"}
EXPORT_ROLES: Final = {"host": "vært", "intern": "praktikant", "cohost": "medvært"}
EXPORT_REASONS: Final = {
    "days changed": "dagene blev ændret",
    "co-host changed": "medværten blev skiftet",
    "placement withdrawn": "aftalen blev trukket tilbage",
    "already sent": "allerede sendt",
    "superseded": "erstattet af en nyere",
    "not_coming": "du kommer ikke",
    "placement_started": "praktikken var begyndt",
    "first_day_over": "første dag var gået",
    "evaluation_due": "evalueringen havde overtaget",
    "season_closed": "sæsonen var afsluttet",
    "programme_written": "programmet var skrevet",
    "stale": "beskeden var for gammel, da Slack svarede igen",
}
EXPORT_WEEKDAYS: Final = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
EXPORT_COMING: Final = {True: "kommer", False: "kommer ikke"}
EXPORT_YES_NO: Final = {True: "ja", False: "nej"}
