"""Text as typed: folded for matching (whatever the accents and case),
slugified for addresses, shortened for excerpts.

Every domain folds with these, so that "Santé", "sante" and "SANTÉ" are one
word everywhere (search index, banned words, phrase tables, place names).
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into ASCII + accent.
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
              "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"}
_APOSTROPHES = {"’": "'", "`": "'", "´": "'", "ʼ": "'"}


def _fold_table() -> dict[int, str]:
    """Latin letters U+00C0-U+024F mapped straight to ASCII.

    One str.translate() with this table folds almost every text; calling
    unicodedata per character made loading the gazetteer twice as slow.
    """
    table = {}
    for cp in range(0xC0, 0x250):
        ascii_part = unicodedata.normalize("NFKD", chr(cp)).encode("ascii", "ignore").decode()
        if ascii_part:
            table[cp] = ascii_part
    table.update({ord(k): v for k, v in {**_LIGATURES, **_APOSTROPHES}.items()})
    return table


_FOLD = _fold_table()


def fold(text: str | None) -> str:
    """Lower-case ASCII: accents removed, ligatures spelled out, curly
    apostrophes straight, any other non-ASCII symbol a space; punctuation
    kept (word lists with boundaries: banned words, first names)."""
    text = text or ""
    if not text.isascii():
        text = text.translate(_FOLD)
        if not text.isascii():  # rarer letters, and symbols such as "«"
            text = "".join(
                ch if ch.isascii() else "" if unicodedata.combining(ch) else " "
                for ch in unicodedata.normalize("NFKD", text)
            )
    return text.lower()


def fold_case(text: str | None) -> str:
    """Case and accents removed, every letter of every script kept: the key
    of a name that must stay unique ("Léa_B" and "lea_b" are one pseudonym,
    "Иван" is not folded to spaces as :func:`fold` would)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_words(text: str | None) -> str:
    """Folded words separated by single spaces, every other character a
    separator: "J'suis à la rue !" → "j suis a la rue" (phrase tables, labels)."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def slugify(text: str | None, max_length: int = 80, default: str = "") -> str:
    """Folded words joined by hyphens, for addresses: "Cœur de Lille" → "coeur-de-lille"."""
    slug = _NOT_WORD.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or default


def shorten(text: str, limit: int = 220) -> str:
    """At most ``limit`` characters, cut between words, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
