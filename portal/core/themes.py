"""The five fields (theme taxonomy of DESIGN.md): fixed codes, translated labels."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Theme:
    code: str
    label: object  # a lazy string, translated when shown
    description: object
    subthemes: dict[str, object]


THEMES: dict[str, Theme] = {t.code: t for t in [
    Theme("decrochage", _l("School drop-out"),
          _l("You left school, college or an apprenticeship, or you are thinking about it."),
          {"scolaire": _l("School"), "universitaire": _l("University"),
           "apprentissage": _l("Apprenticeship")}),
    Theme("orientation", _l("Guidance"),
          _l("Choosing studies, a trade, a path: find out what suits you."),
          {"metiers": _l("Trades and jobs"), "marche-emploi": _l("Job market"),
           "parcours": _l("Study and training paths")}),
    Theme("emploi", _l("Employment and insertion"),
          _l("Finding a job, a work-study contract, starting a business, knowing your rights."),
          {"alternance": _l("Work-study"), "discriminations": _l("Discrimination"),
           "creation-entreprise": _l("Starting a business"), "insertion": _l("Getting into work")}),
    Theme("autonomie", _l("Autonomy"),
          _l("Money, housing, health and getting around on your own."),
          {"ressources": _l("Money and benefits"), "logement": _l("Housing"),
           "sante": _l("Health"), "mobilite": _l("Getting around")}),
    Theme("engagement", _l("Engagement"),
          _l("Volunteering, civic service, expressing yourself, culture, sport, going abroad."),
          {"service-civique": _l("Civic service"), "expression": _l("Having your say"),
           "culture-sport": _l("Culture and sport"),
           "mobilite-internationale": _l("Going abroad")}),
]}

SUBTHEME_PARENT = {sub: t.code for t in THEMES.values() for sub in t.subthemes}


def is_theme_code(code: str) -> bool:
    return code in THEMES or code in SUBTHEME_PARENT


def theme_label(code: str):
    if code in THEMES:
        return THEMES[code].label
    parent = SUBTHEME_PARENT.get(code)
    return THEMES[parent].subthemes[code] if parent else code


def theme_labels() -> dict[str, object]:
    """Every code, field and sub-theme, with its (lazy) label."""
    labels = {}
    for theme in THEMES.values():
        labels[theme.code] = theme.label
        labels.update(theme.subthemes)
    return labels
