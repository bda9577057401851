"""Text as typed: folded for matching (whatever the accents and case), shortened for excerpts."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`´]")


def _casefold_without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes; punctuation kept
    (word lists with boundaries: banned words, first names)."""
    return re.sub(r"[’`]", "'", _casefold_without_accents(text))


def fold_words(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, every other character
    a single space: "J'suis à la rue !" → "j suis a la rue" (phrase tables)."""
    text = _casefold_without_accents(text).replace("œ", "oe").replace("æ", "ae")
    text = _APOSTROPHES.sub(" ", text)
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", text)).strip()


def shorten(text: str, limit: int = 220) -> str:
    """At most ``limit`` characters, cut between words, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
