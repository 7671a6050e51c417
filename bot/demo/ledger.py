"""What the simulated people did and saw, tallied on their side of Slack.

The report's figures come from here, not from the database; the database is then asked the
same questions, and any difference is a failure in the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PhaseTiming:
    name: str
    seconds: float
    simulated: str  # the simulated dates the phase covers
    requests: int  # signed requests to the app's HTTP endpoint
    slack_calls: int  # Web API calls the app made to the local Slack


@dataclass
class Ledger:
    signed_up: Counter[str] = field(default_factory=Counter)  # host / intern
    signed_up_by_sector: Counter[str] = field(default_factory=Counter)
    searches: int = 0
    requests: int = 0  # *Anmod* pressed
    requests_refused: Counter[str] = field(default_factory=Counter)  # the app's reason → count
    # (kind, answer) → count; kind is "request" or "round 1", "round 2", …
    answers: Counter[tuple[str, str]] = field(default_factory=Counter)
    proposals: Counter[str] = field(default_factory=Counter)  # round → proposals received
    placements: dict[str, str] = field(default_factory=dict)  # intern → host, as confirmed
    placed_via: Counter[str] = field(default_factory=Counter)  # request / round 1 / …
    checkins: list[int] = field(default_factory=list)
    comments: int = 0
    evaluations: list[tuple[str, int]] = field(default_factory=list)  # (benefit, recommend)
    goals_met: list[int] = field(default_factory=list)  # interns' answers against their goals
    practised: Counter[str] = field(default_factory=Counter)  # follow-up: ja / delvist / nej
    dms: Counter[str] = field(default_factory=Counter)  # timeline DMs received, by kind
    workshop: Counter[bool] = field(default_factory=Counter)  # coming? → answers that stuck
    cohosts: dict[str, str] = field(default_factory=dict)  # host → co-host who was told
    # The programme for the days: the placements (proposal ids) it was saved for, and how
    programmes: set[str] = field(default_factory=set)
    programme: Counter[str] = field(default_factory=Counter)  # shared / reminded / cohost / …
    programme_address: dict[str, str] = field(default_factory=dict)  # host → address typed
    told_unplaced: int = 0
    network: set[str] = field(default_factory=set)  # told they are now in the network
    # The network search played: (query, people found, of them shown who had opted in).
    network_search: tuple[str, int, int] | None = None
    failures: list[str] = field(default_factory=list)
    slow: list[tuple[str, float]] = field(default_factory=list)  # (gesture, seconds) past 30 s
    notes: list[str] = field(default_factory=list)
    timings: list[PhaseTiming] = field(default_factory=list)
    gestures: int = 0  # requests sent to the app (commands, submits, button presses)

    def fail(self, what: str) -> None:
        self.failures.append(what)
