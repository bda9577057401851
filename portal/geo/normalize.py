"""Text normalisation for place names.

One function decides what "the same name" means, for the build script (matching
GeoNames rows to communes) and for the search box alike, so that both agree.

"Marcq-en-Barœul", "marcq en baroeul" and "MARCQ-EN-BAROEUL" give the same key;
"St-André-lez-Lille", "saint andre lez lille" too.

These are the gazetteer's stricter keys (words only, saints' abbreviations
spelled out, and ``compact`` without spaces), built on the portal's one fold,
``portal.core.text.fold``.
"""

from __future__ import annotations

import re

from portal.core.text import fold

_WORD = re.compile(r"[a-z0-9]+")

# Abbreviations people type for the saints that start ~4,000 commune names.
_TOKEN_ALIASES = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


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
