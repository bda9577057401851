"""An article's "Où s'adresser" turned into the guide near the reader.

A Service-Public sheet names the kinds of office to turn to ("Mission
locale", "Caisse d'allocations familiales (Caf)"…). Those the guide holds
become a link to the guide's search for that kind — near the reader when the
page knows where they are (``?near=``, given by the assistant or kept by the
page's script) — and, with a place, the nearest entries themselves. The guide
is read through its public lookup, as the assistant does; without the
directory domain the offices stay plain text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from flask import url_for

from portal.core.text import fold_words
from search_index.query import NEARBY_RADIUS_KM

log = logging.getLogger(__name__)

OFFICES_TITLE = "Où s'adresser"
#: Entries shown under an office when the reader's place is known.
NEARBY = 2

#: An office's name (folded) → the words the guide finds its entries by.
GUIDE_WORDS = [
    (re.compile(r"\bmission locale\b"), "mission locale"),
    (re.compile(r"\binformation jeunesse\b|\bpij\b|\bcrij\b"), "information jeunesse"),
    (re.compile(r"\bcaisse d allocations familiales\b|\bcaf\b"), "caf"),
    (re.compile(r"\bpole emploi\b|\bfrance travail\b"), "france travail"),
    (re.compile(r"\bcentre d information et d orientation\b|\bcio\b"), "cio"),
    (re.compile(r"\bmaison des adolescents\b"), "maison des adolescents"),
    (re.compile(r"\bfoyer de jeunes travailleurs\b|\bhabitat jeunes\b"), "foyer jeunes travailleurs"),
    (re.compile(r"\bcentre de planification\b|\bplanning familial\b"), "planning familial"),
    (re.compile(r"\bservices? du departement\b|\bservice social\b"), "service social"),
]


@dataclass
class Office:
    name: str
    guide_url: str | None = None
    nearby: list = field(default_factory=list)


def guide_words(name: str) -> str | None:
    folded = fold_words(name)
    return next((words for pattern, words in GUIDE_WORDS if pattern.search(folded)), None)


def offices(sections: list[dict], near: str | None) -> tuple[list[dict], list[Office]]:
    """The sections without "Où s'adresser", and its offices."""
    rest, names = [], []
    for section in sections or ():
        if section.get("title") == OFFICES_TITLE:
            names += [line.strip().lstrip("-").strip()
                      for line in (section.get("text") or "").split("\n") if line.strip()]
        else:
            rest.append(section)
    return rest, [_office(name, near) for name in dict.fromkeys(names)]


def _office(name: str, near: str | None) -> Office:
    words = guide_words(name)
    try:
        guide = url_for("directory.search", q=words, near=near or None) + "#results"
    except Exception:  # the directory domain is not installed
        return Office(name)
    if words is None:
        return Office(name)
    office = Office(name, guide)
    if near:
        office.nearby = _nearby(words, near)
    return office


def _nearby(words: str, near: str) -> list:
    from portal.directory import search_guide
    from portal.geo.places import UnknownPlace

    try:
        found = search_guide({"q": words, "near": near, "radius_km": NEARBY_RADIUS_KM, "type": "structure",
                              "sort": "distance", "per_page": NEARBY, "page": 1})
    except UnknownPlace:
        return []
    return found.page.hits
