"""Fixtures of the notification pipeline: moments of a Paris week, sending
through the real SMTP server (aiosmtpd), and helpers to read deliveries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.notifications.models import Delivery

#: Monday 7 December 2026, Paris is UTC+1.
MONDAY_10 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
MONDAY_21 = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
TUESDAY_08 = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)


def deliveries(**where) -> list[Delivery]:
    query = select(Delivery).order_by(Delivery.id)
    for name, value in where.items():
        query = query.where(getattr(Delivery, name) == value)
    return list(db.session.scalars(query))


@pytest.fixture
def sms_outbox(app, tmp_path):
    """SMS written to a folder of this test (the embedded default backend)."""
    from portal.notifications.sms import OutboxSms

    folder = tmp_path / "sms"
    previous = app.extensions.get("portal.sms")
    app.extensions["portal.sms"] = OutboxSms(str(folder))
    yield folder
    if previous is None:
        app.extensions.pop("portal.sms", None)
    else:
        app.extensions["portal.sms"] = previous
