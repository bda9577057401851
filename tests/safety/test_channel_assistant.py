"""The assistant through portal.safety: numbers first, a plain sentence that
it is there to help, a person to talk to, and the relevance floor — for a
distress message, no article unless it is about that distress — measured on
the corpus' train split (distress.jsonl), before and after the floor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portal.assistant.models import EMERGENCY, AssistantTally
from portal.assistant.operations import DISTRESS_WORDS, answer_question, find_articles
from portal.assistant.understanding import understand
from portal.core.text import fold
from portal.safety import presenting
from tests.support import csrf_token

CORPUS = Path(__file__).parent / "corpus"
FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}

#: What an article about each kind talks about, written apart from the
#: assistant's DISTRESS_WORDS: an article shown for a kind matches its line
#: in its title or summary, or it is unrelated.
ABOUT = {
    "no_shelter": r"heberg|logement|loger|domicile|abri|urgence|115",
    "violence_home": r"enfan|maltrait|violence|coups|protection|mineur|danger",
    "sexual_violence": r"viol|sexuel|agression|plainte",
    "harassment": r"harcel",
    "danger": r"mineur|danger|fugue|protection|enfan",
    "couple_violence": r"violence|conjugal|couple|mariage",
    "sexual_health": r"contracep|grossesse|ivg|enceinte|pilule",
    "eating_addiction": r"addict|drogue|alcool|tabac|alimentaire",
}


def unrelated(article: dict, kinds: list[str]) -> bool:
    text = fold(f"{article['title']} {article['summary']}")
    return not any(k in ABOUT and re.search(ABOUT[k], text) for k in kinds)


def train(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if r["split"] == "train"]


def test_the_relevance_floor_on_the_corpus_train_split(app, all_articles, capsys):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the same index and answers on both databases: measured once")
    rows = train("distress.jsonl")
    flagged = shown_before = shown_after = unrelated_before = unrelated_after = 0
    with app.test_request_context("/", headers=FR):
        for row in rows:
            answer = answer_question(row["text"], record=False)
            if not answer.emergency:
                continue  # recall is the engine's figure (bench/safety.py)
            flagged += 1
            # Numbers first (17 and 112 close the list), a person, no public thread.
            assert answer.numbers and answer.numbers[-1]["number"] == "112", row["id"]
            assert answer.answer.startswith("Je suis là pour t’aider."), row["id"]
            assert answer.handoff["chat_url"] and answer.handoff["forum_url"] is None, row["id"]
            kinds = list(presenting.screen(row["text"]).distress.kinds)
            # Before the floor: the articles the question's own words found.
            extra = [w for k in kinds for w in DISTRESS_WORDS.get(k, "").split()]
            before = [{"title": h.title, "summary": h.summary}
                      for h in find_articles(understand(row["text"]), extra_words=extra)]
            shown_before += bool(before)
            shown_after += bool(answer.articles)
            unrelated_before += any(unrelated(a, kinds) for a in before)
            unrelated_after += any(unrelated(a, kinds) for a in answer.articles)
    with capsys.disabled():
        print(f"\nassistant relevance floor, distress train split: {len(rows)} messages, "
              f"{flagged} flagged; answers with articles {shown_before} → {shown_after}; "
              f"with an unrelated article {unrelated_before} → {unrelated_after}")
    assert flagged > 0
    assert unrelated_after == 0


def test_ordinary_questions_keep_their_articles(app, all_articles):
    """The floor is for distress only: ordinary questions answered as before."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("measured once")
    rows = train("ordinary.jsonl")[:60]
    with app.test_request_context("/", headers=FR):
        for row in rows:
            answer = answer_question(row["text"], record=False)
            if answer.emergency:
                continue  # a false alarm of the engine (bench/safety.py counts them)
            u = understand(row["text"])
            assert [a["id"] for a in answer.articles] == [h.id for h in find_articles(u)] or \
                answer.place is not None, row["id"]


def ask(client, question):
    response = client.post("/api/v1/assistant/ask", json={"question": question}, headers=EN)
    assert response.status_code == 200
    return response.get_json()


def test_a_distress_question_gets_the_numbers_first_and_a_person(client, all_articles, database):
    body = ask(client, "jveux mourir")
    assert body["emergency"] is True
    assert [n["number"] for n in body["numbers"]][:1] == ["3114"]
    assert body["numbers"][-1]["tel"] == "tel:112"
    assert body["answer"].startswith("I am here to help you.")
    assert "talk to a professional here" in body["answer"]
    assert body["articles"] == []  # no sheet is about this: none at all
    assert body["handoff"]["chat_url"] and body["handoff"]["forum_url"] is None
    # Counted, never stored (no question text kept).
    assert database.session.scalar(database.select(AssistantTally.count).where(
        AssistantTally.name == EMERGENCY)) == 1


def test_a_distress_question_with_a_sheet_keeps_only_that_sheet(client, all_articles):
    body = ask(client, "jsuis à la rue ce soir, et nul en maths")
    assert body["numbers"][0]["number"] == "115"
    assert body["articles"] and not any(unrelated(a, ["no_shelter"]) for a in body["articles"])


def test_a_question_with_contact_details_is_not_an_emergency(client, all_articles):
    body = ask(client, "ajoute moi sur snap lea.59, c quoi le permis a 1 euro")
    assert body["emergency"] is False and body["numbers"] == []


def test_the_page_without_javascript_shows_the_numbers_before_the_words(client, all_articles):
    page = client.post("/assistant/", data={"csrf_token": csrf_token(client, "/assistant/"),
                                            "question": "jveux mourir"}, headers=FR)
    html = page.get_data(as_text=True)
    assert html.index('href="tel:3114"') < html.index("Je suis là pour t’aider.")
    assert "data-quick-exit" in html
