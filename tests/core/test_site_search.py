"""The combined search page: the guide, the information and the forum at once,
from the real indexes (rebuilt from each test's database)."""

from __future__ import annotations

import re

import pytest

from portal.core.commit import commit
from portal.forum import operations as forum_ops
from tests.forum.conftest import category, people, topics_index  # noqa: F401
from tests.knowledge.conftest import all_sheets, sample_articles  # noqa: F401
from tests.search_index.conftest import make_structure  # noqa: F401

EN = {"Accept-Language": "en"}


def sections(page: str) -> dict[str, str]:
    """Each section's HTML, by its key, in the order of the page."""
    parts = re.split(r'<section class="site-search-section" aria-labelledby="section-', page)[1:]
    return {part.split('"', 1)[0]: part.split("</section>", 1)[0] for part in parts}


def hit_titles(section: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(
        r'<li class="site-search-hit">\s*<a href="[^"]+">(.*?)</a>', section)]


@pytest.fixture
def everything(make_structure, sample_articles, topics_index, people, category):  # noqa: F811
    """Housing in the guide (six places), the information and the forum."""
    for n in range(6):
        make_structure(f"Résidence jeunes {n}", description="Aide au logement des apprentis")
    forum_ops.create_topic(category, people["pro"], title="Premier logement : par où commencer ?",
                           body="Je quitte mes parents en septembre.")
    forum_ops.create_topic(category, people["pro"], title="Partir en service civique",
                           body="Quelles missions à l'étranger ?")
    commit()


def test_a_query_shows_the_three_sections_with_totals_and_links(client, everything):
    page = client.get("/search/", query_string={"q": "logement"}, headers=EN)
    assert page.status_code == 200
    found = sections(page.get_data(as_text=True))
    assert list(found) == ["guide", "information", "forum"]
    guide, information, forum = found.values()
    assert ">Guide <" in guide and "(6 results)" in guide
    assert len(hit_titles(guide)) == 5  # a few hits, the rest behind the link
    assert all(t.startswith("Résidence jeunes") for t in hit_titles(guide))
    assert 'href="/guide/?q=logement"' in guide
    assert ">Information <" in information
    assert "Aide personnalisée au logement (APL)" in hit_titles(information)
    assert 'href="/information/?q=logement"' in information
    assert "<mark>logement</mark>" in information
    assert ">Forum <" in forum and "(1 result)" in forum
    assert hit_titles(forum) == ["Premier logement : par où commencer ?"]
    assert "0 answers" in forum and "Autonomy" in forum
    assert 'href="/forum/search?q=logement"' in forum


def test_a_section_without_hits_says_so(client, everything):
    found = sections(client.get("/search/?q=service+civique+etranger", headers=EN)
                     .get_data(as_text=True))
    assert hit_titles(found["forum"]) == ["Partir en service civique"]
    assert "Nothing matches here." in found["guide"] and "(0 results)" in found["guide"]


def test_nothing_found_says_so_and_suggests_the_assistant(client, everything):
    page = client.get("/search/?q=xylophonique", headers=EN).get_data(as_text=True)
    assert sections(page) == {}
    assert "Nothing matches “xylophonique” in the guide, the information or the forum." in page
    assert 'href="/assistant/?q=xylophonique"' in page and "Ask the assistant a question" in page
    # The words come along: the question box is filled, nothing asked yet.
    assistant = client.get("/assistant/?q=xylophonique", headers=EN).get_data(as_text=True)
    assert re.search(r'<input[^>]*name="question"[^>]*value="xylophonique"', assistant)


def test_an_empty_query_shows_the_form_only(client):
    page = client.get("/search/", headers=EN).get_data(as_text=True)
    form = re.search(r'<form[^>]*action="/search/"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None and 'role="search"' in form.group(0) and 'method="get"' in form.group(0)
    assert '<label for="site-q">' in form.group(1) and 'name="q"' in form.group(1)
    assert sections(page) == {} and "Nothing matches" not in page
