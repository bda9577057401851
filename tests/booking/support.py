"""Helpers of the booking tests: slots to pick, mails and calendars to read."""

from __future__ import annotations

import re
from datetime import timedelta

from icalendar import Calendar

from portal.core.time import PARIS, utcnow


def tomorrow() -> str:
    return (utcnow().astimezone(PARIS) + timedelta(days=1)).date().isoformat()


def slot_links(html: str) -> list[str]:
    """The booking links of a slots page, in order (as a browser sees them)."""
    return [link.replace("&amp;", "&")
            for link in re.findall(r'href="(/appointments/with/[^"]+/book\?[^"]+)"', html)]


def calendar_of(message) -> Calendar:
    """The .ics attached to a mail, parsed back with icalendar."""
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one calendar file per mail"
    return Calendar.from_ical(parts[0].get_payload(decode=True))


def event_of(message):
    calendar = calendar_of(message)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def link_in(message, kind: str = "manage") -> str:
    """The signed manage link written in a mail's text."""
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_content()
    match = re.search(r"https?://\S+/appointments/manage/[\w.\-]+", text)
    assert match, text
    return match.group(0)
