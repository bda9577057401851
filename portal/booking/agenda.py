"""Professionals' pages: the agenda (day, week), outcomes, the private feed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import wraps

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import professional_required as verified_professional_required
from portal.booking import availability, ics
from portal.booking import operations as ops
from portal.booking.forms import ActionForm
from portal.booking.models import Appointment, Side, Status
from portal.booking.slots import local_instant
from portal.booking.tokens import manage_token
from portal.core.bounds import date_arg
from portal.core.time import PARIS, utcnow
from portal.core.urls import external_url
from portal.extensions import db, limiter


def professional_required(view):
    """A verified professional whose account is linked to a guide entry."""

    @wraps(view)
    @verified_professional_required
    def wrapper(*args, **kwargs):
        person = availability.professional_person(current_user)
        if person is None:
            return render_template("booking/not_linked.html"), 403
        g.booking_person = person
        return view(person, *args, **kwargs)

    return wrapper


def _day() -> date:
    # A week around the bounds is still a date (DATE_MIN and DATE_MAX).
    return date_arg("date", utcnow().astimezone(PARIS).date())


@professional_required
def agenda(person):
    view = "day" if request.args.get("view") == "day" else "week"
    day = _day()
    first = day if view == "day" else day - timedelta(days=day.weekday())
    days = 1 if view == "day" else 7
    start = local_instant(first, datetime.min.time())
    end = local_instant(first + timedelta(days=days), datetime.min.time())
    appointments = ops.appointments_of(person.id, start, end)
    by_day = {first + timedelta(days=i): [] for i in range(days)}
    for appointment in appointments:
        by_day.setdefault(appointment.starts_at.astimezone(PARIS).date(), []).append(appointment)
    step, now = timedelta(days=days), utcnow()
    return render_template(
        "booking/agenda.html", person=person, view=view, day=day, first=first, by_day=by_day,
        previous=first - step, next=first + step, now=now, action=ActionForm(),
        upcoming=ops.upcoming_of(person.id, now),
        Status=Status, manage_link=lambda a: url_for(
            "booking.manage", token=manage_token(a, Side.PROFESSIONAL)))


def _own(person, appointment_id: int) -> Appointment:
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None or appointment.person_id != person.id:
        abort(404)
    return appointment


def _back(appointment: Appointment):
    day = appointment.starts_at.astimezone(PARIS).date()
    view = request.form.get("view") or "week"
    return redirect(url_for("booking.agenda", view=view, date=day.isoformat()))


@professional_required
def outcome(person, appointment_id: int, outcome: str):
    appointment = _own(person, appointment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.mark_outcome(appointment, Status(outcome), now=utcnow())
    except ops.BookingError as exc:
        flash(str(exc), "error")
    return _back(appointment)


@professional_required
def cancel(person, appointment_id: int):
    appointment = _own(person, appointment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.cancel_appointment(appointment, by=Side.PROFESSIONAL, now=utcnow())
    except ops.BookingError as exc:
        flash(str(exc), "error")
    else:
        flash(_("The appointment is cancelled. We let the young person know if they left an e-mail address; otherwise please call them."), "success")
    return _back(appointment)


@limiter.limit("60 per hour")
def feed(token: str):
    """The private subscription feed: the token is the only key."""
    calendar = availability.calendar_for_token(token)
    if calendar is None:
        abort(404)
    person = calendar.person
    since = utcnow() - ics.FEED_PAST
    appointments = db.session.scalars(
        db.select(Appointment).where(Appointment.person_id == person.id,
                                     Appointment.ends_at >= since)
        .order_by(Appointment.starts_at))
    body = ics.feed(appointments, name=person.name, link_for=lambda a: external_url(
        "booking.manage", token=manage_token(a, Side.PROFESSIONAL)))
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, no-store"})
