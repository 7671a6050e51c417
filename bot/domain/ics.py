"""A placement's days as an iCalendar file (RFC 5545) to import, pure: data in, bytes out.

One all-day event per day, each with a UID that depends only on the proposal, the day and
the recipient's side, so that a later file updates or removes the very events the first one
made: the same UID with a higher SEQUENCE replaces the event (RFC 5545 3.8.7.4), and
STATUS:CANCELLED marks it cancelled.

Why METHOD:PUBLISH, with no ORGANIZER and no ATTENDEE. The file is not a scheduling message
between calendar users: Praktikbot has nobody's e-mail address, and the person imports the
file into their own calendar. RFC 5546 names two methods for that:

- REQUEST is a meeting invitation from an organiser to attendees, who are expected to reply
  (RFC 5546 3.2.2). Outlook turns a VEVENT with ORGANIZER and ATTENDEE into a meeting whose
  owner is the organiser (MS-OXCICAL), offers Accept/Decline and sends the reply to the
  organiser's address – which was `noreply@…invalid`, and the attendee `…@slack.invalid`.
- PUBLISH posts events that "may be added to a calendar" with no reply expected (RFC 5546
  3.2.1). Outlook imports it as an appointment of the person's own, Google Calendar
  (Settings → Import) and Apple Calendar add the events, and none of them replies to anyone.
  RFC 5546's table asks for an ORGANIZER in PUBLISH too; it is left out, as is usual for an
  "add to calendar" file, since any address given would be invalid and brings Outlook's
  meeting handling back.

Changes stay PUBLISH: importing a file whose event has a known UID and a higher SEQUENCE
updates that event (Outlook, Google and Apple all match on UID); a cancelled day is the same
event with STATUS:CANCELLED and a higher SEQUENCE (METHOD:CANCEL is a scheduling message for
attendees of a REQUEST, which these events never were). So one file carries a whole change:
the days kept or added, confirmed, and the days removed, cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from bot.domain.placement import Role

PRODID = "-//Praktikbot//Innovationspraktikken//DA"
METHOD = "PUBLISH"


@dataclass(frozen=True, slots=True)
class Visit:
    """What one side's calendar shows of a placement."""

    proposal_id: int
    side: Role  # host / intern / cohost: each side's events are their own
    days: Sequence[date]
    summary: str
    description: str
    location: str
    # The programme of a day, where the host side wrote one: (what happens, where), added
    # to that day's DESCRIPTION and taking the place of LOCATION when it names a place.
    programme: Mapping[date, tuple[str, str]] = field(default_factory=dict)


def uid(proposal_id: int, side: Role, day: date) -> str:
    return f"praktik-p{proposal_id}-{side}-{day:%Y%m%d}@praktikbot"


def calendar(
    visit: Visit, *, sequence: int, stamp: datetime, cancelled: Sequence[date] = ()
) -> bytes:
    """The visit's days as confirmed events, and the `cancelled` days as the same events
    cancelled, all at `sequence` (a day in both is cancelled)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", METHOD)
    gone = set(cancelled)
    for day in sorted(set(visit.days) | gone):
        event = Event()
        event.add("uid", uid(visit.proposal_id, visit.side, day))
        event.add("sequence", sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", visit.summary)
        plan, place = visit.programme.get(day, ("", ""))
        event.add("description", f"{visit.description}\n\n{plan}" if plan else visit.description)
        if place or visit.location:
            event.add("location", place or visit.location)
        event.add("status", "CANCELLED" if day in gone else "CONFIRMED")
        # A cancelled day no longer blocks the person's time.
        event.add("transp", "TRANSPARENT" if day in gone else "OPAQUE")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
