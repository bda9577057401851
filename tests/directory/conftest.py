"""Factories for guide entries: real rows, committed the way the portal does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import Person, Service, Structure, StructureKind
from portal.directory.operations import structure_slug
from portal.geo.gazetteer import get_gazetteer


@pytest.fixture
def create_structure(database, fresh_index):
    counter = iter(range(1, 10_000))

    def factory(name=None, commune="59512", kind=StructureKind.MISSION_LOCALE, themes=("logement",),
                age_min=13, age_max=30, months_unchecked=0, offset=(0.0, 0.0), **fields):
        place = get_gazetteer().by_insee(commune) or get_gazetteer().resolve(commune)
        name = name or f"Structure {next(counter)}"
        structure = Structure(
            name=name, slug=structure_slug(name), kind=kind, description=fields.pop("description", ""),
            address="1 rue de l'Exemple", postal_code=place.postal_codes[0],
            commune_insee=place.insee, commune_name=place.name, country=place.country,
            lat=place.lat + offset[0], lon=place.lon + offset[1],
            themes=list(themes), age_min=age_min, age_max=age_max,
            last_checked_at=utcnow() - timedelta(days=31 * months_unchecked), **fields)
        database.session.add(structure)
        commit()
        return structure

    return factory


@pytest.fixture
def create_person(database):
    def factory(structure, first_name="Camille", last_name="Exemple", channels=("email",),
                themes=("logement",), email="camille@example.org", **fields):
        person = Person(structure=structure, first_name=first_name, last_name=last_name,
                        role=fields.pop("role", "Conseillère"), channels=list(channels),
                        themes=list(themes), email=email, **fields)
        database.session.add(person)
        commit()
        return person

    return factory


@pytest.fixture
def create_service(database):
    def factory(structure, name="Atelier logement", themes=("logement",), **fields):
        service = Service(structure=structure, name=name, themes=list(themes), **fields)
        database.session.add(service)
        commit()
        return service

    return factory
