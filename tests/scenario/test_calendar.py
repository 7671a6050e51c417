"""A confirmed placement in both sides' calendars (.ics), and its cancellation."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from bot import texts
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from tests.scenario.flows import ALL_DAYS, offer, wish
from tests.talk import shown


def _calendar(person: Person, index: int = -1) -> Calendar:
    files = [f for f in person.files if f.name.endswith(".ics")]
    return Calendar.from_ical(files[index].content)


def _events(cal: Calendar) -> dict[str, tuple[date, int, str]]:
    return {
        str(e["uid"]): (e.decoded("dtstart"), int(e["sequence"]), str(e["status"]))
        for e in cal.walk("VEVENT")
    }


async def test_a_confirmation_puts_the_agreed_days_in_both_calendars_and_a_withdrawal_cancels_them(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, days=list(ALL_DAYS[:3]))
    await wish(anna, days=list(ALL_DAYS[1:3]))
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    assert [f for f in anna.files if f.name.endswith(".ics")] == []  # nothing before a yes
    await bo.press("Acceptér", where="message")

    # The confirmation, then the calendar file that belongs to it.
    for person, said in ((anna, "Din praktik er bekræftet"), (bo, "🎉 Aftalen er bekræftet")):
        order = [("ics" if m.files else shown(m)) for m in person.dms]
        assert order.count("ics") == 1 and said in order[order.index("ics") - 1], order

    for person, summary in (
        (anna, "Praktik hos Ærø Kommune"),
        (bo, "Praktikant i huset: Anna Jensen"),
    ):
        cal = _calendar(person)
        # Added to the person's own calendar, not a meeting invitation to answer.
        assert str(cal["method"]) == "PUBLISH"
        events = list(cal.walk("VEVENT"))
        assert [e.decoded("dtstart") for e in events] == [date(2027, 9, 14), date(2027, 9, 15)]
        assert all(int(e["sequence"]) == 0 for e in events)
        assert all(str(e["status"]) == "CONFIRMED" for e in events)
        assert all(summary in str(e["summary"]) for e in events)
        assert all("Ærø" in str(e["location"]) for e in events)
        assert all("organizer" not in e and "attendee" not in e for e in events)
        assert len({str(e["uid"]) for e in events}) == 2

    first = {p.id: _events(_calendar(p)) for p in (anna, bo)}
    assert set(first["UANNA"]).isdisjoint(first["UBO"])  # each side's events are its own

    await anna.command("/praktik", "afmeld")
    await anna.press("Træk mit praktikønske tilbage")
    for person in (anna, bo):
        cal = _calendar(person)
        assert str(cal["method"]) == "PUBLISH"
        cancelled = _events(cal)
        # The same events, a higher sequence, cancelled.
        assert set(cancelled) == set(first[person.id])
        assert all(seq == 1 and status == "CANCELLED" for _, seq, status in cancelled.values())
    assert texts.counterpart_intern_left("Anna Jensen") in shown(bo.last_dm)
