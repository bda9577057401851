"""The previous word lists, kept as the baseline of ``bench/safety.py``.

Copied unchanged (patterns and logic) from ``portal/core/safety.py``
``detect_distress`` and ``portal/forum/safety.py`` ``personal_data_kinds`` as
they were before issue 12, so the benchmark shows the old and the new
screening side by side on the same messages. Not used by the portal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from portal.core.text import fold, fold_words

DATA = Path(__file__).resolve().parent.parent / "portal" / "safety" / "data"


@dataclass(frozen=True)
class Distress:
    kind: str
    numbers: tuple[str, ...]
    pattern: re.Pattern


def _p(*alternatives: str) -> re.Pattern:
    # A "j" glued in front counts too: "jveux mourir", "jdors dehors".
    return re.compile(r"\bj?(?:" + "|".join(alternatives) + r")")


KINDS = [
    Distress("suicide", ("3114", "112"), _p(
        r"suicid", r"me tuer", r"me tue\b", r"me foutre en l air", r"en finir", r"envie de mourir",
        r"veux mourir", r"ve mourir", r"vx mourir", r"plus envie de vivre", r"pas envie de vivre",
        r"marre de vivre", r"disparaitre pour toujours", r"sauter du pont", r"me pendre",
        r"kill myself", r"want to die", r"wanna die", r"end it all", r"end my life",
        r"zelfmoord", r"dood willen", r"wil dood", r"niet meer leven", r"wil niet meer leven")),
    Distress("self_harm", ("3114", "112"), _p(
        r"scarif", r"me faire du mal", r"me fais du mal", r"me mutil", r"me couper les",
        r"me coupe les", r"self harm", r"selfharm", r"hurt myself", r"hurting myself",
        r"cutting myself", r"cut myself", r"mezelf pijn", r"snijd mezelf", r"mezelf snijden")),
    Distress("violence_home", ("119", "17", "112"), _p(
        r"me frappe", r"me frapent", r"me frappent", r"me tape", r"me tapent", r"me bat\b",
        r"me battent", r"battu", r"maltrait", r"violence[s]? (?:a la maison|chez moi|conjugal|familial)",
        r"violent avec moi", r"peur de rentrer", r"peur de mon pere", r"peur de ma mere",
        r"hits me", r"beats me", r"beat me", r"abuse", r"abused", r"violent at home",
        r"afraid to go home", r"slaat me", r"slaan me", r"mishandel", r"geweld thuis")),
    Distress("sexual_violence", ("17", "119", "112"), _p(
        r"viol\b", r"violee?\b", r"violer", r"agress\w* sexuel", r"attouchement", r"abus sexuel",
        r"abuse sexuel", r"touche de force", r"force a coucher", r"raped", r"rape\b",
        r"sexual assault", r"sexually assault", r"verkracht", r"aanrand", r"seksueel misbruik")),
    Distress("harassment", ("3018", "119"), _p(
        r"harcel", r"harcler", r"harceler", r"cyberharcel", r"cyber harcel", r"insulte sur",
        r"nudes? (?:qui )?circul", r"circul\w* (?:des|mes) (?:nudes?|photos)", r"nudes? de moi", r"photos? de moi (?:qui )?circul", r"menace de publier",
        r"bully", r"bullied", r"harass", r"cyberbull", r"pesten", r"gepest", r"bedreigd online")),
    Distress("no_shelter", ("115",), _p(
        r"a la rue", r"dormir dehors", r"dors dehors", r"dormi dehors", r"sans abri", r"sdf\b",
        r"mis dehors", r"mise dehors", r"vire de chez", r"viree de chez", r"chasse de chez",
        r"chassee de chez", r"nulle part ou dormir", r"nul part ou dormir", r"pas ou dormir",
        r"sans logement ce soir", r"pas de toit", r"homeless", r"kicked out", r"nowhere to sleep",
        r"sleeping rough", r"sleep outside", r"on the street", r"dakloos", r"op straat",
        r"geen slaapplek", r"nergens slapen", r"buiten slapen")),
    Distress("danger", ("119", "17", "112"), _p(
        r"en danger", r"fugue", r"fuguer", r"in danger", r"ran away", r"run away from home",
        r"weggelopen", r"in gevaar", r"agress", r"assault", r"aangevallen")),
]


@dataclass
class DistressResult:
    kinds: list[str]
    numbers: list[str]

    def __bool__(self) -> bool:
        return bool(self.kinds)


def baseline_distress(text: str) -> DistressResult:
    folded = fold_words(text)
    kinds, numbers = [], []
    for kind in KINDS:
        if kind.pattern.search(folded):
            kinds.append(kind.kind)
            numbers.extend(n for n in kind.numbers if n not in numbers)
    if kinds:
        # 17 / 112 always close the list: the numbers for danger right now.
        numbers = [n for n in numbers if n not in ("17", "112")] + ["17", "112"]
    return DistressResult(kinds, numbers)



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


def baseline_personal_data(text: str) -> list[str]:
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
