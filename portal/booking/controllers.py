"""Young people's pages: free slots, booking, the signed manage link, "My appointments"."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import groupby

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import is_young
from portal.booking import ics, schedule
from portal.booking import operations as ops
from portal.booking.forms import ActionForm, BookingForm, FindForm
from portal.booking.models import Appointment, Side, Status
from portal.booking.notify import manage_url
from portal.booking.slots import local_instant, parse_key
from portal.booking.tokens import manage_token, read_manage_token
from portal.core import observe
from portal.core.bounds import date_arg, int_arg
from portal.core.refusal import show_on_form
from portal.core.time import PARIS, utcnow
from portal.directory import entry_key
from portal.extensions import db, limiter
from portal.safety import presenting

#: Days of slots shown per page.
PAGE_DAYS = 14


def _page_start(now: datetime) -> datetime:
    """The first instant shown: a date from ?from=, never in the past."""
    today = now.astimezone(PARIS).date()
    day = date_arg("from", today)
    return max(local_instant(max(day, today), datetime.min.time()), now)


def by_day(found) -> list[tuple]:
    """Slots grouped by their local date, for the pages."""
    return [(day, list(items)) for day, items in groupby(found, key=lambda s: s.local_start.date())]


def _type_arg(person_id: int):
    types = schedule.active_types(person_id)
    wanted = int_arg("type")
    kind = next((t for t in types if t.id == wanted), types[0] if types else None)
    return types, kind


def slots(entry_id: str):
    person = schedule.bookable_person(entry_id)
    now = utcnow()
    types, kind = _type_arg(person.id)
    start = _page_start(now)
    end = local_instant((start.astimezone(PARIS) + timedelta(days=PAGE_DAYS)).date(),
                        datetime.min.time())
    found = schedule.free_slots(person.id, kind, now, start, end) if kind else []
    later = kind is not None and end < now + kind.rules.window
    return render_template(
        "booking/slots.html", person=person, entry_id=entry_id, types=types, kind=kind,
        days=by_day(found), start=start, next_from=end.astimezone(PARIS).date() if later else None,
        previous_from=(start.astimezone(PARIS) - timedelta(days=PAGE_DAYS)).date()
        if start > now + timedelta(days=1) else None)


def _prefill(form: BookingForm) -> None:
    if request.method == "GET" and current_user.is_authenticated and not form.name.data:
        form.name.data = current_user.pseudonym
        form.email.data = None if current_user.is_under_15 else current_user.email
        form.under_15.data = current_user.is_under_15


@limiter.limit("20 per hour; 60 per day", methods=["POST"])
def book(entry_id: str):
    person = schedule.bookable_person(entry_id)
    types, kind = _type_arg(person.id)
    start = parse_key(request.args.get("start"))
    if kind is None or start is None:
        return redirect(url_for("booking.slots", entry_id=entry_id))
    form = BookingForm()
    _prefill(form)
    error, taken, numbers = None, None, []
    if request.method == "GET" and not schedule.free_slots(
            person.id, kind, utcnow(), start, start + timedelta(minutes=1)):
        # An old link, or someone was quicker: say so before the form is filled.
        error = str(ops.SlotTaken.message)
        taken = by_day(schedule.next_free_slots(person.id, kind, utcnow(), start))
    elif form.validate_on_submit() and not (numbers := presenting.before_sending(
            form.note.data or "", locale=str(get_locale()))):
        # (Distress in the note: the numbers first, booked once seen — portal.safety.)
        young = current_user if is_young(current_user) else None
        try:
            appointment = ops.book_slot(
                person, kind, start, name=form.name.data, email=form.email.data,
                phone=form.phone.data, under_15=form.under_15.data or bool(young and young.is_under_15),
                locale=str(get_locale()), young_user_id=young.id if young else None,
                note=form.note.data or "", now=utcnow(),
                journey=request.values.get("j") if observe.is_journey(request.values.get("j")) else None)
        except ops.SlotTaken as exc:
            error, taken = str(exc), by_day(exc.next_slots)
        except ops.BookingError as exc:
            show_on_form(form, exc)
        else:
            return redirect(url_for("booking.manage", token=manage_token(appointment, Side.YOUNG),
                                    booked=1))
    status = 200 if request.method == "GET" or numbers else (409 if taken is not None else 422)
    return render_template("booking/book.html", person=person, entry_id=entry_id, kind=kind,
                           start=start, end=start + kind.rules.duration, form=form, error=error,
                           taken=taken, safety_numbers=numbers), status


def _appointment(token: str) -> tuple[Appointment, Side]:
    found = read_manage_token(token)
    if found is None:
        abort(404)
    return found


def manage(token: str):
    appointment, side = _appointment(token)
    now = utcnow()
    return render_template(
        "booking/manage.html", appointment=appointment, side=side, token=token,
        person=appointment.person, action=ActionForm(), booked=request.args.get("booked") == "1",
        changeable=appointment.status == Status.BOOKED and appointment.starts_at > now,
        link=manage_url(appointment, side), Side=Side,
        guide_entry=entry_key("person", appointment.person_id))


def cancel(token: str):
    appointment, side = _appointment(token)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.cancel_appointment(appointment, by=side, now=utcnow())
    except ops.BookingError as exc:
        flash(str(exc), "error")
        return redirect(url_for("booking.manage", token=token))
    flash(_("The appointment is cancelled. We let the other side know."), "success")
    return redirect(url_for("booking.manage", token=token))


def reschedule(token: str):
    appointment, side = _appointment(token)
    now = utcnow()
    kind = appointment.type
    if appointment.status != Status.BOOKED or appointment.starts_at <= now or kind is None \
            or not kind.active:
        flash(str(ops.NotChangeable.message), "error")
        return redirect(url_for("booking.manage", token=token))
    form, error = ActionForm(), None
    if form.validate_on_submit():
        start = parse_key(request.form.get("start"))
        try:
            if start is None:
                raise ops.NotASlot()
            ops.reschedule_appointment(appointment, start, by=side, now=now)
        except ops.BookingError as exc:
            error = str(exc)
        else:
            flash(_("The appointment is moved. We sent the new time to both of you."), "success")
            return redirect(url_for("booking.manage", token=token))
    start = _page_start(now)
    end = start + timedelta(days=PAGE_DAYS)
    found = schedule.free_slots(appointment.person_id, kind, now, start, end,
                                exclude_id=appointment.id)
    return render_template("booking/reschedule.html", appointment=appointment, token=token,
                           form=form, error=error, days=by_day(found),
                           next_from=end.astimezone(PARIS).date()
                           if end < now + kind.rules.window else None,
                           ), (422 if error else 200)


def calendar_file(token: str):
    appointment, side = _appointment(token)
    body = ics.invitation(appointment, for_professional=side == Side.PROFESSIONAL,
                          link=manage_url(appointment, side), locale=str(get_locale()))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": "attachment; filename=rendez-vous.ics",
        "Cache-Control": "private, no-store"})


def mine():
    form = FindForm()
    if form.validate_on_submit():
        token = form.link.data.strip().rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if read_manage_token(token) is not None:
            return redirect(url_for("booking.manage", token=token))
        form.link.errors = [_("This link is not one of ours, or the appointment no longer exists. "
                              "Copy the whole link from your e-mail or confirmation page.")]
    appointments = []
    if current_user.is_authenticated:
        appointments = list(db.session.scalars(
            db.select(Appointment).where(Appointment.young_user_id == current_user.id)
            .order_by(Appointment.starts_at.desc()).limit(50)))
    now = utcnow()
    return render_template(
        "booking/mine.html", form=form,
        upcoming=[a for a in reversed(appointments) if a.starts_at > now],
        past=[a for a in appointments if a.starts_at <= now],
        token_for=lambda a: manage_token(a, Side.YOUNG)), (422 if form.errors else 200)
