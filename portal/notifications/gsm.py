"""SMS text in the GSM 03.38 alphabet, and how many segments it costs.

A single character outside GSM-7 switches a whole SMS to UCS-2 (70
characters a segment instead of 160), so the text is normalised first:
typographic quotes, dashes, non-breaking spaces and accents GSM-7 lacks
become their plain forms; what has none becomes "?".
"""

from __future__ import annotations

import math
import unicodedata

BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: Escaped characters: two septets each.
EXTENSION = set("^{}\\[~]|€\f")

REPLACEMENTS = {
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u202f": " ",
    "\u2009": " ", "\t": " ", "œ": "oe", "Œ": "OE", "ç": "c", "ê": "e", "ë": "e",
    "â": "a", "î": "i", "ï": "i", "ô": "o", "û": "u", "ÿ": "y", "È": "E", "Ê": "E",
    "À": "A", "Â": "A", "Î": "I", "Ô": "O", "Û": "U", "Ù": "U", "á": "a", "í": "i",
    "ó": "o", "ú": "u", "ã": "a", "õ": "o",
}

SINGLE, MULTI = 160, 153  # septets: one SMS, each part of a long one (UDH)


def normalise(text: str) -> str:
    out = []
    for char in text:
        if char in BASIC or char in EXTENSION:
            out.append(char)
        elif char in REPLACEMENTS:
            out.append(REPLACEMENTS[char])
        else:
            plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                            if not unicodedata.combining(c))
            out.append(plain if plain and all(c in BASIC for c in plain) else "?")
    return "".join(out)


def septets(text: str) -> int:
    return sum(2 if char in EXTENSION else 1 for char in text)


def segments(text: str) -> int:
    """Segments of a GSM-7 text (normalise it first)."""
    count = septets(text)
    if count <= SINGLE:
        return 1
    return math.ceil(count / MULTI)
