"""Schemas of the booking API (flask-smorest, described at /api/v1/openapi.json)."""

from __future__ import annotations

from datetime import date, datetime, time

from marshmallow import EXCLUDE, Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from portal.core.bounds import DATE_MAX, DATE_MIN, MAX_ID
from portal.core.time import PARIS, as_utc


class Moment(fields.Field):
    """An ISO 8601 date or date-time. Without an offset it is Paris time;
    a date alone is its midnight in Paris."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 40:
            raise ValidationError("Give an ISO 8601 date or date-time.")
        try:
            if len(value) == 10:
                moment = datetime.combine(date.fromisoformat(value), time(0))
            else:
                moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("Give an ISO 8601 date or date-time, e.g. "
                                  "2026-03-30T09:00:00+02:00.") from exc
        # Far dates would overflow once moved to UTC or by a day of slots.
        if not DATE_MIN <= moment.date() <= DATE_MAX:
            raise ValidationError(f"Give a date between {DATE_MIN.year} and {DATE_MAX.year}.")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=PARIS)
        return as_utc(moment)


class SlotsArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    from_ = Moment(data_key="from", load_default=None, metadata={
        "description": "Start of the period (default: now). ISO 8601; Paris time without offset."})
    to = Moment(load_default=None, metadata={
        "description": "End of the period (default: 14 days after its start; at most 62 days)."})
    type_id = fields.Integer(load_default=None, validate=validate.Range(min=0, max=MAX_ID), metadata={
        "description": "An appointment type of the professional (default: their first one)."})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("from_") and data.get("to") and data["to"] <= data["from_"]:
            raise ValidationError("`to` must come after `from`.", "to")


class SlotSchema(Schema):
    start = fields.String(metadata={"description": "ISO 8601 with the Paris offset."})
    end = fields.String()


class AppointmentArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    entry_id = fields.String(required=True, validate=validate.Length(max=40), metadata={
        "description": "The guide entry of the person, e.g. `person-34`."})
    start = Moment(required=True, metadata={"description": "The slot's start, ISO 8601."})
    type_id = fields.Integer(load_default=None, validate=validate.Range(min=0, max=MAX_ID))
    name = fields.String(required=True, validate=validate.Length(min=1, max=80), metadata={
        "description": "A first name or a pseudonym."})
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=30))
    under_15 = fields.Boolean(load_default=False, metadata={
        "description": "Under 15 no e-mail address is accepted; the confirmation is the "
                       "response (keep `manage_url`)."})
    locale = fields.String(load_default=None, validate=validate.OneOf(["fr", "en", "nl"]))


class AppointmentCreatedSchema(Schema):
    id = fields.String(metadata={"description": "The appointment's id (its calendar UID)."})
    start = fields.String()
    end = fields.String()
    manage_url = fields.String(metadata={"description": "Signed link to see, cancel or move it."})
    ics_url = fields.String(metadata={"description": "The calendar file (.ics)."})


class BookingErrorSchema(Schema):
    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    error = fields.String(metadata={"description": "What was refused: slot_taken, not_a_slot…"})
    field = fields.String()
    next_slots = fields.List(fields.Nested(SlotSchema))
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "What is not valid, by location and field: "
                       "`{\"json\": {\"start\": [\"…\"]}}`."})
