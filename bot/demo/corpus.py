"""What the demo's simulated people are made of: Danish public workplaces, titles, names and
the sentences they type into the modals.

This is input data (what a person would type in Slack), not the app's own text, so it lives
here and not in bot/texts. Workplaces are real kinds of Danish public employers; the people
are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

CENTRAL: Final = "stat"  # the slot modal's "Centraladministrationen" option


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of workplace: how it is named, where it sits, who works there, what it offers.

    `names`: fixed names (with their municipality code, or CENTRAL), or templates with
    `{kommune}` (the municipality's short name) / `{officielt}` (its official name) that are
    placed in a random municipality. `weight`: how often the kind occurs within its sector.
    """

    sector: str
    names: tuple[tuple[str, str], ...]
    titles: tuple[str, ...]
    topics: tuple[str, ...]
    offers: tuple[str, ...]
    weight: int = 1


STATE: Final = (
    Kind(
        "stat",
        (
            ("Finansministeriet", CENTRAL),
            ("Beskæftigelsesministeriet", CENTRAL),
            ("Indenrigs- og Sundhedsministeriet", CENTRAL),
            ("Social- og Boligministeriet", CENTRAL),
            ("Børne- og Undervisningsministeriet", CENTRAL),
            ("Klima-, Energi- og Forsyningsministeriet", CENTRAL),
            ("Transportministeriet", CENTRAL),
            ("Kulturministeriet", CENTRAL),
        ),
        ("kontorchef", "chefkonsulent", "specialkonsulent", "fuldmægtig", "afdelingschef"),
        ("økonomi og styring", "ledelse", "samarbejde på tværs", "digitalisering"),
        (
            "Du følger vores arbejde med et lovforslag fra idé til folketingssal.",
            "Du sidder med i kontoret og er med til møder med kommuner og regioner.",
            "Du ser, hvordan en ministerbetjening bliver til, og hvem der skal høres.",
        ),
        weight=3,
    ),
    Kind(
        "stat",
        (
            ("Digitaliseringsstyrelsen", CENTRAL),
            ("Styrelsen for Arbejdsmarked og Rekruttering", CENTRAL),
            ("Sundhedsstyrelsen", CENTRAL),
            ("Miljøstyrelsen", CENTRAL),
            ("Energistyrelsen", CENTRAL),
            ("Erhvervsstyrelsen", CENTRAL),
            ("Social- og Boligstyrelsen", "0461"),
            ("Styrelsen for Dataforsyning og Infrastruktur", CENTRAL),
            ("Udbetaling Danmark", CENTRAL),
            ("Vejdirektoratet", "0746"),
            ("Arbejdstilsynet", CENTRAL),
            ("Danmarks Statistik", "0101"),
            ("Styrelsen for Undervisning og Kvalitet", CENTRAL),
            ("Slots- og Kulturstyrelsen", CENTRAL),
            ("Familieretshuset", "0580"),
            ("Skattestyrelsen", CENTRAL),
        ),
        (
            "udviklingskonsulent",
            "specialkonsulent",
            "chefkonsulent",
            "kontorchef",
            "projektleder",
            "fuldmægtig",
            "digitaliseringskonsulent",
        ),
        ("digitalisering", "innovation", "borgerinddragelse", "samarbejde på tværs", "klima"),
        (
            "Du følger et team, der bygger en fælles offentlig løsning, og er med i brugertest.",
            "Du er med, når vi tester nye regler af sammen med kommunerne.",
            "Du ser vores arbejde med data og tilsyn og møder kolleger på tværs af kontorer.",
        ),
        weight=4,
    ),
)

REGION: Final = (
    Kind(
        "region",
        (
            ("Region Hovedstaden", "0219"),
            ("Region Sjælland", "0340"),
            ("Region Syddanmark", "0630"),
            ("Region Midtjylland", "0791"),
            ("Region Nordjylland", "0851"),
        ),
        (
            "regionsdirektør",
            "kontorchef",
            "udviklingskonsulent",
            "specialkonsulent",
            "projektleder",
            "HR-konsulent",
        ),
        ("samarbejde på tværs", "klima", "ledelse", "HR", "økonomi og styring"),
        (
            "Du følger vores arbejde med regional udvikling, trafik og klimatilpasning.",
            "Du er med i regionsrådets sekretariat i en uge med budgetforhandlinger.",
        ),
        weight=2,
    ),
    Kind(
        "region",
        (
            ("Rigshospitalet", "0101"),
            ("Herlev og Gentofte Hospital", "0163"),
            ("Bispebjerg og Frederiksberg Hospital", "0101"),
            ("Hvidovre Hospital", "0167"),
            ("Nordsjællands Hospital", "0219"),
            ("Sjællands Universitetshospital", "0259"),
            ("Holbæk Sygehus", "0316"),
            ("Nykøbing F. Sygehus", "0376"),
            ("Odense Universitetshospital", "0461"),
            ("Sygehus Lillebælt", "0621"),
            ("Sydvestjysk Sygehus", "0561"),
            ("Sygehus Sønderjylland", "0580"),
            ("Aarhus Universitetshospital", "0751"),
            ("Regionshospitalet Gødstrup", "0657"),
            ("Regionshospitalet Randers", "0730"),
            ("Hospitalsenheden Horsens", "0615"),
            ("Aalborg Universitetshospital", "0851"),
            ("Regionshospital Nordjylland", "0860"),
        ),
        (
            "afdelingssygeplejerske",
            "overlæge",
            "udviklingssygeplejerske",
            "kvalitetskonsulent",
            "ledende oversygeplejerske",
            "sekretariatschef",
            "projektleder",
        ),
        ("sundhed", "velfærdsteknologi", "ledelse", "innovation", "samarbejde på tværs"),
        (
            "Du følger et afsnit, der har lagt vagtplanen om, og er med på tavlemøder.",
            "Du ser, hvordan vi bruger telemedicin og robotter i hverdagen på afdelingen.",
            "Du er med i vores arbejde med patientforløb på tværs af hospital og kommune.",
        ),
        weight=3,
    ),
)

MUNICIPAL: Final = (
    Kind(
        "kommune",
        (("{officielt}", ""), ("{officielt}, Direktionen", "")),
        ("kommunaldirektør", "direktør", "kontorchef", "chefkonsulent", "udviklingskonsulent"),
        ("ledelse", "økonomi og styring", "samarbejde på tværs", "innovation"),
        (
            "Du følger direktionen i en uge og er med til byrådets udvalgsmøder.",
            "Du er med i vores arbejde med budget og politisk betjening.",
        ),
        weight=2,
    ),
    Kind(
        "kommune",
        (("{kommune} Bibliotekerne", ""), ("{kommune} Hovedbibliotek", "")),
        ("bibliotekar", "biblioteksleder", "kulturformidler", "projektleder"),
        ("kultur og bibliotek", "borgerinddragelse", "børn og unge", "digitalisering"),
        (
            "Du er med på biblioteket, hvor vi hjælper borgere med digital post og MitID.",
            "Du følger vores arbejde med læselyst og åbne biblioteker uden personale.",
        ),
        weight=2,
    ),
    Kind(
        "kommune",
        (("Jobcenter {kommune}", ""),),
        ("jobkonsulent", "teamleder", "virksomhedskonsulent", "socialrådgiver", "afdelingsleder"),
        ("beskæftigelse", "borgerinddragelse", "samarbejde på tværs"),
        (
            "Du sidder med ved samtaler med ledige og møder vores virksomhedskonsulenter.",
            "Du følger et team, der arbejder med unge uden uddannelse.",
        ),
        weight=2,
    ),
    Kind(
        "kommune",
        (("{kommune} Skole", ""), ("{kommune} Ungdomsskole", ""), ("PPR {kommune}", "")),
        ("skoleleder", "lærer", "pædagogisk leder", "psykolog"),
        ("børn og unge", "ledelse", "innovation"),
        (
            "Du er med i undervisningen og på lærermøder, hvor vi prøver nye måder at lære på.",
            "Du følger skolelederen og ser, hvordan vi samarbejder med forældre og PPR.",
        ),
        weight=2,
    ),
    Kind(
        "kommune",
        (
            ("{officielt}, Ældre og Sundhed", ""),
            ("{officielt}, Borgerservice", ""),
            ("{officielt}, Teknik og Miljø", ""),
            ("{officielt}, Digitalisering og IT", ""),
            ("{officielt}, HR og Personale", ""),
        ),
        (
            "udviklingskonsulent",
            "centerchef",
            "sagsbehandler",
            "klimakoordinator",
            "digitaliseringskonsulent",
            "HR-konsulent",
            "økonomikonsulent",
            "sygeplejerske",
        ),
        ("velfærdsteknologi", "klima", "digitalisering", "sundhed", "HR", "borgerinddragelse"),
        (
            "Du kommer ud til borgerne med vores hjemmepleje og ser velfærdsteknologi i brug.",
            "Du følger vores klimateam og er med på en tur til havnen og renseanlægget.",
            "Du er med i borgerservice og i vores arbejde med at gøre breve lettere at læse.",
        ),
        weight=4,
    ),
)

SECTOR_SHARE: Final = {"kommune": 0.55, "region": 0.2, "stat": 0.25}  # of all participants

FIRST_NAMES: Final = (
    "Anne", "Mette", "Hanne", "Lene", "Pia", "Susanne", "Camilla", "Louise", "Maria", "Julie",
    "Sofie", "Ida", "Emma", "Freja", "Line", "Karen", "Birgitte", "Tina", "Helle", "Signe",
    "Peter", "Jens", "Lars", "Søren", "Niels", "Henrik", "Thomas", "Michael", "Jesper", "Anders",
    "Rasmus", "Mads", "Mikkel", "Jakob", "Christian", "Martin", "Kasper", "Ole", "Torben", "Bo",
    "Aisha", "Ali", "Fatima", "Omar", "Zainab", "Yusuf", "Leila", "Ahmad", "Nadia", "Hassan",
)  # fmt: skip
LAST_NAMES: Final = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard", "Bæk", "Lund",
    "Holm", "Kjær", "Dam", "Vestergaard", "Frederiksen", "Ahmed", "Hussein", "Yilmaz", "Khan",
)  # fmt: skip

WISH_OPENINGS: Final = (
    "Jeg vil gerne se, hvordan andre arbejder med {topic}.",
    "Vi er i gang med {topic} hjemme, og jeg leder efter nogen, der er længere.",
    "Jeg er nysgerrig på {topic} set fra en anden sektor.",
    "Jeg vil gerne lære af jeres erfaringer med {topic} og tage idéer med hjem.",
)
WISH_OPEN: Final = "Jeg er åben for alt – overrask mig gerne."
SEARCH_EXTRA: Final = ("bibliotek", "jobcenter", "hospital", "styrelsen", "region", "skole")

CHECKIN_COMMENTS: Final = (
    "Rigtig godt program, tak for en lærerig dag.",
    "Vi fik talt om meget mere end forventet.",
    "Godt, men lidt for mange møder.",
    "Super værtskab – jeg tager flere idéer med hjem.",
    "Det var svært at få fri til alle dagene.",
)
EVALUATION_TEXTS: Final = (
    "Jeg tager idéen om borgerpaneler med hjem.",
    "Nu har jeg en kontakt, jeg kan ringe til.",
    "Vi har allerede ændret vores tavlemøder efter besøget.",
    "Det gav et andet blik på vores egne arbejdsgange.",
    "Mest netværk, mindre konkret – men det var det værd.",
)

# What interns want to learn or see (the wish's learning goals).
GOALS: Final = (
    "Se hvordan I arbejder med {topic} i praksis, og tage en metode med hjem.",
    "Lære, hvordan I inddrager borgerne, når I arbejder med {topic}.",
    "Forstå jeres arbejdsgange omkring {topic} & hvad I har lært af dem.",
    "Møde kolleger, der arbejder med {topic}, og høre om jeres erfaringer.",
)
# What the evaluation's intern takes home, what the host side got, and what was put into
# practice 90 days on.
TAKE_HOME: Final = (
    "En konkret skabelon til vores borgermøder.",
    "Nye kontakter og en anden måde at holde tavlemøder på.",
    "Modet til at prøve noget lille først.",
)
INSPIRATION: Final = (
    "Vi så vores egne arbejdsgange med nye øjne.",
    "Gode spørgsmål, som vi stadig taler om.",
)
PRACTISED: Final = (
    "Vi har indført korte tavlemøder hver morgen.",
    "Vi afprøver et borgerpanel i foråret.",
    "Jeg har delt metoden med mit team.",
)
# The programme a host side writes for the days: a line per day, the practical block.
PROGRAMME_DAYS: Final = (
    "Velkomst, rundvisning og frokost med teamet.",
    "Med på vores ugentlige tavlemøde og en borgersag fra start til slut.",
    "Dagen hos vores projektgruppe: planlægning og et møde med en samarbejdspartner.",
    "Du skygger vores leder og er med til styregruppemødet.",
    "Besøg ude i driften, og en snak om, hvad vi har lært.",
    "Opsamling: hvad tager du med hjem, og hvad kan vi lære af dig?",
)
PROGRAMME_TIMES: Final = ("8.30–15.30", "9.00–15.00", "9.00–16.00", "8.00–14.30")
PROGRAMME_PLACES: Final = ("Mødelokale 2", "Kantinen", "Rådhuset, 1. sal", "Ude i byen", "")
STREETS: Final = (
    "Rådhuspladsen", "Torvegade", "Stationsvej", "Havnegade", "Slotsgade", "Skolevej",
)  # fmt: skip
MEETING_POINTS: Final = (
    "Receptionen i stueetagen – jeg henter dig.",
    "Hovedindgangen; ring, når du er der.",
    "Kantinen på 1. sal, hvor vi drikker kaffe først.",
)
PHONE_SLIP: Final = "12 34"  # half a number, as typed in a hurry: the modal says so
