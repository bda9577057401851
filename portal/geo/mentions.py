"""A commune named somewhere in a sentence: "jcherche un appart a tourcoing",
"mission locale roubaix", "job d'été près de Roubais", "logement 59100".

The gazetteer decides what is a commune, with its own tolerance (whole names,
whole first words, one typo; see gazetteer.resolve and search). A sentence is
not a "where?" box, though: thousands of communes are also ordinary words
("Rue", "École", "Job", "Le Tranger" for "à l'étranger"), so a name counts

- after a word that introduces a place ("à", "au", "sur", "vers", "près de",
  "du côté de", "in", "near", "te", "bij"…), with typos forgiven, if the
  commune is not a hamlet (MIN_POPULATION_AFTER) and the words are not an
  everyday phrase (PHRASE_WORDS: "à la rue", "à la fac", "à l'étranger");
- anywhere else only as an exact whole name of a town (MIN_POPULATION_BARE);
- a postal code anywhere.

Longer names win over shorter ones ("Villeneuve d'Ascq" over "Villeneuve").
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from portal.geo.gazetteer import Commune, get_gazetteer
from portal.geo.normalize import compact, tokens
from portal.geo.search import max_typos

#: Folded words (and word pairs) after which a place usually comes.
PLACE_WORDS = ("a", "au", "aux", "sur", "vers", "pres de", "pres d", "proche de", "cote de",
               "autour de", "in", "near", "around", "te", "bij", "nabij", "rond")
#: Everyday words that may follow "à" or "sur" without being a place.
PHRASE_WORDS = frozenset("""
    l la le les un une mon ma mes ton ta tes son sa ses ce cet cette
    rue maison ecole fac college lycee etranger route mer campagne montagne domicile distance
    cote droite gauche fois part place heure moment peu pied vie mort age an ans
    temps partiel plein jour nuit soir matin semaine mois internet telephone
    quel quelle qui quoi payer faire etre avoir trouver partir aller
    school home work night the a my
""".split())
MIN_POPULATION_AFTER = 2_000
MIN_POPULATION_BARE = 20_000
MAX_WORDS = 4
#: Shorter words are too often one letter from a town ("pole" → Dole).
MIN_TYPO_LETTERS = 5
_POSTAL = re.compile(r"\b\d{5}\b")


def place_in_text(text: str) -> Commune | None:
    """The commune the sentence names, or None."""
    gazetteer = get_gazetteer()
    for code in _POSTAL.findall(text or ""):
        found = gazetteer.by_postal_code(code)
        if found:
            return found[0]
    words = tokens(text or "")
    if not words:
        return None
    candidates = []  # (words used, introduced by a place word, commune)
    for start in range(len(words)):
        after = _after_place_word(words, start)
        for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
            span = words[start:start + size]
            if all(w in PHRASE_WORDS for w in span):
                continue
            commune = _after(gazetteer, span) if after else _bare(gazetteer, span)
            if commune is not None:
                candidates.append((size, after, commune))
                break
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1], c[2].population))[2]


def _after_place_word(words: list[str], start: int) -> bool:
    before = " ".join(words[max(0, start - 2):start])
    return any(before == w or before.endswith(" " + w) for w in PLACE_WORDS)


def _after(gazetteer, span: list[str]) -> Commune | None:
    text = " ".join(span)
    commune = gazetteer.resolve(text)
    key = compact(text)
    if commune is None and len(key) >= MIN_TYPO_LETTERS:
        # The search box's tolerance ("tourcoin", "armentiere", "roubais"),
        # for the best match only, and only for a whole name.
        best = gazetteer.search(text, limit=1)
        if best and OSA.distance(key, compact(best[0].name)) <= max_typos(len(key)):
            commune = best[0]
    if commune is None or commune.population < MIN_POPULATION_AFTER:
        return None
    return commune


def _bare(gazetteer, span: list[str]) -> Commune | None:
    key = compact(" ".join(span))
    commune = gazetteer.resolve(" ".join(span))
    if commune is None or commune.population < MIN_POPULATION_BARE:
        return None
    names = [commune.name, *commune.alt_names]
    return commune if any(compact(n) == key for n in names) else None
