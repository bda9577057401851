"""Text the way 13–20 year-olds type it, turned into plain words before any
matching: "JVEU PU mouriiir", "chui a bout", "g pris tt les medocs",
"kweet nie" and "idk wanna die" all reach the detector as ordinary words.

Steps, in order (each one cheap; a message is a few dozen words):

1. fold: lower case, accents and ligatures gone, curly apostrophes straight
   (``portal.core.text.fold``, the one fold of the portal);
2. letters repeated for emphasis cut to one ("mourirrrr", "nooon");
3. words: anything else than a letter or a digit separates words, so a
   missing apostrophe and a missing space after one read the same
   ("j'veux", "jveux", "j veux");
4. SMS spellings and contractions spelled out (French, English, Dutch),
   a glued "j"/"m"/"t" before a verb split off ("jme coupe" → "je me coupe");
5. typos on the detector's key words corrected by edit distance
   ("enseinte", "suicde", "viollé"), never on a word the vocabulary
   already knows.

The result is a string of words separated by single spaces with a space at
each end, so patterns can ask for whole words with a plain space.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from portal.core.text import fold

# English contractions before the apostrophe becomes a space ("i'm" is not
# the French "m'"): "i'm" → "i am", "won't" → "will not", "they're" → "they are".
_ENGLISH = re.compile(r"(?<=\bi)('m)\b|(?<=[a-z])(n't|'re|'ve|'ll)\b")
_ENGLISH_FULL = {"'m": " am", "n't": " not", "'re": " are", "'ve": " have", "'ll": " will"}
_REPEATS = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Leetspeak inside a word ("m0urir", "v1ol", "su1c1de"): a digit between
# letters is a letter. Numbers on their own (ages, times) are left alone.
_LEET = re.compile(r"(?<=[a-z])[0134578@$](?=[a-z])|(?<=[a-z]{2})[0134]\b")
_LEET_MAP = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                           "@": "a", "$": "s"})

#: Whole words written for other words. One table for the three languages:
#: a French message with English slang in it is common, and none of these
#: keys is an ordinary word of another of the languages.
SMS = {
    # French
    "chui": "je suis", "chuis": "je suis", "jsuis": "je suis", "jsui": "je suis",
    "chu": "je suis", "shui": "je suis", "sui": "suis",
    "jsp": "je sais pas", "jsais": "je sais", "chais": "je sais", "jpp": "j en peux plus",
    "jenpeuxplus": "j en peux plus", "jpeux": "je peux", "jpx": "je peux",
    "tkt": "t inquiete", "inkiete": "inquiete",
    "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "pcq": "parce que", "pck": "parce que",
    "psk": "parce que", "paske": "parce que",
    "bcp": "beaucoup", "bcq": "beaucoup",
    "g": "j ai", "jai": "j ai",
    "c": "c est", "cest": "c est", "ct": "c etait", "ctait": "c etait", "cetait": "c etait",
    "koi": "quoi", "kwa": "quoi", "ki": "qui", "ke": "que", "kand": "quand",
    "mm": "meme", "mem": "meme",
    "ya": "il y a", "yavait": "il y avait", "yaura": "il y aura",
    "slt": "salut", "bjr": "bonjour", "bsr": "bonsoir", "cc": "coucou",
    "dsl": "desole", "stp": "s il te plait", "svp": "s il vous plait",
    "pr": "pour", "ds": "dans", "ac": "avec", "avc": "avec", "vs": "vous",
    "qqn": "quelqu un", "qq1": "quelqu un", "qlq": "quelque", "qqch": "quelque chose",
    "tt": "tout", "tte": "toute", "ttes": "toutes", "tjr": "toujours", "tjrs": "toujours",
    "bi1": "bien", "rien2": "rien", "mwa": "moi", "twa": "toi", "oklm": "au calme",
    "plu": "plus", "vivr": "vivre", "viv": "vivre", "mourrir": "mourir", "mouri": "mourir", "pu": "plus", "ptet": "peut etre",
    "veu": "veux", "ve": "veux", "vx": "veux", "veuh": "veux",
    "jamai": "jamais", "jms": "jamais",
    "mé": "mais",
    "oci": "aussi", "auci": "aussi", "tro": "trop", "trp": "trop",
    "depui": "depuis", "dpuis": "depuis", "dps": "depuis",
    "keum": "mec", "meuf": "copine", "daron": "pere", "daronne": "mere", "reum": "mere", "reup": "pere",
    "vener": "enerve", "venere": "enerve", "chelou": "bizarre",
    "jvai": "je vais", "jvais": "je vais", "jv": "je vais", "vé": "vais",
    "mdrr": "mdr", "ptdr": "mdr", "xptdr": "mdr",
    "medoc": "medocs",
    "jtm": "je t aime", "tqt": "t inquiete",
    # English
    "u": "you", "ur": "your", "im": "i am", "ive": "i have",
    "dont": "do not", "cant": "can not", "wont": "will not", "didnt": "did not", "doesnt": "does not",
    "isnt": "is not", "wasnt": "was not", "havent": "have not", "aint": "am not",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "tryna": "trying to",
    "idk": "i do not know", "idc": "i do not care", "tbh": "to be honest", "ngl": "not going to lie",
    "bc": "because", "cuz": "because", "coz": "because", "bcs": "because",
    "pls": "please", "plz": "please", "rn": "right now", "ppl": "people", "bf": "boyfriend",
    "gf": "girlfriend", "kms": "kill myself", "kys": "kill yourself", "unalive": "kill",
    "thats": "that is", "its": "it is", "whats": "what is", "hes": "he is", "shes": "she is",
    "theyre": "they are", "theres": "there is", "youre": "you are", "mum": "mom",
    "noone": "no one", "nobody": "no one", "cus": "because", "smth": "something",
    # Dutch (and Flemish)
    "nie": "niet", "k": "ik", "kweet": "ik weet", "kheb": "ik heb", "kben": "ik ben",
    "kzou": "ik zou", "kwil": "ik wil", "kga": "ik ga", "da": "dat", "das": "dat is",
    "wrm": "waarom", "wa": "wat", "ff": "even", "m": "me",
    "zn": "zijn", "nx": "niks", "nks": "niks",
}
# Keys that mean different things in different languages: resolved by locale.
_BY_LOCALE = {
    "nl": {"ni": "niet", "ma": "ma", "pa": "pa", "m": "me", "mn": "mijn", "k": "ik", "da": "dat"},
    "fr": {"kan": "quand", "ma": "ma", "m": "me", "mn": "mon", "k": "k", "da": "da", "pa": "pas"},
    "en": {"ma": "ma", "m": "am", "k": "ok", "da": "the"},
}

# A glued subject or object pronoun before a verb: "jme", "jveux", "mcoupe",
# "tinquiete". French words do not start with "j" + consonant, so splitting
# those is safe; before a vowel only the common verbs are split.
_J_CONSONANT = re.compile(r"^j([bcdfghklmnpqrstvwxz][a-z]+)$")
_J_VOWEL = {"jai", "jetais", "javais", "jaurais", "jarrive", "jaime", "jen", "jy", "jattends",
            "jessaie", "jose", "jecris", "jutilise", "jentends", "jetai", "jaimerais", "jaurai",
            "jhabite", "jhesite", "jetouffe", "jarrete", "jadore", "jirai", "jallais", "javale",
            "javalerai", "jattend", "jetait", "jessai", "jecoute", "japprends"}
_VERB_AFTER_M = {"frappe", "frappent", "tape", "tapent", "touche", "touchent", "force", "oblige",
                 "menace", "enferme", "insulte", "harcele", "viole", "drogue", "ecrit", "appelle",
                 "traite", "suit", "battent", "bat", "gifle", "crache", "pousse", "ignore",
                 "coupe", "tue", "brule", "griffe", "scarifie", "mutile", "fais", "fait"}

#: The words the detector's patterns are written with, for typo correction
#: (``distress.KEY_WORDS`` adds to it). Short words are never corrected: an
#: edit of a four-letter word is another word.
KEY_WORDS: set[str] = set()
_KNOWN: set[str] = set()
_BY_INITIAL: dict[str, list[str]] = {}


def register_key_words(words, known=()) -> None:
    """Key words (typos corrected towards them) and known words (never
    corrected), given by the detectors when they load."""
    KEY_WORDS.update(w for w in words if len(w) >= 6)
    _KNOWN.update(words)
    _KNOWN.update(known)
    _BY_INITIAL.clear()
    for word in KEY_WORDS:
        _BY_INITIAL.setdefault(word[0], []).append(word)
    _correct.cache_clear()


@lru_cache(maxsize=65536)
def _correct(word: str) -> str:
    # A typo keeps the first letter almost always; asking for it halves the
    # candidates and keeps "violet" from ever becoming "violee".
    if len(word) < 6 or word in _KNOWN or not word.isalpha():
        return word
    candidates = _BY_INITIAL.get(word[0])
    if not candidates:
        return word
    limit = 1 if len(word) < 9 else 2
    found = extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
    if not found:
        return word
    # In a short word one letter swapped for another is most often another
    # word ("menage", "menace"): only a letter missing, doubled or two
    # letters inverted is taken for a typo there.
    if len(word) < 8 and len(found[0]) == len(word) and sorted(found[0]) != sorted(word):
        return word
    return found[0]


def _expand(word: str, table: dict[str, str]) -> str:
    if word in table:
        return table[word]
    if word in _J_VOWEL:
        return "j " + word[1:]
    if (m := _J_CONSONANT.match(word)) and len(word) > 2:
        rest = m.group(1)
        return "je " + table.get(rest, rest)
    if word[0] == "m" and len(word) > 4 and word[1:] in _VERB_AFTER_M:
        return "me " + word[1:]
    return word


def words(text: str | None, locale: str | None = None) -> list[str]:
    """The normalised words of a message (steps 1 to 5)."""
    folded = fold(text).replace("can't", "can not").replace("won't", "will not")
    folded = _ENGLISH.sub(lambda m: _ENGLISH_FULL[m.group(1) or m.group(2)], folded)
    folded = _LEET.sub(lambda m: m.group(0).translate(_LEET_MAP), folded)
    folded = _REPEATS.sub(r"\1", folded)
    table = SMS if not locale else {**SMS, **_BY_LOCALE.get(locale[:2], {})}
    out: list[str] = []
    for word in _NOT_WORD.split(folded):
        if not word:
            continue
        expanded = _expand(word, table)
        if expanded is word:
            out.append(_correct(word))
        else:
            out.extend(expanded.split())
    return out


def normalise(text: str | None, locale: str | None = None) -> str:
    """The message as one string of normalised words, a space at each end:
    ``normalise("J'VEUX PU vivr") == " je veux plus vivre "`` (once the
    detector's key words are registered)."""
    return " " + " ".join(words(text, locale)) + " "
