"""Real guide rows for the search index tests.

Every factory depends on ``fresh_index`` (tests/conftest.py): each test runs
in a rolled-back transaction and SQLite hands out outbox ids again after a
rollback, so an index left by an earlier test could believe it had already
applied this test's rows; the fixture rebuilds it from the test's own, still
empty, database first.
"""

from __future__ import annotations

import pytest

from portal.core.commit import commit
from tests.factories import new_person, new_service, new_structure


def save(database, obj):
    """Add, flush (as operations do) and commit (as the request would)."""
    database.session.add(obj)
    database.session.flush()
    commit()
    return obj


@pytest.fixture
def make_structure(database, fresh_index):
    def factory(name=None, commune="59350", hours=None, **fields):
        return save(database, new_structure(name, commune=commune, hours=hours, **fields))

    return factory


@pytest.fixture
def make_person(database):
    def factory(structure, **fields):
        return save(database, new_person(structure, **fields))

    return factory


@pytest.fixture
def make_service(database):
    def factory(structure, name="Atelier", description="", **fields):
        return save(database, new_service(structure, name=name, description=description, **fields))

    return factory
