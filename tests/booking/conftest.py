"""Factories for booking: a professional of the guide who takes appointments.

Real rows committed the way the portal commits (into the test's savepoint).
"""

from __future__ import annotations

import itertools
from datetime import time

import pytest

from portal.booking import availability
from portal.booking.models import Mode
from portal.core.commit import commit
from portal.directory.models import Person, Structure
from tests.factories import new_structure

EVERY_DAY = [(day, time(8, 0), time(20, 0)) for day in range(7)]

_numbers = itertools.count(1)


def make_structure(session, **fields) -> Structure:
    n = next(_numbers)
    structure = new_structure(fields.pop("name", f"Mission locale {n}"), commune="59350",
                              phone="03 53 01 00 00", themes=["emploi"], **fields)
    session.add(structure)
    return structure


def make_professional(session, create_user, *, weekly=EVERY_DAY, types=None, linked=True,
                      channels=("booking", "email"), email="pro@example.org"):
    """A published person with the booking channel, appointment types and
    weekly hours; linked to a verified professional account unless told not to."""
    user = create_user(role="professional", email=email) if linked else None
    structure = make_structure(session)
    person = Person(structure=structure, first_name="Camille", last_name="Exemple",
                    role="Conseillère", channels=list(channels), themes=["emploi"],
                    email=None if linked else email, user_id=user.id if user else None)
    session.add(person)
    session.flush()
    for spec in [dict(name="Premier rendez-vous", duration_minutes=30)] if types is None else types:
        availability.save_type(person, **{"mode": Mode.STRUCTURE, "min_notice_minutes": 0,
                                          "window_days": 60, **spec})
    for weekday, start, end in weekly:
        availability.add_weekly_range(person, weekday, start, end)
    commit()
    person.account = user  # the professional's account (None when not linked)
    return person


@pytest.fixture
def professional(database, create_user):
    """``professional(types=[...], weekly=[...])`` → a committed Person."""

    def factory(**kwargs):
        return make_professional(database.session, create_user, **kwargs)

    return factory
