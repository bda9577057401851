"""Issue 21: an article's page does not repeat its lead paragraph, and its
"Où s'adresser" leads to the guide, near the reader when the page knows where."""

from __future__ import annotations

import re

from portal.directory.models import StructureKind

FR = {"Accept-Language": "fr"}
URL = "/information/F32846"  # a young person over 16 out of school: "Mission locale" among others


def _page(client, url):
    response = client.get(url, headers=FR, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_lead_paragraph_is_shown_once(client, sample_articles):
    from portal.extensions import db
    from portal.knowledge.models import Article

    article = db.session.scalar(db.select(Article).where(Article.sheet_id == "F32846"))
    page = _page(client, URL)
    opening = re.escape(article.summary[:60])
    assert len(re.findall(opening, page)) == 1


def test_where_to_go_links_the_guide_near_the_reader(client, sample_articles, make_structure):
    make_structure("Mission locale de Roubaix", commune="59512",
                   kind=StructureKind.MISSION_LOCALE, description="Accueil des 16-25 ans.")
    page = _page(client, URL)
    # Without a place: a link to the guide's search for that kind of office.
    assert re.search(r'<a href="/guide/\?q=mission\+locale#results" class="office-link">'
                     r'Mission locale</a>', page)
    assert 'name="near"' in page  # and a form to give one's town, without JavaScript
    # With the reader's place (from the assistant or that form): the nearest entries.
    page = _page(client, URL + "?near=Roubaix")
    assert "q=mission+locale&amp;near=Roubaix#results" in page
    nearby = page[page.index('id="offices"'):]
    assert "Mission locale de Roubaix" in nearby and "km" in nearby
