"""How much an article is for someone aged 13 to 30.

The Service-Public sheets are written for everyone: "Logement" holds renting
one's first flat next to buying one's council flat. Passerelle's readers are
young, so each article gets a weight, stored in its index entry and
multiplied into its score (search_index/articles.py), and the theme pages
list the heaviest first:

- words that say the sheet is about young people (students, apprentices,
  minors, an age between 13 and 30, the Crous, a first job…) raise it,
  twice as much in the title as in the summary;
- words of a life stage later than 30 or of an owner's side (buying, selling,
  retirement, a death in the family, an owner's agreement with the Anah…)
  lower it.

The weights were chosen on the typical searches and the assistant's
questions of ``tests/knowledge/searches.py`` (measured by
``bench/articles.py``; figures in docs/ARTICLES.md): a sheet about young people
moves up a few places, never over a much better match.
"""

from __future__ import annotations

import re

from portal.core.text import fold_words

#: Per distinct marker found (title counts twice), up to MAX_MARKS.
STEP = 0.12
MAX_MARKS = 4
PENALTY = 0.25
FLOOR = 0.6

_YOUNG = [re.compile(r"\b(?:" + p + r")\b") for p in (
    r"jeunes?", r"etudiants?", r"etudes superieures", r"lyceens?", r"collegiens?", r"eleves?",
    r"apprentis?", r"apprentissage", r"alternance", r"stages?", r"stagiaires?", r"mineurs?",
    r"majorite", r"emancipation", r"crous", r"bourses?", r"parcoursup", r"baccalaureat", r"bac",
    r"service civique", r"garantie jeunes", r"contrat d engagement jeune", r"mission locale",
    r"premier emploi", r"1er emploi", r"job d ete", r"jobs? etudiants?", r"colocations?",
    r"colocataires?", r"foyer de jeunes travailleurs", r"habitat jeunes", r"permis a un euro",
    r"conduite accompagnee", r"pass culture", r"erasmus", r"volontariat",
    r"moins de (?:1[6-9]|2[0-9]|30) ans", r"(?:1[3-9]|2[0-9]|30) ans",
)]
_LATER = [re.compile(r"\b(?:" + p + r")\b") for p in (
    r"acheter", r"achat", r"acquisition", r"accession a la propriete", r"vendre", r"vente",
    r"retraites?", r"retraitee?s?", r"personnes? agees?", r"seniors?", r"ehpad", r"viager",
    r"succession", r"heritage", r"heritiers?", r"deces", r"veuve?s?", r"copropriete", r"syndic",
    r"convention anah", r"conventionne anah", r"loi de 1948", r"plus value", r"taxe fonciere",
    r"fonctionnaires?", r"un proprietaire peut il", r"le bailleur",
)]


def _marks(patterns, text: str) -> int:
    return sum(1 for p in patterns if p.search(text))


def youth_weight(title: str, summary: str = "") -> float:
    """The factor an article's score is multiplied by (1.0: neutral)."""
    title, summary = fold_words(title or ""), fold_words(summary or "")
    young = min(MAX_MARKS, 2 * _marks(_YOUNG, title) + _marks(_YOUNG, summary))
    later = min(2, _marks(_LATER, title) + (_marks(_LATER, summary) > 0))
    return round(max(FLOOR, 1.0 + STEP * young - PENALTY * later), 3)
