"""Messages about appointments, through the notification pipeline.

Each e-mail is built here (rendered now, in the recipient's language, by
``render_mail``) with its calendar file attached, and handed to the
pipeline, which adds the one-click unsubscribe headers, records the
delivery under a key of the event, and sends it after commit. Confirmations
and changes are transactional (they go at any hour); reminders wait for the
day's window and go by SMS too to a number its owner confirmed.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from flask import current_app
from flask_mailman import EmailMessage
from flask_mailman.message import SafeMIMEText

from portal.accounts import User
from portal.booking import ics
from portal.booking.models import Appointment, Side
from portal.booking.tokens import manage_token
from portal.core.mail import render_mail
from portal.core.time import PARIS
from portal.core.urls import external_url
from portal.extensions import db
from portal.notifications import kinds, pipeline

log = logging.getLogger(__name__)


def manage_url(appointment: Appointment, side: Side = Side.YOUNG) -> str:
    return external_url("booking.manage", token=manage_token(appointment, side))


def ics_url(appointment: Appointment, side: Side = Side.YOUNG) -> str:
    return external_url("booking.calendar_file", token=manage_token(appointment, side))


def professional_address(appointment: Appointment) -> tuple[str | None, str]:
    """Where the professional's copies go, and in which language."""
    person = appointment.person
    user = db.session.get(User, person.user_id) if person.user_id else None
    email = (user.email if user and user.email else None) or person.email
    return email, (user.locale if user and user.locale else "fr")


def build_message(to: str, template: str, locale: str, appointment: Appointment, *,
                  for_professional: bool, link: str, message_id: str | None = None,
                  **context) -> EmailMessage:
    subject, body = render_mail(template, locale=locale, appointment=appointment, link=link,
                                **context)
    message = EmailMessage(subject=subject, body=body, to=[to],
                           from_email=current_app.config["MAIL_DEFAULT_SENDER"])
    calendar = ics.invitation(appointment, for_professional=for_professional, link=link,
                              locale=locale)
    message.attach(calendar_part(calendar, "CANCEL" if b"METHOD:CANCEL" in calendar else "REQUEST"))
    if message_id:
        # A stable id: should a reminder ever go out twice, mail programs
        # that see both show it once.
        message.extra_headers["Message-ID"] = message_id
    return message


def calendar_part(calendar: bytes, method: str) -> SafeMIMEText:
    """``text/calendar; method=…`` as mail programs expect to offer "add to calendar"."""
    part = SafeMIMEText(calendar.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="rendez-vous.ics")
    return part


def queue(message: EmailMessage, locale: str, event: str) -> None:
    """Hand a built message to the pipeline: sent once per event and address."""
    recipients = [pipeline.email_recipient(address, locale) for address in message.to]
    pipeline.notify(kinds.BOOKING, recipients, event=event, email=message)


def _event(appointment: Appointment, template: str, **context) -> str:
    # The same change told twice (a retry) is one message; each new change
    # (another start, another status) is another.
    moment = context.get("previous_start") or appointment.starts_at
    return f"booking:{appointment.uid}:{template}:{appointment.starts_at.isoformat()}:" \
           f"{appointment.status}:{moment.isoformat()}"


def _young(appointment: Appointment, template: str, **context) -> None:
    if not appointment.email:
        return  # under 15 or phone only: the page said it all
    queue(build_message(appointment.email, template, appointment.locale, appointment,
                        for_professional=False, link=manage_url(appointment, Side.YOUNG),
                        **context), appointment.locale, _event(appointment, template, **context))


def _professional(appointment: Appointment, template: str, **context) -> None:
    email, locale = professional_address(appointment)
    if not email:
        return
    queue(build_message(email, template, locale, appointment, for_professional=True,
                        link=manage_url(appointment, Side.PROFESSIONAL), **context),
          locale, _event(appointment, template, **context))


def booked(appointment: Appointment) -> None:
    _young(appointment, "booking/confirmation")
    _professional(appointment, "booking/new_for_professional")


def cancelled(appointment: Appointment, by: Side) -> None:
    _young(appointment, "booking/cancelled", by=by.value)
    _professional(appointment, "booking/cancelled_for_professional", by=by.value)


def rescheduled(appointment: Appointment, by: Side, previous_start) -> None:
    _young(appointment, "booking/rescheduled", by=by.value, previous_start=previous_start)
    _professional(appointment, "booking/rescheduled_for_professional", by=by.value,
                  previous_start=previous_start)


def reminder_message(appointment: Appointment) -> EmailMessage:
    domain = ics.UID_DOMAIN
    return build_message(appointment.email, "booking/reminder", appointment.locale, appointment,
                         for_professional=False, link=manage_url(appointment, Side.YOUNG),
                         message_id=f"<reminder-{appointment.uid}@{domain}>")


def remind(appointment: Appointment) -> None:
    """The reminder by e-mail and, to a number its owner confirmed, by SMS."""
    event = f"appointment:{appointment.uid}:reminder:{appointment.starts_at.isoformat()}"
    pipeline.notify(kinds.BOOKING_REMINDER,
                    [pipeline.email_recipient(appointment.email, appointment.locale)],
                    event=event, email=reminder_message(appointment))
    number = pipeline.confirmed_number(appointment.phone)
    if number is not None:
        # By SMS the day before at 18:00 (Paris), when people plan their next day.
        pipeline.notify(kinds.BOOKING_REMINDER, [pipeline.contact_recipient(number)],
                        event=event, not_before=evening_before(appointment.starts_at))


def evening_before(start):
    local = start.astimezone(PARIS)
    return datetime.combine(local.date() - timedelta(days=1), time(18, 0), PARIS)
