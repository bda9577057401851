"""Personal data in a post or a message (a minor's phone number above all):
detected, never published. (Being rebuilt for issue 12, item 5.)"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from portal.core.text import fold

DATA = Path(__file__).resolve().parent / "data"

_SEP = r"[\s.\-/]*"
_PHONE_PATTERNS = [
    # France: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78, 0033 6…
    re.compile(rf"(?<![\d])(?:(?:\+|00)\s*33{_SEP}(?:\(0\))?{_SEP}|0)[1-9](?:{_SEP}\d{{2}}){{4}}(?!\d)"),
    # Belgium: 0470 12 34 56, 0470/12.34.56, +32 470 12 34 56, 02 123 45 67, 071 12 34 56
    re.compile(rf"(?<![\d])(?:(?:\+|00)\s*32{_SEP}(?:\(0\))?{_SEP}|0)4\d{{2}}(?:{_SEP}\d{{2}}){{3}}(?!\d)"),
    re.compile(rf"(?<![\d])(?:(?:\+|00)\s*32{_SEP}|0)[1-9](?:{_SEP}\d){{7}}(?!\d)"),
    # Digits typed with any separators in between, nine or more of them after a 0 or +.
    re.compile(r"(?<![\w])(?:\+\s*\d|0)(?:[\s.\-/]?\d){8,11}(?![\w])"),
]
_EMAIL = re.compile(r"[\w.+\-]+\s*(?:@|\(at\)|\[at\])\s*[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}", re.I)
_STREET_WORDS = (r"rue|avenue|av\.?|boulevard|bd|chemin|allee|impasse|place|quai|route|cours|"
                 r"square|residence|lotissement|chaussee|street|st\.|road|lane|straat|laan|"
                 r"steenweg|plein|dreef")
_STREET = [
    # "12 rue des Lilas", "12 bis, avenue Foch"
    re.compile(rf"\b\d{{1,4}}\s*(?:bis|ter|[a-z])?\s*,?\s+(?:{_STREET_WORDS})\b", re.I),
    # "Kerkstraat 12", "rue de la Paix 4" (Belgian order)
    re.compile(r"\b\w+(?:straat|laan|steenweg|plein|dreef)\s+\d{1,4}\b", re.I),
    re.compile(rf"\b(?:{_STREET_WORDS})\s+(?:\w+\s+){{1,4}}\d{{1,4}}\b(?:\s*,?\s*\d{{4,5}})", re.I),
]
# "je m'appelle Léa Martin", "my name is Lea Martin", "ik heet Lea Peeters"
_NAME_INTRO = re.compile(
    r"(?:je m'appelle|je suis|mon nom(?: complet)? est|my name is|i am|i'm|ik heet|mijn naam is)"
    r"\s+([A-ZÀ-Ý][\w\-]+)\s+([A-ZÀ-Ý][\w\-]+)")
_CAPITALISED_PAIR = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ\-]+)\s+([A-ZÀ-Ý][A-Za-zà-ÿ\-]{1,})\b")


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    lines = (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def personal_data_kinds(text: str) -> list[str]:
    kinds = []
    if any(p.search(text) for p in _PHONE_PATTERNS):
        kinds.append("phone")
    if _EMAIL.search(text):
        kinds.append("email")
    folded = fold(text)
    if any(p.search(folded) for p in _STREET):
        kinds.append("address")
    if _NAME_INTRO.search(text) or _full_name(text):
        kinds.append("name")
    return kinds


def _full_name(text: str) -> bool:
    names = _first_names()
    for match in _CAPITALISED_PAIR.finditer(text):
        first, last = fold(match.group(1)), fold(match.group(2))
        if first in names and last not in names:
            return True
    return False
