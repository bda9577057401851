"""Issue 21: a commune written anywhere in a question, with the gazetteer's
tolerance, and no ordinary word taken for a town."""

from __future__ import annotations

import pytest

from portal.geo.mentions import place_in_text
from tests.assistant.questions import QUESTIONS
from tests.knowledge.searches import SEARCHES


@pytest.mark.parametrize("text, commune", [
    ("jcherche un appart a tourcoing", "Tourcoing"),
    ("je cherche du travail à Villeneuve d'Ascq", "Villeneuve-d'Ascq"),
    ("mission locale roubaix", "Roubaix"),            # no "à": a town's exact name
    ("job d'été près de Roubais", "Roubaix"),         # a typo
    ("permis de conduire a tourcoin", "Tourcoing"),
    ("jsuis a armentiere", "Armentières"),
    ("je vis a marcq en baroeul", "Marcq-en-Barœul"),  # the longest name wins
    ("apprentissage a courtrai", "Kortrijk"),         # across the border, by its French name
    ("woning in Kortrijk", "Kortrijk"),
    ("logement 59100", "Roubaix"),                    # a postal code
    ("je vais à la fac de Lille", "Lille"),
])
def test_a_commune_named_in_a_sentence_is_found(text, commune):
    found = place_in_text(text)
    assert found is not None and found.name == commune


@pytest.mark.parametrize("text", [
    "jsuis à la rue ce soir", "étudier à l'étranger", "job à la plage", "comment m'inscrire a pole emploi",
    "quelqu'un a volé mon compte insta", "j'ai un contrat de travail", "caution appartement",
])
def test_ordinary_words_are_not_towns(text):
    assert place_in_text(text) is None


def test_no_question_of_the_quality_sets_names_a_town():
    texts = [q for q, *_ in QUESTIONS] + [q for q, _ in SEARCHES]
    assert [t for t in texts if place_in_text(t)] == []
