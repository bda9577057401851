"""Territories for tests: made through the operations, like the admin page."""

from __future__ import annotations

import pytest

from portal.territories.models import Territory
from portal.territories.operations import create_territory


@pytest.fixture
def default_territory(database):
    return database.session.scalar(database.select(Territory).where(Territory.slug == "lille"))


@pytest.fixture
def douaisis(database):
    return create_territory(slug="douaisis-test", name="Douaisis", hosts=["douai.test"],
                            sources={"arrondissements": ["593"]})


@pytest.fixture
def in_request(app):
    """A request context, so that refusals' sentences can be read (in French)."""
    with app.test_request_context("/"):
        yield


# The guide's factories (real rows, committed as the portal does).
