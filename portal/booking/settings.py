"""Professionals' settings: appointment types, weekly ranges, exceptions, feed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.booking import availability as av
from portal.booking.agenda import professional_required
from portal.booking.forms import WEEKDAYS, ActionForm, ExceptionForm, TypeForm, WeeklyRangeForm
from portal.booking.models import (
    AppointmentType,
    AvailabilityException,
    Calendar,
    ExceptionKind,
    Mode,
    WeeklyRange,
)
from portal.booking.operations import BookingError
from portal.core.refusal import show_on_form
from portal.core.time import PARIS, utcnow
from portal.core.urls import external_url
from portal.directory import Channel
from portal.extensions import db


def _page(person, range_form=None, exception_form=None, status=200):
    calendar = db.session.get(Calendar, person.id)
    today = utcnow().astimezone(PARIS).date()
    return render_template(
        "booking/settings.html", person=person,
        types=db.session.scalars(db.select(AppointmentType).where(
            AppointmentType.person_id == person.id).order_by(AppointmentType.id)).all(),
        ranges=db.session.scalars(db.select(WeeklyRange).where(
            WeeklyRange.person_id == person.id).order_by(
            WeeklyRange.weekday, WeeklyRange.start_time)).all(),
        exceptions=db.session.scalars(db.select(AvailabilityException).where(
            AvailabilityException.person_id == person.id,
            AvailabilityException.ends_on >= today).order_by(
            AvailabilityException.starts_on)).all(),
        range_form=range_form or WeeklyRangeForm(), exception_form=exception_form or ExceptionForm(),
        action=ActionForm(), weekdays=dict(WEEKDAYS),
        takes_bookings=Channel.BOOKING.value in (person.channels or []),
        feed_url=external_url("booking.feed", token=calendar.feed_token)
        if calendar and calendar.feed_token else None), status


def _done(message: str):
    flash(message, "success")
    return redirect(url_for("booking.settings"))


@professional_required
def settings(person):
    return _page(person)


def _type(person, type_id: int) -> AppointmentType:
    kind = db.session.get(AppointmentType, type_id)
    if kind is None or kind.person_id != person.id:
        abort(404)
    return kind


@professional_required
def edit_type(person, type_id: int | None = None):
    kind = _type(person, type_id) if type_id else None
    form = TypeForm(obj=kind)
    if kind is not None and not form.is_submitted():
        form.mode.data = kind.mode.value
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in av.TYPE_FIELDS}
        fields["mode"] = Mode(fields["mode"])
        av.save_type(person, kind, **fields)
        return _done(_("The appointment type is saved."))
    return render_template("booking/type_form.html", form=form, kind=kind), (
        422 if form.errors else 200)


@professional_required
def deactivate_type(person, type_id: int):
    kind = _type(person, type_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    av.deactivate_type(kind)
    return _done(_("Young people can no longer book this type. Appointments already booked stand."))


@professional_required
def add_range(person):
    form = WeeklyRangeForm()
    if form.validate_on_submit():
        try:
            av.add_weekly_range(person, form.weekday.data, form.start_time.data, form.end_time.data)
        except BookingError as exc:
            show_on_form(form, exc)
        else:
            return _done(_("The opening hours are added."))
    return _page(person, range_form=form, status=422)


@professional_required
def add_exception(person):
    form = ExceptionForm()
    if form.validate_on_submit():
        try:
            av.add_exception(person, ExceptionKind(form.kind.data), form.starts_on.data,
                             form.ends_on.data, form.start_time.data, form.end_time.data,
                             form.note.data)
        except BookingError as exc:
            show_on_form(form, exc)
        else:
            return _done(_("The exception is added."))
    return _page(person, exception_form=form, status=422)


@professional_required
def delete_rule(person, kind: str, rule_id: int):
    model = WeeklyRange if kind == "range" else AvailabilityException
    row = db.session.get(model, rule_id)
    if row is None or row.person_id != person.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    av.delete_rule(row)
    return _done(_("Removed."))


@professional_required
def feed_token(person, action: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    if action == "revoke":
        av.revoke_feed_token(person)
        return _done(_("The calendar link is revoked: calendar applications using it get nothing more."))
    av.new_feed_token(person)
    return _done(_("Here is your new private calendar link. Any previous link stopped working."))
