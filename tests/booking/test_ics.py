"""Calendar files, parsed back with icalendar: the right instants on both
sides of a clock change, one UID for life, SEQUENCE up at each change."""

from __future__ import annotations

from datetime import UTC, datetime, time

from icalendar import Calendar

from portal.booking import ics, schedule
from portal.booking import operations as ops
from portal.booking.models import Side
from portal.booking.slots import local_instant
from portal.core.commit import commit

NOW = datetime(2031, 3, 20, 8, 0, tzinfo=UTC)


def _parse(body: bytes):
    calendar = Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_instants_uid_and_sequence_across_the_spring_change(app, professional):
    person = professional()
    kind = schedule.appointment_type(person.id, None)
    # Saturday 29 March 2031, 09:00 in Paris, is still winter time (UTC+1)…
    before = local_instant(datetime(2031, 3, 29).date(), time(9))
    appointment = ops.book_slot(person, kind, before, name="Léa", email="lea@example.org",
                                now=NOW)
    commit()
    with app.test_request_context():
        calendar, event = _parse(ics.invitation(appointment))
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0"
    assert event.decoded("DTSTART") == datetime(2031, 3, 29, 8, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2031, 3, 29, 8, 30, tzinfo=UTC)
    uid = str(event["UID"])

    # …moved to Monday 31 March, 09:00 in Paris, summer time (UTC+2).
    after = local_instant(datetime(2031, 3, 31).date(), time(9))
    ops.reschedule_appointment(appointment, after, by=Side.PROFESSIONAL, now=NOW)
    commit()
    with app.test_request_context():
        calendar, event = _parse(ics.invitation(appointment))
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == datetime(2031, 3, 31, 7, 0, tzinfo=UTC)

    ops.cancel_appointment(appointment, by=Side.YOUNG, now=NOW)
    commit()
    with app.test_request_context():
        calendar, event = _parse(ics.invitation(appointment))
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 2


def test_the_young_persons_file_names_them_as_attendee_and_hides_nothing_else(app, professional):
    person = professional()
    kind = schedule.appointment_type(person.id, None)
    appointment = ops.book_slot(person, kind, local_instant(datetime(2031, 4, 2).date(), time(10)),
                                name="Léa", email="lea@example.org", phone="0612345678", now=NOW)
    commit()
    with app.test_request_context():
        _, young = _parse(ics.invitation(appointment, link="https://x/manage/t"))
        _, pro = _parse(ics.invitation(appointment, for_professional=True))
    assert str(young["ATTENDEE"]) == "mailto:lea@example.org"
    assert "https://x/manage/t" in str(young["DESCRIPTION"]) and str(young["URL"]) == \
        "https://x/manage/t"
    assert "0612345678" in str(pro["DESCRIPTION"]) and "Léa" in str(pro["SUMMARY"])
    assert "0612345678" not in str(young["DESCRIPTION"])
