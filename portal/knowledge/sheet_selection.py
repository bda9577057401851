"""Which Service-Public sections are relevant to young people, and their themes.

A sheet is classified by the first two levels of its breadcrumb after
"Accueil particuliers" (e.g. ``["Logement", "Allocations logement"]``). The
table below was written against the 2020 snapshot of the feed; names are
compared after folding accents, apostrophes, case and punctuation, and a
listed top-level name also matches a longer live name that starts with it
("Argent" matches "Argent - Impôts - Consommation"), so that an import from
the live feed keeps working when the top-level labels are reworded.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from portal.core.text import fold_words as fold


class Rule(NamedTuple):
    theme: str  # top-level breadcrumb label, as written in the feed
    section: str  # second-level label (or its beginning when prefix is True)
    themes: tuple[str, ...]  # taxonomy codes (DESIGN.md, "The five fields")
    subthemes: tuple[str, ...]  # sub-theme codes; empty when none is obvious
    prefix: bool = False


def _rules(theme, sections, themes, subthemes=(), prefix=False):
    return [Rule(theme, s, tuple(themes), tuple(subthemes), prefix) for s in sections]


# Order matters only for prefix rules: the first matching rule wins, so a
# specific section is listed before the prefix that would also cover it.
RULES: list[Rule] = [
    # decrochage
    *_rules("Famille", ["Collège et lycée", "Obligation scolaire",
                        "Parcours éducatifs alternatifs", "Diplômes"],
            ["decrochage"], ["scolaire"]),
    # orientation
    *_rules("Famille", ["Formations et diplômes de l'enseignement supérieur",
                        "Inscription dans l'enseignement supérieur",
                        "Étudiant étranger en France"],
            ["orientation"], ["parcours"]),
    # Erasmus, stages and grants abroad are also international mobility.
    *_rules("Famille", ["Étudier à l'étranger"],
            ["orientation", "engagement"], ["parcours", "mobilite-internationale"]),
    # emploi
    # Apprenticeship is also a way back for school drop-outs (decrochage/apprentissage).
    *_rules("Travail", ["Alternance"], ["emploi", "decrochage"], ["alternance", "apprentissage"]),
    *_rules("Travail", ["Contrats d'insertion", "Stage en entreprise",
                        "Recrutement dans le secteur privé",
                        "Contrats de travail dans le secteur privé",
                        "Rémunération dans le secteur privé"],
            ["emploi"], ["insertion"]),
    *_rules("Social - Santé", ["Chômage : aides à la création ou la reprise d'entreprise"],
            ["emploi"], ["creation-entreprise"]),
    *_rules("Social - Santé", ["Chômage"], ["emploi"], ["insertion"], prefix=True),
    *_rules("Social - Santé", ["Allocation chômage d'aide au retour à l'emploi (ARE)"],
            ["emploi"], ["insertion"]),
    *_rules("Justice", ["Discrimination"], ["emploi"], ["discriminations"]),
    # autonomie
    *_rules("Logement", ["Accéder à un logement social",
                         "Aide pour le dépôt de garantie ou la caution d'un logement en location",
                         "Allocations logement", "Devenir locataire d'un logement privé",
                         "Aides au paiement des factures : eau, téléphone, électricité, gaz"],
            ["autonomie"], ["logement"]),
    *_rules("Logement", ["Location immobilière"], ["autonomie"], ["logement"], prefix=True),
    *_rules("Social - Santé", ["Hébergement social"], ["autonomie"], ["logement"]),
    *_rules("Social - Santé", ["Affiliation à la sécurité sociale (assurance maladie)",
                               "Complémentaire santé et couverture maladie universelle complémentaire",
                               "Remboursement des soins par la sécurité sociale",
                               "Contraception - IVG", "Addictions", "Prévention - Vaccinations"],
            ["autonomie"], ["sante"]),
    *_rules("Social - Santé", ["Prime d'activité", "Revenu de solidarité active (RSA)"],
            ["autonomie"], ["ressources"]),
    *_rules("Famille", ["Bourses et aides pour étudiant", "Aides financières pour la scolarité"],
            ["autonomie"], ["ressources"]),
    *_rules("Argent", ["Comptes bancaires", "Surendettement"], ["autonomie"], ["ressources"]),
    *_rules("Transports", ["Permis de conduire", "Cartes de transport"],
            ["autonomie"], ["mobilite"]),
    # Victims' rights: autonomy, but none of its four sub-themes fits.
    *_rules("Justice", ["Harcèlement", "Mineur victime", "Violence - Atteinte à l'intégrité",
                        "Infractions sur internet"],
            ["autonomie"]),
    # engagement
    *_rules("Papiers - Citoyenneté", ["Volontariats"], ["engagement"], ["service-civique"]),
    *_rules("Papiers - Citoyenneté", ["Recensement, JDC et service national"], ["engagement"]),
    *_rules("Papiers - Citoyenneté", ["Élections"], ["engagement"], ["expression"]),
    *_rules("Loisirs", ["Sport", "Aides aux vacances", "Art"], ["engagement"], ["culture-sport"]),
]

# Words that come and go when a label is reworded ("Aide au logement" /
# "Aides pour le logement").
STOP_WORDS = {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
              "ou", "pour", "sur", "un", "une"}
# Two words this close are the same word retyped ("complementaire" /
# "complementaires"); whole labels are never compared as strings, since
# "Contrats de travail…" and "Conflits du travail…" share most letters.
WORD_CUTOFF = 0.85


def _theme_matches(listed: str, actual: str) -> bool:
    listed, actual = fold(listed), fold(actual)
    return actual == listed or actual.startswith(listed + " ")


def _section_matches(rule: Rule, section: str) -> bool:
    listed, actual = fold(rule.section), fold(section)
    if rule.prefix:
        return actual == listed or actual.startswith(listed + " ")
    if actual == listed:
        return True
    words, other = _content_words(listed), _content_words(actual)
    return len(words) == len(other) and all(
        difflib.SequenceMatcher(None, a, b).ratio() >= WORD_CUTOFF for a, b in zip(words, other, strict=True))


def _content_words(folded: str) -> list[str]:
    """Words that carry the meaning, plural marks dropped."""
    return [w.rstrip("sx") if len(w) > 3 else w for w in folded.split() if w not in STOP_WORDS]


def match_rule(theme_path: list[str]) -> Rule | None:
    """The rule covering a breadcrumb ``[theme, section]``, or None."""
    if len(theme_path) < 2:
        return None
    theme, section = theme_path[0], theme_path[1]
    candidates = [r for r in RULES if _theme_matches(r.theme, theme)]
    # Exact (folded) names first, so fuzzy matching never steals a sheet from
    # the section it literally belongs to.
    for rule in candidates:
        if fold(rule.section) == fold(section):
            return rule
    for rule in candidates:
        if _section_matches(rule, section):
            return rule
    return None


def classify(theme_path: list[str]) -> tuple[list[str], list[str]]:
    """Theme and sub-theme codes for a breadcrumb; empty lists when not selected."""
    rule = match_rule(theme_path)
    if rule is None:
        return [], []
    return list(rule.themes), list(rule.subthemes)


def select_sheets(sheets) -> list[dict]:
    """Keep the "F" sheets of the listed sections that have some text, sorted by id.

    ``sheets`` are dicts from ``parse_json_sheet``/``parse_xml_sheet``, whose
    ``themes``/``subthemes`` were already filled by :func:`classify`.
    Sheets without sections (pages made only of links) are left out: they
    have nothing to show or to answer from.
    """
    chosen = [
        s for s in sheets
        if s["id"].startswith("F") and s["themes"] and s["sections"]
    ]
    return sorted(chosen, key=sheet_sort_key)


def sheet_sort_key(sheet: dict) -> tuple:
    """Numeric order of ids (F2 before F10), stable across builds."""
    sid = sheet["id"]
    digits = sid[1:]
    return (sid[:1], int(digits) if digits.isdigit() else 0, sid)


def unmatched_rules(theme_paths) -> list[Rule]:
    """Listed sections that no breadcrumb matched: for a human to check the table."""
    used = {match_rule(list(p)) for p in theme_paths}
    return [r for r in RULES if r not in used]


def approximate_matches(theme_paths) -> list[tuple[str, str]]:
    """(listed section, actual section) pairs matched only approximately."""
    pairs = set()
    for path in theme_paths:
        rule = match_rule(list(path))
        if rule and not rule.prefix and fold(rule.section) != fold(path[1]):
            pairs.add((rule.section, path[1]))
    return sorted(pairs)
