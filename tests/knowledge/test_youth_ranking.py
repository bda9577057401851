"""Issue 21: the information base ranked for 13–30 year-olds, measured on the
typical searches and the assistant's questions (bench/articles.py prints the
same figures)."""

from __future__ import annotations

from portal.assistant.understanding import understand
from portal.knowledge.audience import youth_weight
from search_index.articles import search_articles
from tests.assistant.questions import QUESTIONS
from tests.knowledge.searches import SEARCHES


def _mrr(ranked: list[list[str]], expected: list[set[str]]) -> float:
    total = 0.0
    for ids, wanted in zip(ranked, expected, strict=True):
        rank = next((i for i, sid in enumerate(ids, 1) if sid in wanted), None)
        total += 1 / rank if rank else 0.0
    return total / len(ranked)


def _typical(for_young: bool) -> float:
    ranked = [[h.source_id for h in search_articles(q, limit=20, highlight_hits=False,
                                                     for_young=for_young).hits]
              for q, _ in SEARCHES]
    return _mrr(ranked, [set(e) for _, e in SEARCHES])


def _asked(for_young: bool) -> float:
    questions = [(q, e) for q, e, _ in QUESTIONS if e]
    ranked = []
    for question, _ in questions:
        u = understand(question)
        ranked.append([h.source_id for h in search_articles(
            u.query, limit=20, prefer_themes=u.subthemes[:2] + u.themes[:1],
            highlight_hits=False, for_young=for_young).hits])
    return _mrr(ranked, [set(e) for _, e in questions])


def test_the_weight_reads_who_a_sheet_is_for():
    assert youth_weight("Un étudiant peut-il percevoir une aide au logement ?") > 1.2
    assert youth_weight("Comment payer le permis de conduire : permis à un euro, apprenti ?",
                        "Ces aides s'adressent aux jeunes de 15 à 25 ans.") > 1.4
    assert youth_weight("Peut-on acheter son logement social ?") < 1.0
    assert youth_weight("Vol du permis de conduire") == 1.0


def test_young_peoples_sheets_come_first_and_the_measure_improves(all_articles):
    # The examples.
    top3 = [h.source_id for h in search_articles("permis de conduire", limit=3).hits]
    assert "F13609" in top3  # how to pay for the driving licence (13th before)
    housing = [h.title for h in search_articles("", themes=("logement",), limit=10).hits]
    assert not any("acheter" in t for t in housing)  # it opened with buying one's council flat
    # Measured: better on both sets (figures in docs/ARTICLES.md).
    assert _typical(True) > _typical(False) + 0.05
    assert _asked(True) >= _asked(False)
