"""Articles loaded the way `flask knowledge import` does, and their own index."""

from __future__ import annotations

import pytest

from portal.core.commit import commit
from portal.knowledge.operations import load_service_public_articles
from portal.knowledge.sheets import load_data_file
from search_index.articles import rebuild_articles
from tests.search_index.conftest import make_structure  # noqa: F401  (a fixture: guide entries)

#: A few sheets, enough for pages and editing (the full set is for quality tests).
SAMPLE = ("F12006", "F1563", "F13609", "F32846", "F2003", "F952", "F32239", "F2918")


@pytest.fixture(scope="session")
def all_sheets():
    return load_data_file()["articles"]


@pytest.fixture
def sample_articles(database, all_sheets):
    load_service_public_articles([s for s in all_sheets if s["id"] in SAMPLE])
    commit()
    rebuild_articles()


@pytest.fixture
def all_articles(database, all_sheets):
    load_service_public_articles(all_sheets)
    commit()
    rebuild_articles()
