"""The booking API: free slots of a guide entry, and booking one."""

from __future__ import annotations

from datetime import timedelta

from flask import abort
from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from portal.booking import operations as ops
from portal.booking import schedule, slots
from portal.booking.models import Side
from portal.booking.notify import ics_url, manage_url
from portal.booking.schemas import (
    AppointmentArgs,
    AppointmentCreatedSchema,
    BookingErrorSchema,
    SlotsArgs,
    SlotSchema,
)
from portal.core.errors import json_error
from portal.core.time import PARIS, utcnow
from portal.extensions import limiter

api_bp = Blueprint("booking_api", __name__, url_prefix="/api/v1",
                   description="Free slots of professionals, and booking them.")

DEFAULT_SPAN = timedelta(days=14)
MAX_SPAN = timedelta(days=62)


@api_bp.route("/directory/entries/<entry_id>/slots")
class EntrySlots(MethodView):
    decorators = [limiter.limit("120 per minute")]

    @api_bp.arguments(SlotsArgs, location="query")
    @api_bp.response(200, SlotSchema(many=True))
    @api_bp.alt_response(404, description="No published person with appointments has this id.")
    def get(self, args, entry_id):
        """Free slots of a person of the guide (`person-34`), Europe/Paris time."""
        person = schedule.bookable_person(entry_id)
        now = utcnow()
        start = args["from_"] or now
        end = args["to"] or start + DEFAULT_SPAN
        if end - start > MAX_SPAN:
            abort(422, description="The period may not be longer than 62 days.")
        kind = schedule.appointment_type(person.id, args["type_id"])
        if kind is None:
            if args["type_id"] is not None:
                abort(404, description="This person has no such appointment type.")
            return []
        return [slots.payload(s) for s in schedule.free_slots(person.id, kind, now, start, end)]


@api_bp.route("/appointments")
class Appointments(MethodView):
    decorators = [limiter.limit("20 per hour; 60 per day", methods=["POST"])]

    @api_bp.arguments(AppointmentArgs)
    @api_bp.response(201, AppointmentCreatedSchema)
    @api_bp.alt_response(409, schema=BookingErrorSchema,
                         description="The slot was just taken: `next_slots` lists the next free ones.")
    @api_bp.alt_response(422, schema=BookingErrorSchema, description="Something sent is not valid.")
    def post(self, args):
        """Book a slot. No account needed; the answer holds the signed links."""
        person = schedule.bookable_person(args["entry_id"])
        kind = schedule.appointment_type(person.id, args["type_id"])
        if kind is None:
            return json_error(422, "This person has no such appointment type.")
        # A refusal (slot taken: 409 with next_slots; 422 with its field)
        # is answered by core/errors.py's one JSON edge.
        appointment = ops.book_slot(
            person, kind, args["start"], name=args["name"], email=args["email"],
            phone=args["phone"], under_15=args["under_15"],
            locale=args["locale"] or str(get_locale()), now=utcnow())
        return {"id": appointment.uid,
                "start": appointment.starts_at.astimezone(PARIS).isoformat(),
                "end": appointment.ends_at.astimezone(PARIS).isoformat(),
                "manage_url": manage_url(appointment, Side.YOUNG),
                "ics_url": ics_url(appointment, Side.YOUNG)}
