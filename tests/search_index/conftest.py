"""Real guide rows for the search index tests.

Every factory depends on ``fresh_index`` (tests/conftest.py): each test runs
in a rolled-back transaction and SQLite hands out outbox ids again after a
rollback, so an index left by an earlier test could believe it had already
applied this test's rows; the fixture rebuilds it from the test's own, still
empty, database first.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import EntryStatus, Person, Service, Structure, StructureKind
from portal.geo.gazetteer import get_gazetteer


def save(database, obj):
    """Add, flush (as operations do) and commit (as the request would)."""
    database.session.add(obj)
    database.session.flush()
    commit()
    return obj


@pytest.fixture
def make_structure(database, fresh_index):
    counter = iter(range(1, 10_000))

    def factory(name=None, commune="59350", description="", themes=("logement",), age_min=13,
                age_max=30, months_unchecked=0, offset_km=(0.0, 0.0), hours=None,
                status=EntryStatus.PUBLISHED, kind=StructureKind.MISSION_LOCALE):
        place = get_gazetteer().by_insee(commune)
        name = name or f"Structure {next(counter)}"
        # ~111 km per degree of latitude; longitude shrinks with the cosine.
        lat = place.lat + offset_km[0] / 111.2
        lon = place.lon + offset_km[1] / (111.2 * 0.64)
        return save(database, Structure(
            name=name, slug=name.lower().replace(" ", "-"), kind=kind, description=description,
            address="1 rue de l'Exemple", postal_code=place.postal_codes[0],
            commune_insee=place.insee, commune_name=place.name, country=place.country,
            lat=lat, lon=lon, themes=list(themes), age_min=age_min, age_max=age_max,
            opening_hours=hours, status=status,
            last_checked_at=utcnow() - timedelta(days=31 * months_unchecked)))

    return factory


@pytest.fixture
def make_person(database):
    def factory(structure, first_name="Camille", last_name="Exemple", role="Conseillère",
                themes=("logement",), channels=("email",), **fields):
        return save(database, Person(
            structure=structure, first_name=first_name, last_name=last_name, role=role,
            themes=list(themes), channels=list(channels), **fields))

    return factory


@pytest.fixture
def make_service(database):
    def factory(structure, name="Atelier", description="", themes=("logement",), **fields):
        return save(database, Service(structure=structure, name=name, description=description,
                                      themes=list(themes), **fields))

    return factory
