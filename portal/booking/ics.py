"""iCalendar files (RFC 5545 / iTIP) built with the ``icalendar`` package.

- One event per appointment, whose UID never changes: a calendar application
  updates or removes the event it already has.
- SEQUENCE is the appointment's ``sequence``: each rescheduling or
  cancellation sent out increments it, so the newer file wins.
- Times are in UTC (``...Z``): unambiguous across daylight-saving changes;
  calendar applications show them in their own time zone.
- Invitations carry ``METHOD:REQUEST`` (booked, moved) or ``METHOD:CANCEL``;
  the professional's subscription feed carries no METHOD (RFC 5545 §3.7.2).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from portal.booking.models import Appointment, Mode, Status
from portal.core.time import utcnow

PRODID = "-//Passerelle//Booking//FR"
UID_DOMAIN = "passerelle"


def event_uid(appointment: Appointment) -> str:
    return f"{appointment.uid}@{UID_DOMAIN}"


def _sender_address() -> str:
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    return sender.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in sender else sender


def _location(appointment: Appointment) -> str:
    structure = appointment.person.structure
    if appointment.mode == Mode.STRUCTURE:
        return appointment.place or (
            f"{structure.name}, {structure.address}, {structure.postal_code} {structure.commune_name}")
    if appointment.mode == Mode.PHONE:
        return _("By phone")
    return appointment.place or _("By video call")


def _event(appointment: Appointment, *, for_professional: bool, link: str | None,
           stamp: datetime) -> Event:
    person = appointment.person
    event = Event()
    event.add("uid", event_uid(appointment))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("sequence", appointment.sequence)
    event.add("dtstart", appointment.starts_at.astimezone(UTC))
    event.add("dtend", appointment.ends_at.astimezone(UTC))
    if for_professional:
        summary = _("Appointment with %(name)s", name=appointment.name)
        lines = [appointment.title]
        if appointment.phone:
            lines.append(_("Phone: %(phone)s", phone=appointment.phone))
        if appointment.email:
            lines.append(_("E-mail: %(email)s", email=appointment.email))
        if appointment.under_15:
            lines.append(_("Under 15: no e-mail address was asked for."))
    else:
        summary = _("Appointment with %(name)s (%(structure)s)", name=person.name,
                    structure=person.structure.name)
        lines = [appointment.title, f"{appointment.mode.label}"]
    if link:
        lines.append(_("To cancel or move this appointment: %(link)s", link=link))
        event.add("url", link)
    event.add("summary", summary)
    event.add("description", "\n".join(str(line) for line in lines))
    event.add("location", vText(_location(appointment)))
    event.add("status", "CANCELLED" if appointment.status == Status.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = vCalAddress(f"mailto:{_sender_address()}")
    organizer.params["cn"] = vText(person.name)
    event.add("organizer", organizer)
    if appointment.email and not for_professional:
        attendee = vCalAddress(f"mailto:{appointment.email}")
        attendee.params["cn"] = vText(appointment.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    return event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def invitation(appointment: Appointment, *, for_professional: bool = False,
               link: str | None = None, locale: str | None = None) -> bytes:
    """The .ics for an e-mail or a download: REQUEST while the appointment
    stands, CANCEL once it is cancelled."""
    method = "CANCEL" if appointment.status == Status.CANCELLED else "REQUEST"
    with force_locale(locale or appointment.locale):
        calendar = _calendar(method)
        calendar.add_component(_event(appointment, for_professional=for_professional,
                                      link=link, stamp=utcnow()))
    return calendar.to_ical()


#: How far back the feed goes: recent appointments stay in the calendar.
FEED_PAST = timedelta(days=30)


def feed(appointments, *, name: str, locale: str = "fr", link_for=None) -> bytes:
    """The professional's subscription feed (no METHOD: it is published, not sent)."""
    stamp = utcnow()
    with force_locale(locale):
        calendar = _calendar(None)
        calendar.add("x-wr-calname", _("Passerelle appointments: %(name)s", name=name))
        calendar.add("refresh-interval", timedelta(minutes=15), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT15M")
        for appointment in appointments:
            calendar.add_component(_event(
                appointment, for_professional=True, stamp=stamp,
                link=link_for(appointment) if link_for else None))
    return calendar.to_ical()
