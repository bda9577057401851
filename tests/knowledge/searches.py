"""Typical searches of young people in the information base, with the sheets
that answer them (chosen by reading the articles). A search counts as found
when one of them is in the first 3; its reciprocal rank is that of the first
one found. Used by tests/knowledge/test_youth_ranking.py and bench/articles.py.
"""

from __future__ import annotations

SEARCHES: list[tuple[str, tuple[str, ...]]] = [
    ("permis de conduire", ("F13609", "F2826", "F21012")),
    ("logement", ("F1563", "F31912", "F2018", "F12006")),
    ("aide au logement", ("F1563", "F12006")),
    ("bourse", ("F12214", "F616", "F984")),
    ("stage", ("F16734", "F1882", "F382")),
    ("apprentissage", ("F2918", "F31704")),
    ("caution appartement", ("F32320", "F33453", "F18490")),
    ("garant", ("F32320", "F33453")),
    ("rsa", ("F286", "F1971")),
    ("prime d'activité", ("F33375",)),
    ("mutuelle", ("F20314",)),
    ("contrat de travail", ("F36", "F1906", "F2918")),
    ("travailler à 16 ans", ("F1649", "F1882", "F15690")),
    ("service civique", ("F13278", "F15834")),
    ("colocation", ("F34661", "F34819")),
    ("compte bancaire", ("F21035",)),
    ("porter plainte", ("F1567", "F20283")),
    ("chômage", ("F1636", "F32700")),
    ("formation", ("F1190", "F32700", "F3147")),
    ("vote", ("F1961", "F1367")),
]
