"""Guide entries built one way for every test: real communes of the
gazetteer, the directory's own slug rule, everything a published entry needs.

``new_structure``/``new_person``/``new_service`` return unsaved objects;
the fixtures that commit them the way the portal does (``create_structure``…,
tests/conftest.py) and the domain fixtures (search_index's ``make_structure``,
booking's ``make_structure``) all build through here.
"""

from __future__ import annotations

import itertools
import math
from datetime import timedelta

from portal.core.time import utcnow
from portal.directory.models import EntryStatus, Person, Service, Structure, StructureKind
from portal.directory.operations import structure_slug
from portal.geo.gazetteer import get_gazetteer

_numbers = itertools.count(1)
KM_PER_DEGREE = 111.2


def new_structure(name: str | None = None, *, commune: str = "59350",
                  kind=StructureKind.MISSION_LOCALE, themes=("logement",), age_min=13, age_max=30,
                  months_unchecked: int = 0, offset_km=(0.0, 0.0), hours: str | None = None,
                  status=EntryStatus.PUBLISHED, **fields) -> Structure:
    """A structure at ``commune`` (INSEE code or name), ``offset_km`` north
    and east of its centre, checked ``months_unchecked`` months ago."""
    gazetteer = get_gazetteer()
    place = gazetteer.by_insee(commune) or gazetteer.resolve(commune)
    name = name or f"Structure {next(_numbers)}"
    lat = place.lat + offset_km[0] / KM_PER_DEGREE
    lon = place.lon + offset_km[1] / (KM_PER_DEGREE * math.cos(math.radians(place.lat)))
    values = dict(
        name=name, slug=structure_slug(name), kind=kind, description="",
        address="1 rue de l'Exemple", postal_code=place.postal_codes[0],
        commune_insee=place.insee, commune_name=place.name, country=place.country,
        lat=lat, lon=lon, themes=list(themes), age_min=age_min, age_max=age_max,
        opening_hours=hours, status=status,
        last_checked_at=utcnow() - timedelta(days=31 * months_unchecked))
    return Structure(**values | fields)


def new_person(structure: Structure, *, first_name="Camille", last_name="Exemple",
               role="Conseillère", themes=("logement",), channels=("email",), **fields) -> Person:
    return Person(structure=structure, first_name=first_name, last_name=last_name, role=role,
                  themes=list(themes), channels=list(channels), **fields)


def new_service(structure: Structure, *, name="Atelier logement", themes=("logement",),
                **fields) -> Service:
    return Service(structure=structure, name=name, themes=list(themes), **fields)
