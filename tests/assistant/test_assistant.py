"""The assistant: the issue's three examples, the API shape, distress first,
the quality floor, the page without JavaScript, and the anonymous counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.assistant.models import AssistantTally, OpenQuestion
from portal.assistant.operations import answer_question
from portal.assistant.understanding import understand
from portal.safety import detect_distress
from tests.assistant.questions import QUESTIONS
from tests.support import submit

EN = {"Accept-Language": "en"}
RECALL_FLOOR = 0.85


def ask(client, question, **extra):
    response = client.post("/api/v1/assistant/ask", json={"question": question, **extra},
                           headers=EN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_the_three_examples_get_useful_answers_with_sources(client, all_articles):
    street = ask(client, "jsuis à la rue ce soir")
    assert street["emergency"] is True
    assert street["numbers"][0]["number"] == "115"
    assert "shelter" in street["numbers"][0]["label"].lower()
    assert {"F2003", "F17317", "F20343"} & {a["source_id"] for a in street["articles"]}

    permis = ask(client, "comment payer mon permis")
    assert permis["emergency"] is False and permis["numbers"] == []
    assert permis["articles"][0]["source_id"] == "F13609"
    first = permis["articles"][0]
    assert set(first) == {"id", "source_id", "title", "summary", "url"}
    assert first["url"].startswith("/information/F13609-") and first["summary"]

    school = ask(client, "j'ai arrêté le lycée je fais quoi")
    assert school["articles"][0]["source_id"] == "F32846"
    assert "decrochage" in school["themes"]
    for key in ("answer", "themes", "articles", "resources", "handoff", "emergency", "numbers"):
        assert key in school
    assert set(school["handoff"]) >= {"chat_online", "booking"}
    assert school["ask_place"] is True  # it asks for a commune


def test_quality_set_recall_and_every_distress_question_flagged(app, all_articles):
    assert len(QUESTIONS) >= 80
    found = scored = 0
    with app.test_request_context("/", headers=EN):
        for question, expected, numbers in QUESTIONS:
            answer = answer_question(question, record=False)
            if numbers is not None:
                shown = [n["number"] for n in answer.numbers]
                assert answer.emergency, question
                assert set(numbers) <= set(shown), (question, shown)
                assert shown[-2:] == ["17", "112"]
            elif answer.emergency:
                pytest.fail(f"not a distress question, flagged: {question}")
            if expected:
                scored += 1
                found += bool({a["source_id"] for a in answer.articles[:3]} & set(expected))
    assert found / scored >= RECALL_FLOOR, f"recall@3 {found / scored:.3f}"


@pytest.mark.parametrize("text, numbers", [
    ("jveux me suicider", {"3114"}), ("I want to die", {"3114"}), ("ik wil dood", {"3114"}),
    ("mon copain me frappe", {"119", "17"}), ("on ma violée", {"17"}),
    ("je suis harcelé sur snap", {"3018"}), ("jdors dehors", {"115"}),
    ("kicked out by my parents", {"115"}), ("ik word gepest", {"3018"}),
])
def test_distress_in_three_languages(text, numbers):
    result = detect_distress(text)
    assert result and numbers <= set(result.numbers)


def test_ordinary_questions_are_not_distress():
    for text in ("comment payer mon permis", "apl etudiant", "violence des jeux video ?",
                 "c quoi un cdd", "ou voter"):
        assert not detect_distress(text), text


def test_informal_french_is_rewritten():
    u = understand("jsuis pr 1 appart g pas de taf kel aide")
    assert {"logement", "travail", "emploi"} <= set(u.words)
    assert "autonomie" in u.themes and "emploi" in u.themes
    assert understand("how can I get a driving licence").words[:2] == ["permis", "conduire"]


def test_nothing_found_is_said_plainly_and_kept_for_editors(client, all_articles, database):
    data = ask(client, "xqzwv plorf")
    assert data["articles"] == [] and "did not find anything" in data["answer"]
    key = database.session.scalar(select(OpenQuestion.text).where(OpenQuestion.key == "xqzwv plorf"))
    assert key == "xqzwv plorf"
    # Distress questions are counted, never kept.
    ask(client, "jveux mourir xqzwv")
    assert database.session.scalar(
        select(OpenQuestion.id).where(OpenQuestion.text.like("%mourir%"))) is None


def test_feedback_counts_and_lists_unhelpful_questions(client, create_user, login, sample_articles,
                                                       database):
    for vote in ("up", "down", "not_answered"):
        response = client.post("/api/v1/assistant/feedback", headers=EN,
                               json={"question": "apl pour un etudiant", "vote": vote})
        assert response.status_code == 204
    names = dict(database.session.execute(select(AssistantTally.name, AssistantTally.count)).all())
    assert names["up"] == 1 and names["down"] == 1 and names["not_answered"] == 1
    row = database.session.scalar(select(OpenQuestion).where(OpenQuestion.key == "apl pour un etudiant"))
    assert row.unhelpful == 2
    login(create_user(role="editor"))
    page = client.get("/assistant/questions", headers=EN).get_data(as_text=True)
    assert "apl pour un etudiant" in page


def test_near_gives_guide_entries_or_says_the_place_is_unknown(client, sample_articles):
    data = ask(client, "aide au logement apl", near="Lille")
    assert data["place"]["name"].startswith("Lille")
    assert isinstance(data["resources"], list)
    unknown = ask(client, "aide au logement apl", near="Zzyzxville")
    assert unknown["place_error"] and unknown["resources"] == []


def test_page_works_without_javascript(client, sample_articles):
    page = client.get("/assistant/", headers=EN).get_data(as_text=True)
    assert "Ask a question" in page
    response = submit(client, "/assistant/", {"question": "apl etudiant", "near": ""},
                      headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "/information/F1563-" in page and "This did not answer me" in page
    response = submit(client, "/assistant/", {"question": "jsuis a la rue", "near": ""},
                      headers=EN)
    page = response.get_data(as_text=True)
    assert page.index('href="tel:115"') < page.index("answer-text")


def test_a_town_in_the_question_gives_the_guide_there(app, client, sample_articles):
    # Issue 21: "… à Tourcoing" was ignored.
    data = ask(client, "je cherche un logement a tourcoing")
    assert data["place"]["name"] == "Tourcoing" and data["place"]["query"] == "Tourcoing"
    assert not data["ask_place"]
    # A town is not what the articles are about.
    with app.test_request_context():
        answer = answer_question("je cherche un logement a tourcoing", record=False)
    assert "tourcoing" not in answer.understood


def test_without_a_place_when_local_help_matters_it_asks_for_one(client, sample_articles):
    data = ask(client, "je cherche un logement")
    assert data["ask_place"] and data["place"] is None
    # The page without JavaScript offers the place right in the answer.
    page = submit(client, "/assistant/", {"question": "je cherche un logement", "near": ""})
    html = page.get_data(as_text=True)
    assert 'class="ask-place"' in html and 'id="ask-place-near"' in html
