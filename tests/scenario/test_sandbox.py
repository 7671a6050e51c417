"""`praktik sandbox`: a person at a terminal drives the real app over HTTP, line by line."""

from __future__ import annotations

import importlib.machinery
import io
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from bot import texts
from bot.cli import main
from bot.process.clock import ManualClock
from bot.sandbox.console import Console
from bot.sandbox.console_tools import listed, read_lines, user_id
from bot.sandbox.harness import Harness
from bot.texts import welcome as wtexts
from models.db import Database
from tests.conftest import CPH
from tests.scenario.console_scripts import HOST_INTERN_ACCEPT, said_after

# --- the command line ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def help_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    folder = tmp_path_factory.mktemp("sandbox")
    script = folder / "hjælp.txt"
    script.write_text("/praktik hjælp\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NO_COLOR"))}
    return subprocess.run(  # noqa: S603 - our own entry point, no shell
        [sys.executable, "-m", "bot.cli", "sandbox", "--script", str(script), "--strict"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=folder,
        env=env,
        check=False,
    )


def test_a_scripted_run_of_praktik_hjaelp_prints_every_subcommand(
    help_run: subprocess.CompletedProcess[str],
) -> None:
    assert help_run.returncode == 0, help_run.stderr
    out = help_run.stdout
    assert "anna> /praktik hjælp" in out
    assert texts.HELP_TITLE in out
    for command, what in texts.HELP_LINES:
        assert f"{command}` – {what}" in out  # "<søgeord>" shown as typed, not eaten as a link
    assert "\x1b[" not in out  # not a terminal: no colours
    assert texts.HELP_FOOTER in out


def test_the_help_shows_the_search_placeholder_in_angle_brackets(
    help_run: subprocess.CompletedProcess[str],
) -> None:
    assert "/praktik find <søgeord>" in help_run.stdout


# --- the whole conversation in one script ---------------------------------------------------


def test_host_offers_intern_requests_host_accepts_in_one_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "flow.txt"
    script.write_text(HOST_INTERN_ACCEPT, encoding="utf-8")

    code = main(["sandbox", "--script", str(script), "--strict", "--db", str(tmp_path / "s.db")])
    out = capsys.readouterr().out
    assert code == 0, out

    modal = said_after(out, "bo> /praktik tilbyd")
    assert "══ Din værtsplads ══" in modal and "[3] Kommune" in modal
    assert "✓ [3] Kommune (static_select): Ærø" in out
    saved = said_after(out, "bo> send")
    assert "Din værtsplads er oprettet" in saved and "(Dialogen er lukket.)" in saved

    found = said_after(out, "anna> /praktik find ærø")
    assert "── Kun synlig for dig ──" in found
    assert "Ærø Kommune" in found and "[1] Anmod" in found

    asked = said_after(out, "anna> tryk 1")
    assert "→ til Bo Hansen:" in asked and "[·] Acceptér  [·] Afslå" in asked
    assert "Din anmodning er sendt til værten hos *Ærø Kommune*" in asked

    back = said_after(out, "anna> /som bo", nth=2)
    assert "Du er nu Bo Hansen (Klimakoordinator)." in back
    assert "1 ulæst:" in back and "[1] Acceptér  [2] Afslå" in back

    accepted = said_after(out, "bo> tryk 1")
    # Both get the confirmation first, then the calendar file that belongs to it.
    assert accepted.count("📎 innovationspraktik-2027-kalender.ics") == 2
    confirmed = max(accepted.index("🎉 Aftalen er"), accepted.index("🎉 Din praktik er"))
    assert accepted.index("📎 innovationspraktik-2027-kalender.ics") > confirmed
    to_bo, _, to_anna = accepted.partition("→ til Anna Jensen:")
    assert "Anna Jensen kommer i praktik hos dig – man 13. sep., tir 14. sep." in to_bo
    assert "Kontakt: @anna (Anna Jensen) · Udviklingskonsulent" in to_bo
    assert "Din praktik er bekræftet" in to_anna
    assert "Kontakt: @bo (Bo Hansen) · Klimakoordinator · Ærø Kommune" in to_anna
    assert "Dage: man 13. sep., tir 14. sep." in to_anna
    assert "── Besked fra Praktikbot (opdateret) ──" in to_bo  # the request shows the outcome
    assert "Aftalen er bekræftet." in to_bo


async def test_after_a_decline_the_intern_is_offered_other_slots_not_the_same_one(
    harness: Harness,
) -> None:
    out = io.StringIO()
    lines = [*HOST_INTERN_ACCEPT.splitlines()[:-1], "tryk 2"]  # Bo presses Afslå instead
    code = await Console(harness, out=out, strict=True).run(listed(lines), echo=True, numbered=True)
    assert code == 0, out.getvalue()

    declined = said_after(out.getvalue(), "bo> tryk 2")
    _, _, to_anna = declined.partition("→ til Anna Jensen:")
    assert "kan desværre ikke tage imod dig denne gang" in to_anna  # this part works
    assert "Ærø Kommune" not in to_anna.partition("Her er andre")[2]


# --- mistakes are explained in Danish ---------------------------------------------------


async def test_a_bad_line_is_explained_and_the_script_goes_on(harness: Harness) -> None:
    out = io.StringIO()
    lines = [
        "hop",
        "tryk 7",
        "udfyld 1 Ærø Kommune",
        "/praktik tilbyd",
        "udfyld 3 Atlantis",
        "udfyld 4 11",
        "send",
        "/praktik status",
        "luk",
        "/praktik hjælp",
    ]
    code = await Console(harness, out=out).run(listed(lines), echo=True, numbered=True)
    said = out.getvalue()

    assert code == 1  # every line was tried; that some failed shows in the exit code
    assert "5 linjer fejlede." in said
    assert "! Linje 1: Det forstår jeg ikke: »hop«." in said
    assert "! Linje 2: Der er intet nummer 7 på skærmen." in said
    assert "! Linje 3: Der er ingen åben dialog." in said
    assert "! Linje 5: »Atlantis« er ikke et valg i »Kommune«. Skriv `valg 3`" in said
    sent = said_after(said, "anna> send")
    assert "Dialogen blev ikke sendt – ret dette og send igen:" in sent
    assert "[1] Arbejdsplads: Feltet skal udfyldes." in sent
    assert "! Linje 8: Du har en åben dialog" in said
    assert "(Dialogen er lukket.)" in said_after(said, "anna> luk")
    assert texts.HELP_TITLE in said_after(said, "anna> /praktik hjælp")  # it went on


async def test_strict_stops_at_the_first_failed_line(harness: Harness) -> None:
    out = io.StringIO()
    console = Console(harness, out=out, strict=True)
    code = await console.run(listed(["hop", "/praktik hjælp"]), echo=True, numbered=True)
    assert code == 1
    assert "Stoppet (--strict)" in out.getvalue() and texts.HELP_TITLE not in out.getvalue()


# --- the clock, and the dispatcher when there is one -----------------------------------


@pytest.fixture
def dispatcher_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """A stand-in `bot.outbox.dispatcher` that records the moments it was run at."""
    calls: list[datetime] = []

    class Dispatcher:
        def __init__(self, *, db: object, clock: object) -> None:
            self.db, self.clock = db, clock

        async def run_once(self, now: datetime) -> None:
            calls.append(now)

    module = types.ModuleType("bot.outbox.dispatcher")
    module.__spec__ = importlib.machinery.ModuleSpec("bot.outbox.dispatcher", None)
    module.Dispatcher = Dispatcher  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.outbox.dispatcher", module)
    yield calls


async def test_time_runs_the_dispatcher_at_each_planned_moment(
    harness: Harness, dispatcher_module: list[datetime]
) -> None:
    out = io.StringIO()
    lines = [*HOST_INTERN_ACCEPT.splitlines(), "tid 2027-08-31 12:00"]
    code = await Console(harness, out=out, strict=True).run(listed(lines), echo=True, numbered=True)
    assert code == 0, out.getvalue()

    intro = datetime(2027, 8, 30, 9, 0, tzinfo=CPH)  # T−14 for Monday 13 September
    target = datetime(2027, 8, 31, 12, 0, tzinfo=CPH)
    assert dispatcher_module == [intro, target]
    assert harness.clock.now() == target
    moved = said_after(out.getvalue(), "bo> tid 2027-08-31 12:00")
    assert "⏰ man 30. aug. 2027 kl. 09.00" in moved
    assert "Tiden er nu tir 31. aug. 2027 kl. 12.00." in moved


async def test_time_delivers_the_planned_dms_through_the_real_dispatcher(harness: Harness) -> None:
    pytest.importorskip("bot.outbox.dispatcher", reason="the dispatcher is not built yet")
    out = io.StringIO()
    lines = [*HOST_INTERN_ACCEPT.splitlines(), "/som anna", "tid 2027-08-31 12:00"]
    code = await Console(harness, out=out, strict=True).run(listed(lines), echo=True, numbered=True)
    assert code == 0, out.getvalue()

    moved = said_after(out.getvalue(), "anna> tid 2027-08-31 12:00")
    intro, _, rest = moved.partition("⏰ man 30. aug. 2027 kl. 09.00\n")
    assert not intro  # nothing before the first planned moment
    assert "→ til Bo Hansen:" in rest and "@anna (Anna Jensen)" in rest  # the host's intro
    assert "── Besked fra Praktikbot ──" in rest and "@bo (Bo Hansen)" in rest  # Anna's own
    assert "Tiden er nu tir 31. aug. 2027 kl. 12.00." in rest


async def test_time_only_moves_the_clock_when_the_dispatcher_cannot_start(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Dispatcher:
        def __init__(self, *, something_we_lack: object) -> None: ...

    module = types.ModuleType("bot.outbox.dispatcher")
    module.__spec__ = importlib.machinery.ModuleSpec("bot.outbox.dispatcher", None)
    module.Dispatcher = Dispatcher  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.outbox.dispatcher", module)
    out = io.StringIO()

    code = await Console(harness, out=out).run(listed(["tid +3d"]), echo=True, numbered=True)

    assert code == 0
    assert harness.clock.now() == datetime(2027, 5, 6, 10, 0, tzinfo=CPH)
    assert "Tiden er nu tor 6. maj 2027 kl. 10.00." in out.getvalue()
    assert "kunne ikke startes" in out.getvalue()


async def test_piped_lines_are_read_one_by_one() -> None:
    lines = [line async for line in read_lines(io.StringIO("/som bo\nhjem\n"), None)]
    assert lines == ["/som bo", "hjem"]


async def test_time_expires_an_unanswered_proposal_at_its_deadline(
    db: Database, clock: ManualClock
) -> None:
    """The sandbox's clock runs what the scheduler runs: expiry as well as the dispatcher."""
    kim = frozenset({user_id("kim")})  # the console's coordinator
    harness = await Harness.start(db=db, clock=clock, admins=kim, trigger_ttl=None)
    out = io.StringIO()
    lines = [
        "/som bo",
        "/praktik tilbyd",
        "udfyld 1 Ærø Kommune",
        "udfyld 2 Kommune",
        "udfyld 3 Ærø",
        "udfyld 7 Du følger vores klimateam.",
        "send",
        "/som dorte",
        "/praktik find",
        "udfyld 1 Styrelsen for Dataforsyning",
        "udfyld 2 Stat",
        "send",
        "/som kim",
        "tid 2027-06-14 10:00",
        "/praktik admin match",
        "tryk 1",
        "ja",
        "tid +8d",
    ]
    try:
        console = Console(harness, out=out, strict=True)
        code = await console.run(listed(lines), echo=True, numbered=True)
    finally:
        await harness.stop()
    assert code == 0, out.getvalue()
    moved = said_after(out.getvalue(), "kim> tid +8d")
    # It stops at the deadline (a week after the round was sent), where both sides hear of it.
    deadline, _, rest = moved.partition("⏰ man 21. jun. 2027 kl. 10.00\n")
    assert texts.OUTCOME_EXPIRED not in deadline
    assert rest.count(texts.OUTCOME_EXPIRED) == 2  # the host's and the intern's buttons
    assert rest.count("er udløbet, så den er lukket") == 2  # one DM to each side


async def test_someone_new_joins_the_workspace_and_is_welcomed(harness: Harness) -> None:
    """`/som` with a new name is someone joining: Slack's team_join reaches the app, whose
    welcome goes out with the next dispatch; someone already there gets none."""
    out = io.StringIO()
    lines = ["/som zara", "/som bo", "tid 2027-05-03 10:10", "/som zara"]
    code = await Console(harness, out=out, strict=True).run(listed(lines), echo=True, numbered=True)
    assert code == 0, out.getvalue()
    welcome = wtexts.welcome(date(2027, 9, 13), date(2027, 9, 17), date(2027, 6, 11))
    assert out.getvalue().count(welcome) == 1
    moved = said_after(out.getvalue(), "bo> tid 2027-05-03 10:10")
    assert f"→ til Zara:\n   │ {welcome.splitlines()[0]}" in moved  # Bo sees it go to Zara
    assert harness.workspace.people[user_id("bo")].dms == []


async def test_the_clients_own_field_checks_speak_danish(harness: Harness) -> None:
    """What the Slack client refuses before sending (a text over its length) is said in
    Danish, as a Danish workspace's client says it."""
    out = io.StringIO()
    lines = ["/praktik tilbyd", "udfyld 1 " + "x" * 151, "udfyld 4 1", "send", "luk"]
    await Console(harness, out=out).run(listed(lines), echo=True, numbered=True)
    sent = said_after(out.getvalue(), "anna> send")
    assert "[1] Arbejdsplads: Må højst være 150 tegn." in sent
    assert "Must be" not in out.getvalue()


async def test_vis_shows_older_messages_whose_buttons_can_then_be_pressed(
    harness: Harness,
) -> None:
    """`vis` alone shows the newest three messages; `vis alle` shows every one, numbered,
    so an older message's button is within reach."""
    out = io.StringIO()
    lines = [
        *HOST_INTERN_ACCEPT.splitlines(),
        "/som anna",
        "/praktik status",
        "/praktik hjælp",
        "/praktik find ærø",
        "vis",
        "vis alle",
        "vis 0",
    ]
    await Console(harness, out=out).run(listed(lines), echo=True, numbered=True)
    said = out.getvalue()
    three = said_after(said, "anna> vis")
    everything = said_after(said, "anna> vis alle")
    assert "Din anmodning er sendt" not in three  # an older message
    assert "Din anmodning er sendt" in everything
    assert everything.count("──") > three.count("──")
    assert "»0« forstår jeg ikke" in said_after(said, "anna> vis 0")
