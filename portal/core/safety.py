"""Keeping young people safe, the same way everywhere: distress words and the
numbers to call (the assistant, the live chat, the forum), and addresses kept
only as keyed hashes.

Distress is checked on the folded text before anything else. Deliberately
broad: the numbers shown to someone who did not need them cost little;
missing someone who did costs a lot. Patterns are folded (lower case, no
accents, apostrophes as spaces) and cover French (with informal spellings),
English and Dutch. Each kind of distress has its own numbers, in the order
they are shown; 17 and 112 always close the list.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.core.text import fold_words

#: Every number the assistant may give, in the order they are shown.
NUMBERS = {
    "3114": _l("Suicide prevention: someone listens, day and night, free."),
    "119": _l("Child or teenager in danger (violence, abuse at home): day and night, free."),
    "115": _l("Emergency shelter, for tonight: day and night, free."),
    "3018": _l("Harassment and cyber-harassment, at school or online: free and confidential."),
    "17": _l("Police: when you are in danger right now."),
    "112": _l("Emergency number, from any phone in Europe."),
}


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


def detect_distress(text: str) -> DistressResult:
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


def number_payload(number: str) -> dict:
    return {"number": number, "label": str(NUMBERS[number]), "tel": f"tel:{number}"}


def help_numbers(numbers: list[str] | None = None) -> list[dict]:
    """The numbers to show, as ``{number, label, tel}``: those given (the
    right ones for what was written), else every one."""
    return [number_payload(n) for n in (numbers or NUMBERS)]


def hash_ip(ip: str | None) -> str:
    """Keyed, so the stored value cannot be turned back into an address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (ip or "unknown").encode(), hashlib.sha256).hexdigest()
