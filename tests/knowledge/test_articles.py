"""Articles: the idempotent import, their own index following the outbox, the pages."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.core.commit import commit
from portal.knowledge.models import Article
from portal.knowledge.operations import load_service_public_articles, update_article
from portal.knowledge.sheets import load_data_file
from search_index.articles import apply_article_changes, search_articles
from search_index.models import SearchOutbox
from tests.support import submit

EN = {"Accept-Language": "en"}


def test_import_is_idempotent_and_writes_outbox_rows(database, all_sheets):
    sheets = all_sheets[:30]
    assert load_service_public_articles(sheets)["created"] == 30
    commit()
    outbox = database.session.scalar(select(func.count(SearchOutbox.id))
                                     .where(SearchOutbox.doc_type == "article"))
    assert outbox >= 30
    assert load_service_public_articles(sheets) == {"created": 0, "updated": 0, "unchanged": 30}
    commit()
    assert database.session.scalar(select(func.count(SearchOutbox.id))
                                   .where(SearchOutbox.doc_type == "article")) == outbox


def test_search_folds_accents_stems_and_forgives_typos(sample_articles):
    assert search_articles("aide personnalisee au logement").hits[0].source_id == "F12006"
    assert search_articles("logemnt etudiant").hits[0].source_id == "F1563"
    hit = search_articles("Permis de conduire payer").hits[0]
    assert hit.source_id == "F13609"
    assert "<mark>" in hit.highlights["title"]
    only = search_articles("", themes=("alternance",))
    assert {h.source_id for h in only.hits} == {"F2918"}


def test_an_edit_reaches_the_index_after_commit(sample_articles, database):
    article = database.session.scalar(select(Article).where(Article.sheet_id == "F2918"))
    update_article(article, title="Contrat d'apprentissage zygomatique", summary=article.summary,
                   body_markdown="", themes=["alternance"])
    assert not search_articles("zygomatique").hits  # not before commit
    commit()  # runs apply_article_changes after commit
    assert search_articles("zygomatique").hits[0].source_id == "F2918"
    article.published = False
    database.session.flush()
    commit()
    assert not search_articles("zygomatique").hits
    assert apply_article_changes() == 0  # nothing left to apply


def test_article_page_shows_source_and_date(client, sample_articles):
    response = client.get("/information/F12006", headers=EN)
    assert response.status_code == 301
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Aide personnalisée au logement (APL)" in page
    assert re.search(r"Source: Service-Public.fr, sheet F12006, last updated (\w+ \d+, 2020|\d+ \w+ 2020)", page)
    assert "https://www.service-public.fr/particuliers/vosdroits/F12006" in page


def test_index_by_theme_and_search(client, sample_articles):
    page = client.get("/information/", headers=EN).get_data(as_text=True)
    assert "By theme" in page
    page = client.get("/information/?q=apl", headers=EN).get_data(as_text=True)
    assert "/information/F12006-" in page
    page = client.get("/information/?theme=alternance", headers=EN).get_data(as_text=True)
    assert "Contrat d&#39;apprentissage" in page or "Contrat d'apprentissage" in page


def test_did_this_help_counts_anonymously(client, sample_articles, database):
    url = client.get("/information/F12006").headers["Location"]
    response = submit(client, "/information/F12006/helpful", {"helped": "yes"}, form_url=url)
    assert response.status_code == 302
    submit(client, "/information/F12006/helpful", {"helped": "no"}, form_url=url)
    database.session.expire_all()
    article = database.session.scalar(select(Article).where(Article.sheet_id == "F12006"))
    assert (article.helped_yes, article.helped_no) == (1, 1)


def test_editors_write_articles_and_see_the_oldest(client, create_user, login, sample_articles,
                                                   database):
    assert client.get("/information/manage").status_code in (302, 401)
    young = create_user()
    login(young)
    assert client.get("/information/manage").status_code == 403
    client.post("/account/logout", data={})
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
    client2 = client.application.test_client()
    editor = create_user(role="editor")
    login_response = submit(client2, "/account/login", {"login": editor.pseudonym,
                                                        "password": "un mot de passe"})
    assert login_response.status_code == 302
    page = client2.get("/information/manage", headers=EN).get_data(as_text=True)
    assert "The oldest articles" in page
    response = submit(client2, "/information/new", {
        "title": "Trouver un job d'été à Lille", "summary": "Où chercher un job d'été.",
        "body_markdown": "## Où chercher\n\nÀ la **mission locale**.<script>alert(1)</script>",
        "themes": ["insertion"], "keywords": "job, été", "source_name": "CRIJ",
        "source_url": "", "language": "fr", "published": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client2.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "<strong>mission locale</strong>" in page and "<script>alert" not in page
    assert "Source: CRIJ, last updated" in page
    assert search_articles("job ete lille").hits[0].title == "Trouver un job d'été à Lille"


def test_data_file_dates_are_shown_as_they_are(all_sheets):
    assert load_data_file()["newest_modified"] <= "2020-12-31"
