"""Every sentence a Slack user reads, in Danish. Nothing user-facing is written elsewhere."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from bot.texts.dates import full_stop
from bot.texts.grammar import listing, noun, plural

# Help: one line per subcommand (docs/product.md, "Slack surfaces").
HELP_TITLE: Final = "Praktikbot – Innovationspraktikken i uge 37"
HELP_INTRO: Final = (
    "Offentligt ansatte er i praktik hos hinanden på tværs af stat, regioner og kommuner. "
    "Sådan bruger du mig:"
)
HELP_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("/praktik hjælp", "vis denne hjælp"),
    ("/praktik tilbyd", "opret eller ret din værtsplads"),
    ("/praktik find", "registrér dit praktikønske og se de pladser, der passer bedst"),
    ("/praktik find <søgeord>", "søg blandt de ledige værtspladser"),
    ("/praktik status", "se din plads, dit ønske, dine forslag, din aftale og næste beskeder"),
    ("/praktik afmeld", "meld dig fra – du bliver bedt om at bekræfte"),
    ("/praktik checkin", "fortæl, hvordan praktikken gik"),
    ("/praktik mine-data", "få alle de data, Praktikbot har om dig, som fil"),
    ("/praktik slet-mine-data", "slet dine data – du bliver bedt om at bekræfte"),
    (
        "/praktik privatliv",
        "læs, hvad Praktikbot gemmer om dig, hvorfor, hvem der ser det og hvor længe",
    ),
    (
        "/praktik netværk til|fra|<søgeord>",
        "bliv fundet som sparringspartner, meld dig ud, eller søg blandt tidligere deltagere",
    ),
    (
        "/praktik admin …",
        "koordinatorer: `/praktik admin hjælp` viser match, stats, eksport, sæson, besked, workshop, rapport og log",
    ),
)
HELP_FOOTER: Final = "Du kan også åbne Praktikbot under *Apps* og se din oversigt på fanen *Hjem*."


def unknown_subcommand(word: str) -> str:
    return f"Jeg kender ikke kommandoen »{word}«. Her er det, jeg kan:"


INTERNAL_ERROR: Final = (
    "Beklager, noget gik galt hos Praktikbot, og din handling blev ikke gennemført. "
    "Prøv igen om lidt – og kontakt koordinatoren, hvis det bliver ved."
)
INTERNAL_ERROR_TITLE: Final = "Noget gik galt"
CLOSE: Final = "Luk"

# Topics, sectors, days --------------------------------------------------------------------
DEFAULT_TOPICS: Final[tuple[str, ...]] = (
    "digitalisering",
    "borgerinddragelse",
    "ledelse",
    "velfærdsteknologi",
    "klima",
    "sundhed",
    "beskæftigelse",
    "børn og unge",
    "kultur og bibliotek",
    "økonomi og styring",
    "HR",
    "innovation",
    "samarbejde på tværs",
)
SECTOR_LABELS: Final = {"stat": "Stat", "region": "Region", "kommune": "Kommune"}
CENTRAL_ADMINISTRATION_LABEL: Final = "Centraladministrationen (flere steder)"
STATE_GROUP_LABEL: Final = "Stat"
WEEKDAY_SHORT: Final = ("man", "tir", "ons", "tor", "fre")
NOT_GIVEN: Final = "ikke oplyst"

# Form errors (inline in the modal) -----------------------------------------------------
ERR_NO_DAY: Final = "Vælg mindst én dag i uge 37."
ERR_SECTOR: Final = "Vælg stat, region eller kommune."
ERR_WORKPLACE_EMPTY: Final = "Skriv navnet på arbejdspladsen."
ERR_TOPIC: Final = "Vælg emner fra listen."
ERR_REGION: Final = "Vælg regioner fra listen."
ERR_MUNICIPALITY: Final = "Vælg en kommune fra listen."
ERR_CENTRAL_ONLY_STATE: Final = (
    "Centraladministrationen kan kun vælges for statslige arbejdspladser."
)
ERR_CAPACITY: Final = "Skriv et helt tal fra 1 til 10 – fx 2."
ERR_MANAGER: Final = "Vælg din leder blandt brugerne i Slack."


def err_too_long(limit: int, length: int) -> str:
    return f"Højst {limit} tegn – du har skrevet {length}. Gør teksten lidt kortere."


def err_capacity_below_confirmed(confirmed: int) -> str:
    return (
        f"Du har allerede {plural(confirmed, 'bekræftet praktikant', 'bekræftede praktikanter')}, "
        "så pladsen kan ikke blive mindre "
        "end det. Meld en praktikant fra først, hvis det er nødvendigt."
    )


# The host slot modal -------------------------------------------------------------------
SLOT_TITLE: Final = "Din værtsplads"
SLOT_SUBMIT: Final = "Gem"
CANCEL: Final = "Annullér"
SLOT_INTRO: Final = (
    "Tilbyd en plads som vært i uge 37. Praktikanterne ser din arbejdsplads, kommune, emner "
    "og beskrivelse, når de søger."
)
SLOT_WORKPLACE: Final = "Arbejdsplads"
SLOT_WORKPLACE_HINT: Final = "Fx Digitaliseringsstyrelsen, Region Midtjylland eller Ærø Kommune"
SLOT_SECTOR: Final = "Sektor"
SLOT_MUNICIPALITY: Final = "Kommune"
SLOT_MUNICIPALITY_HINT: Final = (
    "Hvor praktikken foregår. Statslige arbejdspladser flere steder: vælg centraladministrationen."
)
SLOT_CAPACITY: Final = "Antal praktikanter (1–10)"
SLOT_DAYS: Final = "Dage i uge 37"
SLOT_TOPICS: Final = "Emner"
SLOT_DESCRIPTION: Final = "Hvad kommer praktikanten til at se og lave?"
SLOT_DESCRIPTION_HINT: Final = "Højst 2000 tegn."
PICK: Final = "Vælg …"

# The wish modal ------------------------------------------------------------------------
WISH_TITLE: Final = "Dit praktikønske"
WISH_SUBMIT: Final = "Gem og find"
WISH_INTRO: Final = (
    "Fortæl, hvad du gerne vil lære, og hvor du kan være. Lad felterne stå tomme, hvis du er "
    "åben for alt – så finder Praktikbot de pladser, der passer bedst."
)
WISH_WORKPLACE: Final = "Din egen arbejdsplads"
WISH_SECTOR: Final = "Din sektor"
WISH_MUNICIPALITY: Final = "Din kommune"
WISH_TOPICS: Final = "Emner, du er interesseret i"
WISH_SECTORS: Final = "Sektorer, du gerne vil i praktik i"
WISH_REGIONS: Final = "Regioner, du kan rejse til"
WISH_DAYS: Final = "Dage, du kan i uge 37"
WISH_TEXT: Final = "Fortæl lidt om dig selv og dit ønske"
WISH_MANAGER: Final = "Din leder"
WISH_MANAGER_HINT: Final = "Din leder godkender praktikken, før den bliver bekræftet."
WISH_MANAGER_OPTIONAL: Final = "Valgfrit: din leder får besked, når praktikken er aftalt."

# Slots in messages ---------------------------------------------------------------------
EDIT: Final = "Rediger"
REQUEST: Final = "Anmod"
MORE: Final = "Vis flere"
DAYS_LABEL: Final = "Dage"
TOPICS_LABEL: Final = "Emner"
SEATS_LABEL: Final = "Pladser"
WHERE_LABEL: Final = "Sted"


def seats(free: int, capacity: int) -> str:
    return f"{free} af {capacity} ledige"


def slot_saved(created: bool) -> str:
    if created:
        return (
            "Tak! Din værtsplads er oprettet, og praktikanterne kan nu finde den. Sådan ser den ud:"
        )
    return "Din værtsplads er opdateret. Sådan ser den ud nu:"


def late_slot(deadline: str) -> str:
    return (
        f"Tilmeldingsfristen var {deadline}, men din plads er med: praktikanterne kan finde "
        "den og anmode om den, og den kommer med i koordinatorens næste matchrunde."
    )


def late_wish(deadline: str) -> str:
    return (
        f"Tilmeldingsfristen var {deadline}, men dit ønske er med: det kommer med i "
        "koordinatorens næste matchrunde, og du kan selv anmode om en ledig plads med "
        "`/praktik find`."
    )


def search_header(query: str, total: int, shown_from: int, shown_to: int) -> str:
    if total == 1:
        return f"*1 ledig plads* passer til »{query}«:"
    return f"*{total} ledige pladser* passer til »{query}« – her er {shown_from}–{shown_to}:"


def search_none(query: str) -> str:
    return (
        f"Ingen ledige pladser passer til »{query}«. Prøv et andet ord – eller skriv "
        "`/praktik find` uden søgeord, så finder jeg de pladser, der passer bedst til dit ønske."
    )


SEARCH_EMPTY_QUERY: Final = "Skriv et eller flere søgeord efter `/praktik find`."
WISH_SAVED: Final = "Tak! Dit praktikønske er gemt og er med, når koordinatoren laver match."
SUGGESTIONS_HEADER: Final = "Her er de ledige pladser, der passer bedst til dit ønske:"
SUGGESTIONS_NONE: Final = (
    "Lige nu er der ingen ledige pladser, der passer til dine dage. Dit ønske er gemt, og du "
    "får besked, når koordinatoren har lavet match."
)
WHY_LABEL: Final = "Derfor"

# Requests and proposals ----------------------------------------------------------------
THE_HOST: Final = "værten"
ACCEPT: Final = "Acceptér"
DECLINE: Final = "Afslå"


def request_to_host(intern: str) -> str:
    return f"*{intern}* vil gerne i praktik hos dig i uge 37. Vil du tage imod?"


def proposal_to_host(intern: str) -> str:
    return f"Koordinatoren foreslår, at *{intern}* kommer i praktik hos dig i uge 37. Vil du tage imod?"


def proposal_to_intern(workplace: str) -> str:
    return f"Koordinatoren foreslår, at du kommer i praktik hos *{workplace}* i uge 37. Vil du det?"


def answer_by(deadline: str) -> str:
    return f"Svar senest {full_stop(deadline)}"


PROFILE_NAME: Final = "Navn"
PROFILE_TITLE: Final = "Stilling"
PROFILE_WORKPLACE: Final = "Arbejdsplads"
PROFILE_SECTOR: Final = "Sektor"
PROFILE_WISH: Final = "Ønske"
PROFILE_DAYS: Final = "Dage"


def request_sent(workplace: str) -> str:
    return f"Din anmodning er sendt til værten hos *{workplace}*. Du får besked, når værten har svaret."


def request_undelivered(workplace: str) -> str:
    return (
        f"Din anmodning nåede desværre ikke frem: Slack ville ikke levere den, så vi kunne ikke nå "
        f"værten hos *{workplace}*. Anmodningen er trukket tilbage, og koordinatoren har fået "
        "besked. Du kan anmode igen senere eller finde en anden plads med `/praktik find`."
    )


def request_not_yet_delivered(workplace: str) -> str:
    return (
        f"Din anmodning nåede desværre ikke frem til værten hos *{workplace}*, fordi Slack har "
        "travlt lige nu. Anmodningen er trukket tilbage: prøv igen om et øjeblik."
    )


# The sentences of bot.domain.placement.Refusal, paired with its members in bot.views.refusals.
REFUSED_NOT_OPEN: Final = "Den plads er ikke længere ledig."
REFUSED_FULL: Final = "Den plads er desværre fuld."
REFUSED_OWN_SLOT: Final = "Det er din egen værtsplads – du kan ikke anmode om den."
REFUSED_ALREADY_PLACED: Final = "Du har allerede en bekræftet praktik i år. Meld dig fra den først med `/praktik afmeld`, hvis du vil skifte."
REFUSED_ALREADY_REQUESTED: Final = "Du har allerede anmodet om den plads. Værten har fået besked."
REFUSED_NO_COMMON_DAY: Final = (
    "Pladsen har ingen af de dage, du kan. Ret dine dage med `/praktik find`."
)
REFUSED_NEED_MANAGER: Final = "I år skal din leder godkende praktikken. Angiv din leder i dit praktikønske med `/praktik find` og anmod så igen."
REFUSED_NOT_YOURS: Final = "Den knap er ikke til dig – kun den, beskeden er sendt til, kan svare."
REFUSED_ALREADY_DECIDED: Final = "Der er allerede svaret på den forespørgsel."
REFUSED_UNKNOWN: Final = "Jeg kan ikke finde den forespørgsel længere."
REFUSED_BOTH_SIDES: Final = "Ingen kan være på begge sider af en praktik: praktikanten eller praktikantens leder er vært eller medvært på pladsen. Koordinatoren kan hjælpe med en anden plads."
REFUSED_TOO_LATE: Final = "Praktikken er allerede begyndt eller overstået, så den kan ikke ændres."
REFUSED_EXPIRED: Final = "Fristen for at svare er udløbet, så forslaget er lukket. Pladsen og praktikanten kan komme med i næste runde."
REFUSED_DAYS_PASSED: Final = (
    "Dagene på den plads er allerede begyndt, så det er for sent at anmode om den i år."
)
REFUSED_PLACED_ELSEWHERE: Final = "Praktikanten har fået en plads et andet sted i år, så forespørgslen er lukket. Du behøver ikke gøre mere."


def outcome_accepted_waiting(other: str) -> str:
    return f"✅ Du har accepteret. Nu venter vi på {other}."


OUTCOME_NEEDS_MANAGER: Final = "✅ I har begge accepteret. Nu skal praktikantens leder godkende."
OUTCOME_CONFIRMED: Final = "✅ Aftalen er bekræftet."
OUTCOME_DECLINED_BY_YOU: Final = "Du har afslået."
OUTCOME_DECLINED: Final = "Forespørgslen blev afslået."
OUTCOME_FULL: Final = "Pladsen blev fuld, før alle havde svaret – aftalen blev ikke til noget."
OUTCOME_WITHDRAWN: Final = "Forespørgslen er trukket tilbage."
OUTCOME_EXPIRED: Final = "Fristen for at svare er udløbet."
OUTCOME_PLACED_ELSEWHERE: Final = (
    "Praktikanten har fået en plads et andet sted – forespørgslen er lukket."
)


def placed_elsewhere_host(intern: str) -> str:
    return (
        f"{intern} har fået en praktikplads et andet sted i år, så anmodningen eller "
        "forslaget til jer er lukket. I behøver ikke gøre mere – pladsen er ledig for andre."
    )


def expired_notice(workplace: str, *, next_round: bool) -> str:
    """A proposal of a round has a deadline; a request expires only when its first day came."""
    then = (
        " Pladsen og praktikanten kan komme med i koordinatorens næste runde." if next_round else ""
    )
    return (
        f"Fristen for at svare på forespørgslen om praktik hos *{workplace}* er udløbet, så "
        f"den er lukket.{then}"
    )


def confirmed_intern(hosts: list[str], workplace: str, days: str) -> str:
    return (
        f"🎉 Din praktik er bekræftet! Du skal i praktik hos *{workplace}* med {listing(hosts)} "
        f"som {noun(len(hosts), 'vært', 'værter')} – {full_stop(days)}"
    )


def confirmed_host(intern: str, days: str) -> str:
    return f"🎉 Aftalen er bekræftet! {intern} kommer i praktik hos dig – {full_stop(days)}"


CONTACT_HEADER: Final = "Kontakt"
NEXT_STEPS: Final = (
    "*Det sker nu:* Tag gerne kontakt og aftal programmet. To uger før får I begge en "
    "påmindelse, to hverdage før de praktiske detaljer, og på sidste dag spørger jeg, "
    "hvordan det gik."
)


def declined_intern(workplace: str) -> str:
    return (
        f"Værten hos *{workplace}* kan desværre ikke tage imod dig denne gang. Det er ikke "
        "personligt – pladserne er få. Her er andre ledige pladser, der passer til dig:"
    )


def declined_intern_no_alternatives(workplace: str) -> str:
    return (
        f"Værten hos *{workplace}* kan desværre ikke tage imod dig denne gang. Lige nu er der "
        "ingen andre ledige pladser på dine dage – dit ønske er med, når koordinatoren laver match."
    )


def declined_host(intern: str) -> str:
    return f"{intern} har afslået forslaget. Pladsen er stadig ledig for andre."


def full_intern(workplace: str) -> str:
    return (
        f"Pladsen hos *{workplace}* blev desværre fuld, lige før aftalen kom i hus. Her er "
        "andre ledige pladser:"
    )


def full_intern_none(workplace: str) -> str:
    return (
        f"Pladsen hos *{workplace}* blev desværre fuld, lige før aftalen kom i hus. Lige nu er "
        "der ingen andre ledige pladser på dine dage – dit ønske er med, når koordinatoren laver match."
    )


def manager_request(intern: str, workplace: str, days: str) -> str:
    return (
        f"{intern} har aftalt at komme i praktik hos *{workplace}* i uge 37 ({days}) og har "
        "angivet dig som leder. Godkender du praktikken?"
    )


MANAGER_APPROVE: Final = "Godkend"
MANAGER_DECLINE: Final = "Afvis"


def manager_declined(intern: str) -> str:
    return f"Lederen har ikke godkendt praktikken for {intern}, så aftalen er annulleret."


# Status and App Home -------------------------------------------------------------------
HOME_TITLE: Final = "Innovationspraktikken"
STATUS_TITLE: Final = "Din status i Innovationspraktikken"
STATUS_SLOT: Final = "Din værtsplads"
STATUS_NO_SLOT: Final = "Du har ingen værtsplads. Tilbyd en med `/praktik tilbyd`."
STATUS_SLOT_WITHDRAWN: Final = "Din værtsplads er trukket tilbage."
STATUS_WISH: Final = "Dit praktikønske"
STATUS_NO_WISH: Final = "Du har intet praktikønske. Registrér et med `/praktik find`."
STATUS_WISH_WITHDRAWN: Final = "Dit praktikønske er trukket tilbage."
STATUS_PENDING: Final = "Åbne forespørgsler"
STATUS_NO_PENDING: Final = "Ingen åbne forespørgsler."
STATUS_PLACEMENTS: Final = "Bekræftede aftaler"
STATUS_NO_PLACEMENTS: Final = "Ingen bekræftede aftaler endnu."
STATUS_NEXT_DMS: Final = "Næste beskeder fra mig"
OFFER_BUTTON: Final = "Tilbyd en plads"
WISH_BUTTON: Final = "Registrér ønske"
EDIT_WISH: Final = "Ret ønske"


def pending_waiting_for_host(workplace: str) -> str:
    return f"Du har anmodet om en plads hos *{workplace}* – venter på værtens svar."


def pending_for_host(intern: str) -> str:
    return f"*{intern}* vil gerne i praktik hos dig – du skal svare."


def proposal_pending_for_host(intern: str) -> str:
    return f"Koordinatoren foreslår *{intern}* som praktikant hos dig – du skal svare."


def proposal_waiting_for_intern(intern: str) -> str:
    return (
        f"Koordinatoren foreslår *{intern}* som praktikant hos dig – du har sagt ja og venter "
        "på praktikantens svar."
    )


def pending_for_intern(workplace: str) -> str:
    return f"Koordinatoren foreslår praktik hos *{workplace}* – du skal svare."


def proposal_waiting_for_host(workplace: str) -> str:
    return (
        f"Koordinatoren foreslår praktik hos *{workplace}* – du har sagt ja og venter på "
        "værtens svar."
    )


def pending_waiting_for_manager(workplace: str) -> str:
    return f"Praktik hos *{workplace}* – venter på lederens godkendelse."


class When(StrEnum):
    """Where a placement is in time, for the tense it is told in."""

    AHEAD = "ahead"
    NOW = "now"
    OVER = "over"


_INTERN_VERB: Final = {When.AHEAD: "skal", When.NOW: "er", When.OVER: "var"}
_HOST_VERB: Final = {When.AHEAD: "kommer", When.NOW: "er", When.OVER: "var"}


def placement_as_intern(
    workplace: str, days: str, hosts: list[str], when: When = When.AHEAD
) -> str:
    who = f"{noun(len(hosts), 'Vært', 'Værter')}: {listing(hosts)}"
    verb = _INTERN_VERB[when]
    return f"Du {verb} i praktik hos *{workplace}* – {full_stop(days)} {full_stop(who)}"


def placement_as_host(intern: str, days: str, when: When = When.AHEAD) -> str:
    return f"{intern} {_HOST_VERB[when]} i praktik hos dig – {full_stop(days)}"


def wish_summary(days: str, topics: str, sectors: str, regions: str) -> str:
    return f"*Dage:* {days}\n*Emner:* {topics}\n*Sektorer:* {sectors}\n*Regioner:* {regions}"


OPEN_FOR_ALL: Final = "åben for alt"
DM_KIND_LABELS: Final = {
    "intro": "Introduktion til hinanden",
    "practical": "Praktiske detaljer",
    "welcome": "God praktik",
    "checkin": "Hvordan gik det?",
    "evaluation": "Evaluering",
    "followup": "Opfølgning efter 90 dage",
    "programme_reminder": "Påmindelse om programmet for dagene",
    "programme_changed": "Programmet for dagene er ændret",
    "announcement": "Besked fra koordinatoren",
    "invitation": "Invitation til næste sæson",
    "workshop": "Invitation til workshoppen",
    "workshop_reminder": "Påmindelse om workshoppen",
    "workshop_moved": "Workshoppen er flyttet",
    "request": "Anmodning til værten",
    "proposal": "Forslag fra matchrunden",
    "manager_request": "Anmodning om lederens godkendelse",
    "goals_changed": "Praktikantens nye mål",
    "newcomer": "Velkommen til Innovationspraktikken",
}

# Withdrawal ----------------------------------------------------------------------------
WITHDRAW_PROMPT: Final = "Hvad vil du melde dig fra?"
WITHDRAW_NOTHING: Final = "Du har hverken en værtsplads eller et praktikønske, du kan melde fra."
WITHDRAW_AS_HOST: Final = "Træk min værtsplads tilbage"
WITHDRAW_AS_INTERN: Final = "Træk mit praktikønske tilbage"
WITHDRAW_CONFIRM_TITLE: Final = "Meld dig fra?"
WITHDRAW_CONFIRM_HOST: Final = (
    "Din værtsplads lukkes, og bekræftede praktikanter får besked om, at aftalen er aflyst."
)
WITHDRAW_CONFIRM_INTERN: Final = (
    "Dit ønske og en eventuel aftale aflyses, og værten får besked. Pladsen bliver ledig for andre."
)
WITHDRAW_YES: Final = "Ja, meld mig fra"
WITHDRAW_NO: Final = "Fortryd"
WITHDRAWN_HOST: Final = (
    "Din værtsplads er trukket tilbage. Du kan altid oprette en ny med `/praktik tilbyd`."
)
WITHDRAWN_INTERN: Final = (
    "Du er meldt fra som praktikant. Du kan altid registrere et nyt ønske med `/praktik find`."
)
WITHDRAWN_NOTHING: Final = "Der var ikke noget at melde fra – det er allerede gjort."
WITHDRAW_BEGUN: Final = (
    "Din praktik er allerede begyndt eller overstået, så den bliver stående – den kan ikke "
    "meldes fra nu."
)


def counterpart_host_left(workplace: str) -> str:
    return (
        f"Værten hos *{workplace}* har desværre trukket sin plads tilbage, så jeres aftale er "
        "aflyst. Her er andre ledige pladser:"
    )


def counterpart_host_left_none(workplace: str) -> str:
    return (
        f"Værten hos *{workplace}* har desværre trukket sin plads tilbage, så jeres aftale er "
        "aflyst. Lige nu er der ingen andre ledige pladser på dine dage – du får besked, når "
        "koordinatoren laver match."
    )


def counterpart_host_left_request(workplace: str) -> str:
    return f"Værten hos *{workplace}* har trukket sin plads tilbage, så din anmodning er lukket."


def counterpart_intern_left(intern: str) -> str:
    return f"{intern} har meldt fra, så jeres aftale er aflyst. Pladsen er ledig igen."


def counterpart_intern_left_request(intern: str) -> str:
    return f"{intern} har trukket sin anmodning tilbage."


def why_parts(parts: dict[str, int]) -> str:
    """Why a slot was suggested, from the parts of its score (bot.matching.rules.Part names)."""
    reasons = []
    if parts.get("requested"):
        reasons.append("du har selv valgt den")
    topics = parts.get("topics_count", 0)
    if topics:
        reasons.append(plural(topics, "fælles emne", "fælles emner"))
    if parts.get("cross_sector"):
        reasons.append("på tværs af sektor")
    if parts.get("region"):
        reasons.append("i en region, du kan rejse til")
    if parts.get("wanted_sector"):
        reasons.append("i en sektor, du ønsker")
    days = parts.get("days_count", 0)
    if days:
        reasons.append(plural(days, "fælles dag", "fælles dage"))
    return ", ".join(reasons)
