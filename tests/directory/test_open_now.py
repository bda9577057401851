"""One "open now": the structure's country and its public holidays, in the
guide's search (the index), the structure page and the JSON API alike.

"PH off" closes a French structure on Bastille Day (14 July) but not a
Belgian one, and the Belgian one on its national day (21 July) but not the
French one: the three answers must agree on both days.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.core.time import PARIS

HOURS = "Mo-Sa 09:00-18:00; PH off"
BASTILLE_DAY = datetime(2026, 7, 14, 10, 30, tzinfo=PARIS)   # a Tuesday
BELGIAN_DAY = datetime(2026, 7, 21, 10, 30, tzinfo=PARIS)    # a Tuesday too


@pytest.fixture
def clock(monkeypatch):
    """Sets the time every reader of "now" in the guide sees."""
    def set_to(when: datetime):
        for module in ("portal.directory.lookup", "portal.directory.controllers",
                       "portal.directory.api"):
            monkeypatch.setattr(f"{module}.utcnow", lambda: when)
    return set_to


@pytest.fixture
def two_structures(create_structure):
    lille = create_structure("Point Jeunes Lille", commune="59350", opening_hours=HOURS)
    mouscron = create_structure("Infor Jeunes Mouscron", commune="7700", opening_hours=HOURS)
    assert (lille.country, mouscron.country) == ("FR", "BE")
    return lille, mouscron


def _found_open(client, name: str) -> bool:
    page = client.get("/guide/", query_string={"q": "jeunes", "open_now": "1"},
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    api = client.get("/api/v1/directory/search",
                     query_string={"q": "jeunes", "open_now": "true"}).get_json()
    in_api = any(hit["name"] == name for hit in api["results"])
    assert (name in page) == in_api, "the search page and the search API disagree"
    return in_api


def _page_says_open(client, structure) -> bool:
    page = client.get(f"/guide/structures/{structure.id}-{structure.slug}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    said_open, said_closed = "status--open" in page, "status--closed" in page
    assert said_open != said_closed, "the page says neither or both"
    return said_open


def _api_says_open(client, structure) -> bool:
    return client.get(f"/api/v1/directory/entries/structure-{structure.id}").get_json()["open_now"]


@pytest.mark.parametrize("when, lille_open, mouscron_open", [
    (BASTILLE_DAY, False, True),
    (BELGIAN_DAY, True, False),
    (datetime(2026, 7, 13, 10, 30, tzinfo=PARIS), True, True),
])
def test_a_holiday_closes_in_the_search_the_page_and_the_api(client, clock, two_structures,
                                                            when, lille_open, mouscron_open):
    clock(when)
    for structure, expected in zip(two_structures, (lille_open, mouscron_open), strict=True):
        assert _found_open(client, structure.name) is expected, structure.name
        assert _page_says_open(client, structure) is expected, structure.name
        assert _api_says_open(client, structure) is expected, structure.name
