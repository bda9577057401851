"""Folding text for matching: what young people type, whatever the accents and case."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`´]")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes; punctuation kept
    (word lists with boundaries: banned words, first names)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[’`]", "'", folded)


def fold_words(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, every other character
    a single space: "J'suis à la rue !" → "j suis a la rue" (phrase tables)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("æ", "ae")
    text = _APOSTROPHES.sub(" ", text)
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", text)).strip()
