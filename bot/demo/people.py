"""The demo's simulated participants: who they are, what they type, how they behave. Pure.

Everything comes from one seeded `random.Random`, so `--seed` gives the same people, the
same wishes and the same answers every time.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.demo import corpus
from bot.demo.corpus import CENTRAL, Kind
from bot.domain.geo import REGIONS, Municipality, municipalities, municipality
from bot.domain.placement import Role
from bot.texts import DEFAULT_TOPICS

Answer = Literal["accept", "decline", "ignore"]
HOST_SHARE = 0.45  # 2017: 51 hosts, 80 interns; the brief asks for about half
DIRECT_SHARE = 0.35  # interns who search and request a slot themselves


@dataclass(frozen=True, slots=True)
class Workplace:
    name: str
    sector: str  # stat / region / kommune
    municipality: str  # kommunekode, or CENTRAL
    region: str | None
    kind: Kind


@dataclass(frozen=True, slots=True)
class ProgrammePlan:
    """How a host side writes the programme for the days: when it is asked for in the intro
    (T−14) or only at the reminder (T−7); by the co-host if there is one; the same for the
    host's other interns; with a phone number typed wrong first."""

    when: Literal["intro", "reminder"]
    by_cohost: bool
    share: bool
    phone_slip: bool
    days: tuple[str, ...]  # a text per weekday 1..5, as the host types it
    time: str
    place: str
    address: str
    meeting_point: str
    phone: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """How a participant answers the check-in and the evaluation (None: never answers)."""

    rating: int | None
    comment: str
    benefit: str | None  # ja / delvist / nej
    recommend: int
    text: str
    goals_met: int = 3  # 1–5, asked of an intern who wrote goals
    take_home: str = ""  # the intern's take-home, or the host side's inspiration
    quote_ok: bool = False
    practised: str | None = None  # the 90-day follow-up: ja / delvist / nej (None: no answer)
    practised_what: str = ""


@dataclass(frozen=True, slots=True)
class Persona:
    user_id: str
    handle: str
    real_name: str
    title: str
    role: Role
    workplace: Workplace
    topics: tuple[str, ...]
    days: tuple[int, ...]  # ISO weekdays 1..5 of week 37
    # Host: the slot.
    capacity: int = 0
    description: str = ""
    # Intern: the wish and how they look for a placement.
    wanted_sectors: tuple[str, ...] = ()
    wanted_regions: tuple[str, ...] = ()
    wish_text: str = ""
    goals: str = ""  # the learning goals, when the intern writes any
    direct: bool = False  # searches and requests before the matching
    query: str = ""
    pick: int = 0  # which search result (0 = first) they request

    @property
    def is_host(self) -> bool:
        return self.role is Role.HOST


def people(count: int, seed: int) -> list[Persona]:
    """`count` participants, about HOST_SHARE of them hosts, in a seeded order."""
    rng = random.Random(seed)
    hosts = max(1, round(count * HOST_SHARE)) if count > 1 else 0
    roles = [Role.HOST] * hosts + [Role.INTERN] * (count - hosts)
    rng.shuffle(roles)
    names = _Names(rng)
    return [_persona(rng, n, role, names) for n, role in enumerate(roles, start=1)]


def user_id(number: int) -> str:
    return f"UDEMO{number:06d}"


class _Names:
    """Danish-looking names, each real name once (a suffix letter when the pairs run out)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> tuple[str, str]:
        for attempt in range(50):
            first = self.rng.choice(corpus.FIRST_NAMES)
            last = self.rng.choice(corpus.LAST_NAMES)
            middle = f" {chr(65 + attempt % 26)}." if attempt >= 10 else ""
            real = f"{first}{middle} {last}"
            if real not in self.used:
                self.used.add(real)
                return real, _handle(real)
        real = f"{first} {last} {len(self.used)}"
        self.used.add(real)
        return real, _handle(real)


def _handle(real_name: str) -> str:
    plain = unicodedata.normalize("NFKD", real_name.replace("ø", "oe").replace("æ", "ae"))
    ascii_only = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == " "))
    return ".".join(ascii_only.lower().split())


def _weighted(rng: random.Random, kinds: Sequence[Kind]) -> Kind:
    return rng.choices(list(kinds), weights=[k.weight for k in kinds])[0]


def _workplace(rng: random.Random) -> Workplace:
    sector = rng.choices(list(corpus.SECTOR_SHARE), weights=list(corpus.SECTOR_SHARE.values()))[0]
    kinds = {"stat": corpus.STATE, "region": corpus.REGION, "kommune": corpus.MUNICIPAL}[sector]
    kind = _weighted(rng, kinds)
    template, code = rng.choice(kind.names)
    if not code:
        place: Municipality = rng.choice(municipalities())
        name = template.format(kommune=place.name, officielt=place.official_name)
        return Workplace(name, sector, place.code, place.region, kind)
    found = municipality(code) if code != CENTRAL else None
    return Workplace(template, sector, code, found.region if found else None, kind)


def _days(rng: random.Random) -> tuple[int, ...]:
    """Most can come all week; others a run of 1–4 days (the programme allows 1–5)."""
    if rng.random() < 0.5:
        return (1, 2, 3, 4, 5)
    length = rng.randint(1, 4)
    start = rng.randint(1, 6 - length)
    return tuple(range(start, start + length))


def _topics(rng: random.Random, kind: Kind) -> tuple[str, ...]:
    own = rng.sample(kind.topics, k=min(len(kind.topics), rng.randint(1, 2)))
    if rng.random() < 0.4:
        own.append(rng.choice(DEFAULT_TOPICS))
    return tuple(sorted(set(own)))


def _persona(rng: random.Random, number: int, role: Role, names: _Names) -> Persona:
    real_name, handle = names.next()
    place = _workplace(rng)
    common = Persona(
        user_id=user_id(number),
        handle=handle,
        real_name=real_name,
        title=rng.choice(place.kind.titles),
        role=role,
        workplace=place,
        topics=_topics(rng, place.kind),
        days=_days(rng),
    )
    if role is Role.HOST:
        return replace(
            common,
            capacity=rng.choices([1, 2, 3], [60, 30, 10])[0],
            description=rng.choice(place.kind.offers),
        )
    open_minded = rng.random() < 0.12
    others = [s for s in ("stat", "region", "kommune") if s != place.sector]
    wanted_sectors: tuple[str, ...] = ()
    if not open_minded and rng.random() < 0.7:
        wanted_sectors = tuple(sorted(rng.sample(others, k=rng.randint(1, 2))))
    wanted_regions: tuple[str, ...] = ()
    if not open_minded and rng.random() < 0.6:
        home = place.region or "Region Hovedstaden"
        extra = [r for r in REGIONS if r != home]
        chosen = {home, *rng.sample(extra, k=1)}
        wanted_regions = tuple(r for r in REGIONS if r in chosen)
    topic = rng.choice(common.topics)
    text = corpus.WISH_OPEN if open_minded else rng.choice(corpus.WISH_OPENINGS).format(topic=topic)
    return replace(
        common,
        topics=() if open_minded else common.topics,
        wanted_sectors=wanted_sectors,
        wanted_regions=wanted_regions,
        wish_text=text,
        goals=rng.choice(corpus.GOALS).format(topic=topic) if rng.random() < 0.7 else "",
        direct=rng.random() < DIRECT_SHARE,
        query=rng.choice([topic, topic, *corpus.SEARCH_EXTRA]),
        pick=rng.choices([0, 1, 2], [60, 25, 15])[0],
    )


class Behaviour:
    """Each simulated decision, drawn from the seed and what it is about (not from the order
    things happen in), so one decision never shifts another."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def _rng(self, *about: object) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *about))))

    def request_answer(self, host: str, ask: str) -> Answer:
        """A host's answer to an intern's *Anmod*: most say yes, some no, a few never answer."""
        return _answer(self._rng("request", host, ask), accept=0.8, decline=0.12)

    def proposal_answer(self, user: str, ask: str) -> Answer:
        """One side's answer to a coordinator's proposal."""
        return _answer(self._rng("proposal", user, ask), accept=0.84, decline=0.08)

    def joins_network(self, user: str) -> bool:
        """Whether a participant, once the week is over, chooses to be findable as a
        sparring partner (from the evaluation DM's button)."""
        return self._rng("network", user).random() < 0.4

    def shares_hosting(self, host: str) -> bool:
        """Whether a host shares the hosting with a colleague (two colleagues may share one)."""
        return self._rng("cohost", host).random() < 0.2

    def programme(self, host: str) -> ProgrammePlan | None:
        """Half write the programme when the intro asks, a quarter after the reminder, and
        a quarter never do (None)."""
        rng = self._rng("programme", host)
        roll = rng.random()
        if roll >= 0.75:
            return None
        digits = f"{rng.randint(2, 9)}{rng.randrange(10**7):07d}"
        return ProgrammePlan(
            when="intro" if roll < 0.5 else "reminder",
            by_cohost=rng.random() < 0.5,
            share=rng.random() < 0.8,
            phone_slip=rng.random() < 0.2,
            days=tuple(rng.choice(corpus.PROGRAMME_DAYS) for _ in range(5)),
            time=rng.choice(corpus.PROGRAMME_TIMES),
            place=rng.choice(corpus.PROGRAMME_PLACES),
            address=f"{rng.choice(corpus.STREETS)} {rng.randint(1, 60)}",
            meeting_point=rng.choice(corpus.MEETING_POINTS),
            phone="+45 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2)),
        )

    def workshop_answer(self, user: str) -> bool | None:
        """*Jeg kommer* (True), *Jeg kommer ikke* (False), or no answer (None)."""
        draw = self._rng("workshop", user).random()
        return True if draw < 0.55 else False if draw < 0.8 else None

    def feedback(self, user: str, placement: str) -> Feedback:
        """Varied, but like the programme's history: 3 in 4 concrete benefit, 9 in 10 would
        recommend; some never answer."""
        rng = self._rng("feedback", user, placement)
        rating = None
        if rng.random() >= 0.12:
            rating = rng.choices([5, 4, 3, 2, 1], [45, 35, 13, 5, 2])[0]
        comment = rng.choice(corpus.CHECKIN_COMMENTS) if rng.random() < 0.3 else ""
        benefit = None
        if rng.random() >= 0.15:
            benefit = rng.choices(["ja", "delvist", "nej"], [75, 19, 6])[0]
        recommend = rng.choices([10, 9, 8, 7, 5], [62, 30, 5, 2, 1])[0]
        text = rng.choice(corpus.EVALUATION_TEXTS) if rng.random() < 0.4 else ""
        goals_met = rng.choices([5, 4, 3, 2, 1], [30, 40, 20, 7, 3])[0]
        said = rng.choice((*corpus.TAKE_HOME, *corpus.INSPIRATION)) if rng.random() < 0.6 else ""
        practised = None
        if rng.random() >= 0.35:
            practised = rng.choices(["ja", "delvist", "nej"], [40, 40, 20])[0]
        what = rng.choice(corpus.PRACTISED) if practised in ("ja", "delvist") else ""
        return Feedback(
            rating,
            comment,
            benefit,
            recommend,
            text,
            goals_met=goals_met,
            take_home=said,
            quote_ok=rng.random() < 0.5,
            practised=practised,
            practised_what=what,
        )


def _answer(rng: random.Random, *, accept: float, decline: float) -> Answer:
    roll = rng.random()
    return "accept" if roll < accept else "decline" if roll < accept + decline else "ignore"
