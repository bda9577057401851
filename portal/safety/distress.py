"""Distress by kind, built for recall: a false alarm shows numbers to
someone who did not need them, a miss can cost a life.

Each kind is a list of patterns over the normalised words
(``normalise.py``), written from concepts (``concepts.py``: who, doing
what, to whom, within a few words) rather than phrases. A general pattern
(``~``) is quieted when the message is about a topic (an essay, a film, a
charity round); a first-person one never is. Idioms that are not about the
writer's own death ("mort de rire", "ce prof me tue") are cut out before
matching.

Kinds are in the order of the issue, which is also the order of their
numbers (``numbers.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from portal.safety import model
from portal.safety import normalise as norm
from portal.safety.concepts import TOPIC
from portal.safety.numbers import number_ids, payload
from portal.safety.patterns_harm import EATING_ADDICTION, SELF_HARM, SUICIDE
from portal.safety.patterns_situation import NO_SHELTER, SEXUAL_HEALTH
from portal.safety.patterns_violence import (
    COUPLE_VIOLENCE,
    FORCED_MARRIAGE,
    HARASSMENT,
    SEXUAL_VIOLENCE,
    VIOLENCE_AT_HOME,
)

PATTERNS = {
    "suicide": SUICIDE,
    "self_harm": SELF_HARM,
    "violence_home": VIOLENCE_AT_HOME,
    "sexual_violence": SEXUAL_VIOLENCE,
    "couple_violence": COUPLE_VIOLENCE,
    "harassment": HARASSMENT,
    "no_shelter": NO_SHELTER,
    "sexual_health": SEXUAL_HEALTH,
    "eating_addiction": EATING_ADDICTION,
}

# Figures of speech about dying, killing or the street that are not
# distress (corpus rule 3): removed before matching, the rest of the
# message is still read.
IDIOMS = re.compile(r"\b(?:" + "|".join([
    r"mort(?:e|s)? de (?:rire|fatigue|honte|faim|froid|chaud|peur)", r"mdr", r"lol", r"ptdr",
    r"mourir de (?:rire|faim|honte|chaud|froid|ennui|fatigue)", r"meurs de (?:faim|rire|chaud|froid|honte)",
    r"crever de (?:chaud|faim|froid)", r"creve de (?:chaud|faim|froid)", r"on creve",
    r"(?:ce|le|la|cette|mon|ma) (?:prof|profe?sseur|exam|controle|dossier|travail|boulot|taf|bus|coloc)\w* (?:\w+ )?me tue\w*",
    r"me tue avec", r"(?:va|vont|vas|gonna|going to|gaat|gaan) (?:me |us )?(?:tuer|kill|vermoorden)(?: (?:me|us))? (?:si|if|als)\b",
    r"tuer le temps", r"tue le game", r"tue le temps", r"tuer tout le monde", r"tuer par un bot",
    r"fait tuer par", r"killing me with", r"killed it", r"i am dead", r"dead (?:lol|lmao)", r"lmao\w*",
    r"je suis mort", r"suis mort (?:de|apres)", r"au bout de ma vie avec", r"failli mourir de",
    r"je vais mourir en allant", r"vais crever si", r"sterf van de honger", r"dood van de honger",
    r"de tijd doden", r"time to kill", r"kill time", r"kapot(?:gemaakt)?", r"tijd doden",
    r"la rue (?:des|du|de la|de|d)\b \w+", r"rue \w+ (?:c est|shopping|on)", r"c est une expression",
    r"nie echt", r"niet echt", r"battu mon record", r"beat my (?:personal )?record",
    r"mes cheveux", r"me couper (?:une|la|les) (?:frange|cheveux)", r"rayures", r"c est abuse", r"abuse", r"brule la langue", r"burnt my tongue", r"in mijn vinger gesneden",
    r"bij het koken", r"en cuisinant", r"while cooking", r"me suis coupe le doigt", r"cut my finger",
    r"(?:pere|mere|mum|mom|dad|pa|ma|prof|coach|soeur|frere|parents) (?:\w+ )?(?:va|vont|is gonna|is going to|gaat|gaan) "
    r"(?:me|nous|us) (?:tuer|buter|kill|vermoorden)", r"disparaitre (?:sous|de) (?:ma couette|terre|honte)",
    r"rentrer sous terre", r"(?:faim|soif|chaud|froid|ennui)(?: \w+){0,3} (?:je vais|vais|va) (?:crever|mourir)",
    r"c est pour rire", r"pour rire", r"just kidding", r"grapje",
]) + r")\b")
_TOPIC = re.compile(TOPIC)
# Framed as fiction or schoolwork: nothing in it is the writer's distress.
_FICTION = re.compile(r"\b(?:" + "|".join([
    r"dans (?:le|la|un|une) (?:livre|film|serie|jeu|roman|manga|chanson|clip|episode)", r"le heros",
    r"l heroine", r"le personnage", r"fiche de lecture", r"in the (?:game|book|film|movie|show|series)",
    r"in (?:de|het) (?:film|boek|spel|game|reeks)", r"werk over", r"expose (?:sur|pour)", r"essay (?:on|about)",
    r"school project", r"spreekbeurt", r"dissertation sur", r"pour (?:mon|un|notre) expose", r"la scene ou",
    r"dans la serie", r"13 reasons why", r"in the series",
]) + r")\b")
_FORCED_MARRIAGE = re.compile(FORCED_MARRIAGE)
# Sleeping out for fun or for a trip, leaving home for one's studies: not
# "no shelter", unless the message also says thrown out, runaway or the street.
_LEISURE = re.compile(r"\b(?:camping|kamperen|kamp|camp|scouts?|patro|chiro|bivouac|belle etoile|festival|vacances|"
                      r"holiday|vakantie|weekend|concert|hotel|auberge|hostel|airbnb|citytrip|trip|voyage|pas cher|"
                      r"goedkoop|cheap|en attendant le (?:premier )?train|rate le dernier|missed the last|pour mes etudes|"
                      r"for uni|op kot|kot|coloc|demenag\w*|erasmus|stage)\b")
_NO_SHELTER_STRONG = re.compile(r"\b(?:mis\w* dehors|fout\w* dehors|a la porte|vire\w*|chasse\w*|kicked out|thrown out|"
                                r"buitengezet|eruit gegooid|fugu\w*|ran away|run away|weggelopen|enfui\w*|a la rue|"
                                r"dans la rue|homeless|sdf|dakloos|op straat|nulle part|nowhere|nergens|squat)\b")
# A cut or a burn by accident (cooking, sport, a door): not self-harm, unless
# the message says it was on purpose or names the usual means.
_ACCIDENT = re.compile(r"\b(?:en (?:epluchant|cuisinant|coupant|bricolant|rasant|jouant)|cuisine|doigt|finger|vinger|"
                       r"koken|cooking|accident\w*|tombe\w*|chute|fell|gevallen|match|entrainement|training|velo|"
                       r"placard|porte|door|deur|mdr|lol|haha|ptdr|four|oven|fer a repasser)\b")
_SELF_HARM_STRONG = re.compile(r"\b(?:scarif\w*|mutil\w*|expres|on purpose|opzettelijk|lames?|cutter|compas|"
                               r"rasoir|razor|mesje|punir|punish|straf|soulage|calme|cicatrices|scars|rechut\w*|"
                               r"relaps\w*|encore|again|weer|bras|arms?|armen|cuisses|thighs|poignets?|wrists?)\b")

KIND_ORDER = list(PATTERNS)


def _compile(patterns: list[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    strong = [p for p in patterns if not p.startswith("~")]
    general = [p[1:] for p in patterns if p.startswith("~")]
    join = lambda ps: re.compile("|".join(f"(?:{p})" for p in ps)) if ps else None  # noqa: E731
    return join(strong), join(general)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[re.Pattern | None, re.Pattern | None]]:
    return {kind: _compile(patterns) for kind, patterns in PATTERNS.items()}


#: Words a typo must not hide: a misspelt one is read as the word
#: (``normalise._correct``: same first letter, one edit, two from nine
#: letters). Chosen by hand, distinctive and long: correcting towards every
#: word of the patterns turned "craque" into "chaque".
KEY_WORDS = """
mourir suicide suicider suicidaire suicidaires disparaitre crever pendre scarifie scarifier scarifiee
scarification mutiler mutile automutilation tailladee taillade enceinte grossesse preservatif capote
pilule lendemain violee violer violeur violes agresse agressee agression agressions attouchement
attouchements harcele harcelee harcelement harceler harcelent menace menaces menacee frappe frapper
frappait frappent tabasse tabasser etrangle etrangler enferme enfermee enfermer insulte insultes
cachets medicaments medocs doliprane paracetamol somniferes antidepresseurs overdose anorexie boulimie
anorexique boulimique vomir laxatifs alcool cocaine ketamine dehors fugue fuguer hebergement expulse
expulsee maltraitance maltraite cicatrices coupures saigne rasoir enterrement disparais sextorsion
suicidal pregnant condom harassed harassment bullied bullying raped abortion overdosed cutting
zelfmoord zwanger verkracht aangerand gepest dakloos weggelopen verslaafd condoom slaappillen
""".split()


# Ordinary words one letter away from a key word, never corrected.
KNOWN = {
    "violet", "violette", "violent", "violente", "violents", "monter", "montre", "montrer", "coupe",
    "toucher", "touche", "manger", "mangee", "prendre", "pendant", "pendre", "partir", "parti",
    "sortir", "sortie", "mourir", "tenter", "tente", "fugue", "rentrer", "rester", "dormir", "enceinte",
    "enceintes", "ceinture", "cours", "course", "courses", "classe", "classes", "passer", "casser",
    "lasser", "laisser", "blesser", "presser", "dresser", "baisser", "reviser", "aviser", "battre",
    "lettre", "lettres", "mettre", "metre", "metres", "tomber", "bomber", "frapper", "attraper",
    "salle", "seule", "seules", "cheveux", "chevaux", "enfant", "enfants", "parents", "parent", "avant",
    "devant", "pleure", "pleurer", "heures", "minutes", "months", "mother", "father", "brother",
    "sister", "school", "things", "thinks", "during", "dating", "hiding", "riding", "cutter", "butter",
    "better", "letter", "matter", "killer", "filler", "pilule", "pilules", "bouteille", "boutique",
    "horaires", "prison", "poison", "maison", "raison", "saison", "rayures", "voiture", "nature",
    "mature", "ordure", "stage", "stages", "plage", "images", "visage", "message", "messages", "mariage",
    "marier", "maries", "parier", "papier", "papiers", "jouer", "joueur", "joueurs", "cacher", "chercher",
    "lecher", "pecher", "marcher", "toujours", "bonjour", "retour", "detour", "alcool", "clopes",
}


def _known_words() -> set[str]:
    path = Path(__file__).resolve().parent / "data" / "known_words.txt"
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def register() -> None:
    norm.register_key_words(KEY_WORDS, known=KNOWN | _known_words())


@dataclass
class DistressResult:
    """What was recognised: the kinds (in the issue's order) and the ids of
    their numbers in the order to show. Falsy when nothing was."""

    kinds: list[str] = field(default_factory=list)
    number_ids: list[str] = field(default_factory=list)
    country: str = "FR"

    def __bool__(self) -> bool:
        return bool(self.kinds)

    @property
    def numbers(self) -> list[str]:
        """The numbers as written ("3114", "0 800 235 236"), in order."""
        return [payload(n)["number"] for n in self.number_ids]

    @property
    def payloads(self) -> list[dict]:
        return [payload(n) for n in self.number_ids]


def kinds_in(text: str | None, locale: str | None = None) -> list[str]:
    """The kinds of distress recognised in a message, in the issue's order."""
    if not norm.KEY_WORDS:
        register()
    words = norm.normalise(text, locale)
    words = IDIOMS.sub(" ", words)
    if _FICTION.search(words):
        return []
    topical = _TOPIC.search(words) is not None
    found = []
    for kind, (strong, general) in _compiled().items():
        if (strong is not None and strong.search(words)) or (
                general is not None and not topical and general.search(words)):
            found.append(kind)
    if "no_shelter" in found and _LEISURE.search(words) and not _NO_SHELTER_STRONG.search(words):
        found.remove("no_shelter")
    if "self_harm" in found and _ACCIDENT.search(words) and not _SELF_HARM_STRONG.search(words):
        found.remove("self_harm")
    if not found and not topical:
        found = _second_opinion(words)
    elif found:
        found = _more_kinds(words, found)
    # A minor forced to marry is also a child in danger (corpus rule 7).
    if ("couple_violence" in found and "violence_home" not in found and _FORCED_MARRIAGE.search(words)
            and minor_in(text) is not False):
        found = sorted([*found, "violence_home"], key=KIND_ORDER.index)
    return found


def _second_opinion(words: str) -> list[str]:
    """The learned model's kinds when the patterns saw nothing but it is
    confident there is distress (``model.py``)."""
    found = model.scores(words.split())
    if found is None or found["distress"] <= model.threshold():
        return []
    # The model names kinds less surely than it sees distress: its three
    # likeliest kinds (their numbers cost little), in the order.
    likeliest = sorted(KIND_ORDER, key=found.__getitem__, reverse=True)[:3]
    return [kind for kind in KIND_ORDER if kind in likeliest and (found[kind] > -1 or kind == likeliest[0])]


#: Log-odds over which the model's kind heads add a kind to the patterns'
#: ones (a second danger the patterns did not name: more numbers, cheap).
EXTRA_KIND = 2.0


def _more_kinds(words: str, found: list[str]) -> list[str]:
    scores = model.scores(words.split())
    if scores is None:
        return found
    extra = {kind for kind in KIND_ORDER if kind not in found and scores[kind] > EXTRA_KIND}
    return [kind for kind in KIND_ORDER if kind in found or kind in extra]


def detect_distress(text: str | None, *, locale: str | None = None, country: str | None = "FR",
                    minor: bool | None = None) -> DistressResult:
    kinds = kinds_in(text, locale)
    if minor is None and kinds:
        minor = minor_in(text)
    country = "BE" if (country or "").upper() == "BE" else "FR"
    return DistressResult(kinds, number_ids(kinds, country=country, minor=minor, locale=locale),
                          country)


_AGE_OF_WRITER = re.compile(r"\b(?:j ai|je suis|i am|ik ben|ben|age de|agee? de|moi|me) (?:\w+ ){0,1}(\d{1,2}) (?:ans|jaar|years?|yo)\b"
                            r"|\b(?:j ai|i am|ik ben|ben) (\d{1,2})\b")
_MINOR = re.compile(r"\b(?:" + "|".join([
    r"college", r"lycee", r"collegien\w*", r"lyceen\w*", r"en (?:6e|5e|4e|3e|seconde|2nde|premiere|1ere|terminale)",
    r"(?:6e|5e|4e|3e|seconde|2nde|terminale|rheto)", r"brevet", r"middelbaar", r"brugklas", r"year (?:[7-9]|1[0-3])",
    r"high school", r"secondaire", r"athenee", r"mes parents", r"my parents", r"mijn ouders", r"ma mere",
    r"mon pere", r"my (?:mum|mom|dad)", r"mijn (?:ma|pa|moeder|vader)", r"in het \d+(?:de|ste)",
]) + r")\b")
_ADULT = re.compile(r"\b(?:fac|universite|etudiant en l\d|erasmus|student|kot|salaire|mon mari|my husband|"
                    r"mijn man|mon patron|my boss|mijn baas|mon manager|my manager|mon coloc)\b")


def minor_in(text: str | None) -> bool | None:
    """True when the message says the writer is under 18, False when it says
    an adult's age or situation, None otherwise (numbers for minors are then
    shown). Only the writer's own age counts, not a sister's."""
    words = norm.normalise(text)
    if match := _AGE_OF_WRITER.search(words):
        age = int(match.group(1) or match.group(2))
        if 5 <= age <= 30:
            return age < 18
    if _ADULT.search(words):
        return False
    return True if _MINOR.search(words) else None


def explain(text: str | None, locale: str | None = None) -> list[tuple[str, str]]:
    """Which pattern recognised which kind, and on which words (for tests
    and for tuning on the train split)."""
    if not norm.KEY_WORDS:
        register()
    words = IDIOMS.sub(" ", norm.normalise(text, locale))
    found = []
    for kind, patterns in PATTERNS.items():
        for pattern in patterns:
            if match := re.search(pattern.removeprefix("~"), words):
                found.append((kind, match.group(0)))
    return found
