"""A placement's days as an iCalendar file (RFC 5545/5546), pure: data in, bytes out.

One all-day event per agreed day, each with a UID that depends only on the proposal, the
day and the recipient's side, so that a later file (new days: METHOD:REQUEST with a higher
SEQUENCE; withdrawn: METHOD:CANCEL) updates or removes the very events the first one made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Praktikbot//Innovationspraktikken//DA"
ORGANIZER = "mailto:noreply@praktikbot.invalid"  # Slack gives no address; RFC 5546 wants one


@dataclass(frozen=True, slots=True)
class Visit:
    """What one side's calendar shows of a placement."""

    proposal_id: int
    side: str  # "host" / "intern": each side's events are their own
    days: Sequence[date]
    summary: str
    description: str
    location: str
    other: str  # the other person's name, as an attendee
    other_id: str  # their Slack user ID (Slack gives the app no e-mail address)


def uid(proposal_id: int, side: str, day: date) -> str:
    return f"praktik-p{proposal_id}-{side}-{day:%Y%m%d}@praktikbot"


def calendar(
    visit: Visit, *, method: str, sequence: int, stamp: datetime, organizer_name: str
) -> bytes:
    """METHOD:REQUEST (new or changed days) or METHOD:CANCEL (the same events, cancelled)."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method must be REQUEST or CANCEL, got {method}")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    for day in sorted(visit.days):
        event = Event()
        event.add("uid", uid(visit.proposal_id, visit.side, day))
        event.add("sequence", sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", visit.summary)
        event.add("description", visit.description)
        if visit.location:
            event.add("location", visit.location)
        organizer = vCalAddress(ORGANIZER)
        organizer.params["cn"] = organizer_name
        event.add("organizer", organizer)
        attendee = vCalAddress(f"mailto:{visit.other_id}@slack.invalid")
        attendee.params["cn"] = visit.other
        attendee.params["role"] = "REQ-PARTICIPANT"
        event.add("attendee", attendee)
        event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
