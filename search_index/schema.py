"""The Whoosh schema of the guide, and how a provider's document becomes fields.

Text is analysed for French: words are lower-cased, French stop words dropped,
accents and ligatures folded ("Santé", "sante" and "SANTE" are one word;
"cœur" is "coeur"), then stemmed ("logements" → "logement" → "log"). Folding
happens before stemming so that a word typed without its accents stems the
same way as the accented one.

Typo tolerance needs the words as written, not their stems ("logemnt" is four
edits away from the stem "log" but one from "logement"). The ``words`` field
holds the folded, unstemmed vocabulary; only its term list is used, to turn a
misspelt word into real words whose stems are then searched. Entries do not
carry it (that doubled the rebuild time): a few "vocabulary" documents hold
each word once — one per rebuild, plus one per batch of new words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from whoosh import columns, fields, formats
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

from portal.core.text import fold
from portal.core.time import as_utc
from portal.geo.hours import index_term
from search_index.geo_cells import cells_of

#: Ages are indexed one term per year; anything outside is clamped.
AGE_FLOOR, AGE_CEILING = 0, 120

#: The type of the documents that only carry vocabulary (see ``words``).
VOCABULARY_TYPE = "vocabulary"


def _french_stop_words() -> frozenset[str]:
    words = set(stopwords_for_language("fr"))
    # The list is accented ("été", "à"); a query typed without accents must
    # lose the same words.
    return frozenset(words | {fold(w) for w in words})


_STOP_WORDS = _french_stop_words()
_CACHE_LIMIT = 200_000


class FrenchTermFilter(Filter):
    """Lower-case, drop French stop words, fold accents, and (``stem=True``)
    stem — in one step per token, remembered per distinct word.

    One filter instead of a chain of four: a rebuild sends ~5 million tokens
    through here, and each generator layer of a chain costs about as much as
    the work itself. The schema is pickled into the index, so the cache is
    left out of the pickle.
    """

    # Not a "morphing" filter for Whoosh: a no_morph analysis (which Whoosh
    # asks for in a few places) must still lower-case and fold.
    is_morph = False

    def __init__(self, stem: bool = True):
        self.stem = stem
        self._cache: dict[str, str | None] = {}

    def __getstate__(self):
        return {"stem": self.stem}

    def __setstate__(self, state):
        self.__init__(**state)

    def __eq__(self, other):
        return type(other) is type(self) and other.stem == self.stem

    def term(self, word: str) -> str | None:
        """The indexed form of one word, or None for a stop word."""
        found = self._cache.get(word, _MISSING)
        if found is _MISSING:
            found = _term(word, self.stem)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = found
        return found

    def __call__(self, tokens):
        term = self.term
        for t in tokens:
            text = term(t.text)
            if text is None:
                if t.removestops:
                    continue
                t.stopped = True
            else:
                t.text = text
            yield t


_MISSING = object()
_stem_fr = stemmer_for_language("fr")


def stem_word(word: str) -> str:
    """The French stem of a word already lower-cased and folded."""
    return _stem_fr(word)


def _term(word: str, stem: bool) -> str | None:
    word = word.lower()
    if word in _STOP_WORDS or len(word) < 2:
        return None
    if not word.isascii():
        word = fold(word).replace(" ", "")
    return _stem_fr(word) if stem else word


def french_analyzer():
    """Words as they are searched: folded and stemmed."""
    return RegexTokenizer() | FrenchTermFilter(stem=True)


def word_analyzer():
    """Words as they are written (folded, not stemmed): the fuzzy vocabulary."""
    return RegexTokenizer() | FrenchTermFilter(stem=False)


class VocabularyField(fields.TEXT):
    """A field that only records which words a document contains: no positions,
    no frequencies — it exists for its term list."""

    def __init__(self, analyzer):
        super().__init__(analyzer=analyzer, phrase=False)
        self.format = formats.Existence()


def _with_lengths(field: fields.FieldType) -> fields.FieldType:
    """Give a keyword field a length column (one byte per document).

    Whoosh's segment writer asks for the length of every posting, and for a
    field without lengths it checks on disk, each time, whether the column
    file exists: with ~25 keyword terms per document that stat() call was
    half of the rebuild time.
    """
    field.scorable = True
    return field


# The tokens RegexTokenizer() makes (its default pattern, without the group).
TOKEN_PATTERN = re.compile(r"\w+(?:\.?\w+)*")


def raw_words(fields: dict) -> set[str]:
    """The distinct tokens of a document's text fields, before analysis."""
    return set(TOKEN_PATTERN.findall(" ".join((fields["name"], fields["text"], fields["context"]))))


def vocabulary(tokens: Iterable[str]) -> set[str]:
    """The ``words`` terms for some tokens (each token analysed once, however
    many documents it appears in)."""
    term = FrenchTermFilter(stem=False).term
    return {w for w in map(term, tokens) if w is not None}


def make_schema() -> fields.Schema:
    french = french_analyzer()
    return fields.Schema(
        key=_with_lengths(fields.ID(unique=True, stored=True)),  # "person:12"
        type=_with_lengths(fields.ID(stored=True)),
        doc_id=fields.STORED(),
        # The name weighs most, then the description; the structure's name and
        # the commune count a little, so "mission locale" also finds its people.
        name=fields.TEXT(analyzer=french, phrase=False, field_boost=3.0, stored=True),
        text=fields.TEXT(analyzer=french, phrase=False, stored=True),
        context=fields.TEXT(analyzer=french, phrase=False, field_boost=0.5),
        words=VocabularyField(word_analyzer()),
        themes=_with_lengths(fields.KEYWORD(stored=True)),
        channels=_with_lengths(fields.KEYWORD(stored=True)),
        languages=_with_lengths(fields.KEYWORD()),
        kind=_with_lengths(fields.ID(stored=True)),
        ages=_with_lengths(fields.KEYWORD()),
        cells=_with_lengths(fields.KEYWORD()),
        # Communes served beyond the entry's own (territories' served areas).
        served=_with_lengths(fields.KEYWORD()),
        # A column too, read per candidate to count communes for the facets.
        commune=_with_lengths(fields.ID(stored=True, sortable=columns.RefBytesColumn())),
        # Columns: one compact value per document, read for candidates only.
        lat=fields.COLUMN(columns.NumericColumn("d")),
        lon=fields.COLUMN(columns.NumericColumn("d")),
        checked=fields.COLUMN(columns.NumericColumn("d")),  # POSIX seconds
        # The country and the raw opening_hours string as one term
        # (geo.hours.index_term): "open now" evaluates each distinct pair
        # once, not each document, with the pages' rule.
        hours=_with_lengths(fields.ID()),
        # Shown in results without another database query.
        structure=fields.STORED(),
        structure_id=fields.STORED(),
        commune_name=fields.STORED(),
        position=fields.STORED(),
        url=fields.STORED(),
    )


def document_key(doc_type: str, doc_id: int) -> str:
    return f"{doc_type}:{doc_id}"


def _age_terms(age_min: int | None, age_max: int | None) -> str:
    low = max(AGE_FLOOR, age_min if age_min is not None else AGE_FLOOR)
    high = min(AGE_CEILING, age_max if age_max is not None else AGE_CEILING)
    return " ".join(str(age) for age in range(low, high + 1))


def _timestamp(value: datetime | None) -> float:
    return as_utc(value).timestamp() if value is not None else 0.0


def to_fields(doc: dict) -> dict:
    """The fields of one published document, as ``writer.add_document`` takes them."""
    context = " ".join(filter(None, [doc.get("structure"), doc.get("commune_name"),
                                     doc.get("postal_code")]))
    name, text = doc.get("name") or "", doc.get("text") or ""
    lat, lon = float(doc["lat"]), float(doc["lon"])
    return {
        "key": document_key(doc["type"], doc["id"]),
        "type": doc["type"],
        "doc_id": int(doc["id"]),
        "name": name,
        "text": text,
        "context": context,
        "themes": " ".join(doc.get("themes") or ()),
        "channels": " ".join(doc.get("channels") or ()),
        "languages": " ".join(doc.get("languages") or ()),
        "kind": doc.get("kind") or "",
        "ages": _age_terms(doc.get("age_min"), doc.get("age_max")),
        "cells": " ".join(cells_of(lat, lon)),
        "served": " ".join(doc.get("served") or ()),
        "commune": doc.get("commune_insee") or "",
        "lat": lat,
        "lon": lon,
        "checked": _timestamp(doc.get("last_checked_at")),
        "hours": index_term(doc.get("opening_hours"), doc.get("country")),
        "structure": doc.get("structure"),
        "structure_id": doc.get("structure_id"),
        "commune_name": doc.get("commune_name") or "",
        "position": (lat, lon),
        "url": doc.get("url") or "",
    }
