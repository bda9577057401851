"""Text normalisation for place names.

One function decides what "the same name" means, for the build script (matching
GeoNames rows to communes) and for the search box alike, so that both agree.

"Marcq-en-Barœul", "marcq en baroeul" and "MARCQ-EN-BAROEUL" give the same key;
"St-André-lez-Lille", "saint andre lez lille" too.
"""

from __future__ import annotations

import re
import unicodedata

# Ligatures and letters that NFKD does not split into ASCII + accent.
_LIGATURES = {
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ß": "ss",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
}


def _fold_table() -> dict[int, str]:
    """Latin letters U+00C0-U+024F mapped straight to ASCII.

    One str.translate() with this table folds almost every name; calling
    unicodedata per name made loading the gazetteer twice as slow.
    """
    table = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        ascii_part = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        if ascii_part:
            table[cp] = ascii_part
    table.update({ord(k): v for k, v in _LIGATURES.items()})
    return table


_FOLD = _fold_table()
_WORD = re.compile(r"[a-z0-9]+")

# Abbreviations people type for the saints that start ~4,000 commune names.
_TOKEN_ALIASES = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def fold(text: str) -> str:
    """Lower-case ASCII with accents and ligatures removed; punctuation kept."""
    if not text.isascii():
        text = text.translate(_FOLD)
        if not text.isascii():  # rarer letters, and symbols such as "’" or "«"
            text = "".join(
                ch if ch.isascii() else "" if unicodedata.combining(ch) else " "
                for ch in unicodedata.normalize("NFKD", text)
            )
    return text.lower()


def tokens(text: str) -> list[str]:
    """Words of a name: hyphens, apostrophes and any punctuation separate words."""
    words = _WORD.findall(fold(text))
    if not _TOKEN_ALIASES.keys().isdisjoint(words):
        words = [_TOKEN_ALIASES.get(w, w) for w in words]
    return words


def normalize(text: str) -> str:
    """Words joined by single spaces: 'Saint-André-lez-Lille' -> 'saint andre lez lille'."""
    return " ".join(tokens(text))


def compact(text: str) -> str:
    """Words joined with nothing.

    The search keys are compact because people hesitate about where words break:
    "villeneuve dasq" and "Villeneuve-d'Ascq" then differ by one letter, not by a
    space and a letter.
    """
    return "".join(tokens(text))
