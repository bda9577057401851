"""Signed links to manage an appointment without an account, one per side.

A link names the appointment and a piece of its UID, signed with the app's
secret: it cannot be guessed or altered, and it dies with the appointment.
The young person's link and the professional's link are signed with
different salts, so neither can be turned into the other.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.booking.models import Appointment, Side
from portal.extensions import db


def _serializer(side: Side) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"],
                             salt=f"passerelle-booking-{side.value}")


def manage_token(appointment: Appointment, side: Side) -> str:
    return _serializer(side).dumps([appointment.id, appointment.uid[:8]])


def read_manage_token(token: str) -> tuple[Appointment, Side] | None:
    """The appointment and the side a link belongs to, or None."""
    for side in Side:
        try:
            appointment_id, uid_part = _serializer(side).loads(token)
        except (BadSignature, ValueError, TypeError):
            continue
        appointment = db.session.get(Appointment, int(appointment_id))
        if appointment is not None and appointment.uid[:8] == uid_part:
            return appointment, side
        return None
    return None
