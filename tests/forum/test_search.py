"""Forum topics in the search index, through the real pages: found by title,
by an answer, despite a typo; never while held, hidden or deleted."""

from __future__ import annotations

import re

from portal.core.commit import commit
from portal.forum import operations as ops
from portal.forum import search as forum_search
from portal.forum.models import PostStatus
from search_index.forum import search_topics
from tests.forum.conftest import (
    EN,
    latest_post,
    latest_topic,
    moderate,
    new_topic,
    reply,
    strip_tags,
    text_of,
    topic_url,
)
from tests.support import submit


def found(client, q, **params) -> str:
    response = client.get("/forum/search", query_string={"q": q, **params}, headers=EN)
    assert response.status_code == 200
    return text_of(response)


def titles(page: str) -> list[str]:
    return [strip_tags(t) for t in re.findall(
        r'<li class="forum-search-hit">\s*<a href="[^"]+">(.*?)</a>', page)]


def test_a_topic_is_found_by_its_title_an_answer_and_despite_a_typo(
        client_for, people, category, topics_index):
    pro, other = client_for(people["pro"]), client_for(people["moderator"])
    new_topic(pro, "autonomie", "Trouver un logement étudiant à Lille",
              "Je cherche une chambre pour la rentrée.")
    topic = latest_topic()
    reply(other, topic, "Demande la garantie Visale, elle est gratuite.")
    reader = client_for()
    page = found(reader, "logement")
    assert titles(page) == ["Trouver un logement étudiant à Lille"]
    assert "<mark>logement</mark>" in page
    assert topic_url(topic) in page
    assert "1 topic found" in page and "1 answer" in page and "Autonomy" in page
    # A word only in the answer, with its passage shown.
    page = found(reader, "visale")
    assert titles(page) == ["Trouver un logement étudiant à Lille"]
    assert "<mark>Visale</mark>" in page
    # One letter missing.
    assert titles(found(reader, "logemnt")) == ["Trouver un logement étudiant à Lille"]
    assert "0 topics found" in found(reader, "trampoline")


def test_a_professional_answer_is_shown_on_the_hit(client_for, people, category, topics_index):
    young, pro = client_for(people["young"]), client_for(people["pro"])
    new_topic(pro, "autonomie", "Question posée par une pro", "Sur le logement social.")
    assert "A professional answered" not in found(client_for(), "logement social")
    new_topic(young, "autonomie", "Aide pour le logement", "Je ne sais pas où chercher.")
    moderate(client_for(people["moderator"]), latest_post().id, "approve")
    topic = latest_topic()
    reply(pro, topic, "Va voir la mission locale.")
    page = found(client_for(), "mission locale")
    assert titles(page) == ["Aide pour le logement"]
    assert "A professional answered" in page


def test_held_posts_are_not_found_until_a_moderator_approves(
        client_for, people, category, create_user, topics_index):
    young, moderator = client_for(people["young"]), client_for(people["moderator"])
    # A new account's first topic waits for a moderator.
    new_topic(young, "autonomie", "Une question sur le zygomatique",
              "Le zygomatique, c'est quoi ?")
    question = latest_post()
    assert question.status == PostStatus.PENDING
    assert titles(found(client_for(), "zygomatique")) == []
    assert moderate(moderator, question.id, "approve").status_code == 302
    assert titles(found(client_for(), "zygomatique")) == ["Une question sur le zygomatique"]
    # A held answer in a visible topic: its words are not found either.
    newcomer = client_for(create_user("young", pseudonym="nouveau"))
    reply(newcomer, latest_topic(), "Un ornithorynque le sait.")
    held = latest_post()
    assert held.status == PostStatus.PENDING
    assert titles(found(client_for(), "ornithorynque")) == []
    # The topic is indexed again (a published answer): the held one stays out.
    reply(client_for(people["pro"]), latest_topic(), "Une réponse publiée sur le zygomatique.")
    assert "1 answer" in found(client_for(), "zygomatique")
    assert titles(found(client_for(), "ornithorynque")) == []
    moderate(moderator, held.id, "approve")
    assert titles(found(client_for(), "ornithorynque")) == ["Une question sur le zygomatique"]


def test_hidden_and_deleted_content_leaves_the_index(client_for, people, category, topics_index):
    pro, moderator = client_for(people["pro"]), client_for(people["moderator"])
    new_topic(pro, "autonomie", "Partir en colocation", "Comment trouver des colocataires ?")
    topic = latest_topic()
    reply(pro, topic, "Essaie le site du capybara.")
    answer = latest_post()
    assert titles(found(client_for(), "capybara")) == ["Partir en colocation"]
    moderate(moderator, answer.id, "hide", reason="publicité")
    assert titles(found(client_for(), "capybara")) == []
    assert titles(found(client_for(), "colocation")) == ["Partir en colocation"]
    # The question deleted: the topic goes with it.
    question_id = ops.first_post_id(topic.id)
    moderate(moderator, question_id, "delete", reason="hors sujet")
    assert titles(found(client_for(), "colocation")) == []
    assert titles(found(client_for(), "colocataires")) == []


def test_words_a_moderator_edits_out_leave_the_index(client_for, people, category, topics_index):
    pro, moderator = client_for(people["pro"]), client_for(people["moderator"])
    new_topic(pro, "autonomie", "Trouver un stage", "Écris à Gaspard Tournesol.")
    question = latest_post()
    assert titles(found(client_for(), "tournesol")) == ["Trouver un stage"]
    url = f"/forum/moderation/posts/{question.id}/edit"
    response = submit(moderator, url, {"body": "Écris à la mission locale.",
                                       "reason": "nom complet"})
    assert response.status_code == 302
    assert titles(found(client_for(), "tournesol")) == []
    assert titles(found(client_for(), "mission")) == ["Trouver un stage"]


def test_a_category_whose_address_changes_moves_its_topics(
        client_for, people, category, database, topics_index):
    new_topic(client_for(people["pro"]), "autonomie", "Un sujet à déménager", "Texte.")
    topic = latest_topic()
    category = database.session.merge(category)
    category.slug = "autonomie-et-logement"
    database.session.flush()
    commit()
    page = found(client_for(), "déménager")
    assert f'href="/forum/autonomie-et-logement/{topic.id}-' in page


def test_the_search_page_paginates_and_filters_by_category(
        app, client_for, people, category, database, topics_index, monkeypatch):
    monkeypatch.setitem(app.config, "FORUM_SEARCH_PER_PAGE", 2)
    emploi = database.session.scalar(database.select(type(category)).where(
        type(category).slug == "emploi"))
    for n in range(4):
        ops.create_topic(category, people["pro"], title=f"Bourse d'études numéro {n}",
                         body="Comment demander une bourse ?")
    ops.create_topic(emploi, people["pro"], title="Bourse pour passer le permis",
                     body="Une bourse existe-t-elle pour le permis ?")
    commit()
    reader = client_for()
    first = found(reader, "bourse")
    assert "5 topics found" in first and "Page 1 of 3" in first
    assert len(titles(first)) == 2 and 'rel="prev"' not in first
    next_url = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "q=bourse" in next_url and "page=2" in next_url
    second = text_of(reader.get(next_url, headers=EN))
    last = found(reader, "bourse", page=3)
    seen = titles(first) + titles(second) + titles(last)
    assert len(seen) == len(set(seen)) == 5
    assert 'rel="next"' not in last and 'rel="prev"' in last
    only = found(reader, "bourse", category=emploi.id)
    assert titles(only) == ["Bourse pour passer le permis"] and "1 topic found" in only


def test_the_forum_index_links_to_the_search(client):
    page = text_of(client.get("/forum/", headers=EN))
    form = re.search(r'<form[^>]*action="/forum/search"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None and 'role="search"' in form.group(0)
    assert '<label for="forum-q">Search the forum</label>' in form.group(1)
    assert 'name="q"' in form.group(1)
    # With no words, the page shows the form only.
    empty = text_of(client.get("/forum/search", headers=EN))
    assert 'id="forum-q"' in empty and "found" not in empty


def test_a_huge_topic_makes_a_bounded_document(people, category, topics_index, monkeypatch):
    monkeypatch.setattr(forum_search, "MAX_ANSWERS", 3)
    topic, _ = ops.create_topic(category, people["pro"], title="Un très long sujet",
                                body="La question.")
    for n in range(5):
        ops.reply(topic, people["pro"], body=f"Réponse {n} mot{n}unique")
    commit()
    [doc] = forum_search.fetch([topic.id])
    assert doc["answers_count"] == 5 and doc["question"] == "La question."
    assert "mot2unique" in doc["answers"] and "mot3unique" not in doc["answers"]
    assert [h.title for h in search_topics("mot2unique").hits] == ["Un très long sujet"]
    assert search_topics("mot4unique").hits == []


def test_follow_and_rebuild_go_through_every_index(app, people, category, topics_index):
    app.config["SEARCH_APPLY_INLINE"] = False  # as on a node of a multi-process deployment
    try:
        ops.create_topic(category, people["pro"], title="Service civique à l'étranger",
                         body="Est-ce possible ?")
        commit()
        assert search_topics("civique").hits == []
        out = app.test_cli_runner().invoke(args=["search", "follow", "--once"])
        assert out.exit_code == 0, out.output
    finally:
        app.config["SEARCH_APPLY_INLINE"] = True
    assert [h.title for h in search_topics("civique").hits] == ["Service civique à l'étranger"]
    out = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert out.exit_code == 0, out.output
    assert "Index forum: 1 documents" in out.output and "Index article:" in out.output
    assert [h.title for h in search_topics("etranger").hits] == ["Service civique à l'étranger"]
