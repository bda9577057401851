"""Searching the guide: ``search_directory(DirectoryQuery) -> DirectoryPage``.

Per query, per segment (see segments.py for why bitsets):

1. candidates = entries of the wanted types, minus deleted documents;
2. AND the filters that are terms: themes (any of), age (one term per year),
   geohash cells covering the circle, each typed word (exact stem in the
   name, text or context, or a stem of a vocabulary word a typo or two away);
3. minus entries unchecked for more than a year, AND open at ``open_at``;
4. exact haversine distance for what is left, when searching near a place;
5. facets over all of it, then scores and the order for one page only.

One searcher per process, reopened when the index changed (a directory
listing per query); queries run one at a time (Whoosh's readers share file
handles between threads).
"""

from __future__ import annotations

import heapq
import logging
import threading
from array import array
from bisect import bisect_left
from collections import Counter
from datetime import timedelta
from itertools import repeat
from operator import add, itemgetter, mul

from portal.core.themes import THEMES
from portal.core.time import PARIS, utcnow
from portal.geo.distance import haversine_km
from portal.geo.hours import is_open_term
from search_index.geo_cells import covering_cells
from search_index.indexer import current_index_path
from search_index.query import (
    DEFAULT_PER_PAGE,
    DEFAULT_RADIUS_KM,
    FUZZY_WEIGHT,
    MAX_PER_PAGE,
    SORTS,
    DirectoryHit,
    DirectoryPage,
    DirectoryQuery,
    QueryWord,
    highlights,
    query_words,
)
from search_index.schema import stem_word
from search_index.segments import ENTRY_TYPES, SegmentData, bitset, idf, positions
from search_index.storage import current_searcher

log = logging.getLogger(__name__)

#: Entries unchecked for longer leave searches (portal.directory.models.EXPIRED_AFTER).
EXPIRED_AFTER = timedelta(days=365)
#: Fields searched for text, with their weight.
TEXT_FIELDS = (("name", 3.0), ("text", 1.0), ("context", 0.5))
#: The communes facet lists this many communes, the most frequent first.
COMMUNE_FACET_SIZE = 50
# An entry matching fewer words exactly ranks below all that match more.
_TIER = 1e6

_lock = threading.Lock()
_open: dict = {}  # "path", "searcher"
_segments: dict[tuple[str, str], SegmentData] = {}


def search_directory(q: DirectoryQuery) -> DirectoryPage:
    q = _normalised(q)
    with _lock:
        searcher = _current_searcher()
        if searcher is None:
            log.warning("no search index yet: run `flask search rebuild`")
            return DirectoryPage(0, [], {"themes": {}, "communes": {}}, q.page, q.per_page)
        return _Search(searcher, q).run()


def warm_up() -> None:
    """Open the current index and read what every query needs from each of
    its segments, so that the first visitor after a rebuild does not wait
    for it (~0.3 s at 100,000 entries). Cached by segment: cheap when done."""
    with _lock:
        searcher = _current_searcher()
        if searcher is None:
            return
        cutoff = (utcnow() - EXPIRED_AFTER).timestamp()
        for reader, _ in _leaves(searcher):
            data = _segment_data(_open["path"], reader)
            data.live(reader, ENTRY_TYPES)
            data.stale(reader, cutoff)
            for name in ("lat", "lon", "commune"):
                data.column(reader, name)
            for code in THEMES:
                data.bits(reader, "themes", code)


def _normalised(q: DirectoryQuery) -> DirectoryQuery:
    per_page = max(1, min(int(q.per_page or DEFAULT_PER_PAGE), MAX_PER_PAGE))
    types = tuple(t for t in (q.types or ENTRY_TYPES) if t in ENTRY_TYPES)
    sort = q.sort if q.sort in SORTS else "relevance"
    if sort == "distance" and q.near is None:
        sort = "relevance"
    return DirectoryQuery(
        text=q.text or "", themes=tuple(q.themes or ()), age=q.age, near=q.near,
        radius_km=float(q.radius_km or DEFAULT_RADIUS_KM), open_at=q.open_at, sort=sort,
        page=max(1, int(q.page or 1)), per_page=per_page, types=types, now=q.now or utcnow(),
        served=tuple(q.served or ()))


# ---------------------------------------------------------------- the searcher

def _current_searcher():
    previous = _open.get("searcher")
    searcher = current_searcher(_open, current_index_path())
    if searcher is None or searcher is previous:
        return searcher
    # What is costly to read from a segment is cached below by segment id;
    # forget the segments that are no longer part of the index.
    path = _open["path"]
    live = {(str(path), reader.segment().segment_id()) for reader, _ in _leaves(_open["searcher"])}
    for key in list(_segments):
        if key not in live:
            del _segments[key]
    return _open["searcher"]


def _leaves(searcher):
    reader = searcher.reader()
    leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
    return [(r, offset) for r, offset in leaves if hasattr(r, "segment")]  # not EmptyReader


def _segment_data(path, reader) -> SegmentData:
    key = (str(path), reader.segment().segment_id())
    data = _segments.get(key)
    if data is None:
        data = _segments[key] = SegmentData(reader)
    return data


# ---------------------------------------------------------------- one query

class _Search:
    def __init__(self, searcher, q: DirectoryQuery):
        self.searcher, self.q = searcher, q
        self.leaves = [(reader, _segment_data(_open["path"], reader))
                       for reader, _ in _leaves(searcher)]
        self.words = query_words(q.text)
        self.fuzzy = {w.word: self._fuzzy_stems(w) for w in self.words}
        self.weights = self._term_weights()
        self.cells = covering_cells(*q.near, q.radius_km) if q.near else None
        self.cutoff = (q.now - EXPIRED_AFTER).timestamp()

    def _fuzzy_stems(self, word: QueryWord) -> frozenset[str]:
        if not word.max_edits:
            return frozenset()
        similar = set()
        for reader, data in self.leaves:
            similar |= data.similar_words(reader, word.word, word.max_edits)
        return frozenset(stem_word(w) for w in similar) - {word.stem}

    def _term_weights(self) -> dict[tuple[str, str], float]:
        count = max(self.searcher.doc_count(), 1)
        weights = {}
        for word in self.words:
            for stem in (word.stem, *self.fuzzy[word.word]):
                for fieldname, boost in TEXT_FIELDS:
                    df = self.searcher.doc_frequency(fieldname, stem)
                    if df:
                        weights[(fieldname, stem)] = boost * idf(count, df)
        return weights

    # ------------------------------------------------------------ matching

    def _matches(self, reader, data: SegmentData) -> tuple[int, dict[str, int]]:
        """(bitset of matching entries, per word the exact-match bitset)."""
        q = self.q
        bits = data.live(reader, q.types)
        if q.themes:
            bits &= data.any_bits(reader, "themes", q.themes)
        if q.age is not None:
            bits &= data.bits(reader, "ages", str(int(q.age)))
        if self.cells is not None:
            bits &= data.any_bits(reader, "cells", self.cells) | self._served(reader, data)
        exact = {}
        for word in self.words:
            if not bits:
                break
            exact[word.word] = self._word_bits(reader, data, (word.stem,))
            bits &= exact[word.word] | self._word_bits(reader, data, self.fuzzy[word.word])
        if bits:
            bits &= ~data.stale(reader, self.cutoff)
        if bits and q.open_at is not None:
            minute = q.open_at.astimezone(PARIS).replace(second=0, microsecond=0)
            bits &= data.open_at(reader, minute, lambda term: is_open_term(term, minute))
        return bits, exact

    @staticmethod
    def _word_bits(reader, data: SegmentData, stems) -> int:
        out = 0
        for stem in stems:
            for fieldname, _ in TEXT_FIELDS:
                out |= data.bits(reader, fieldname, stem)
        return out

    def _served(self, reader, data: SegmentData) -> int:
        return data.any_bits(reader, "served", self.q.served) if self.q.served else 0

    def _within_radius(self, reader, data: SegmentData, docs: list[int]) -> dict[int, float]:
        lat0, lon0 = self.q.near
        lats, lons = data.column(reader, "lat"), data.column(reader, "lon")
        radius = self.q.radius_km
        served = set(positions(self._served(reader, data)))
        out = {}
        for n in docs:
            km = haversine_km(lat0, lon0, lats[n], lons[n])
            if km <= radius or n in served:
                out[n] = km
        return out

    # ------------------------------------------------------------ ranking

    def _scores(self, reader, data: SegmentData, docs: list[int], bits: int,
                exact: dict) -> list[float]:
        """Relevance of each of ``docs`` (same order); one ``_TIER`` less per
        word matched only fuzzily. Column-wise with map(): no Python-level
        loop over the documents (a common word matches half of them)."""
        scores = [0.0] * len(docs)
        for word in self.words:
            for fieldname, _ in TEXT_FIELDS:
                weight = self.weights.get((fieldname, word.stem))
                if weight:
                    scores = _plus(scores, data.scores(reader, fieldname, word.stem), docs,
                                   weight)
            fuzzy_only = bits & ~exact[word.word]
            if not fuzzy_only:
                continue
            fuzzy_docs = positions(fuzzy_only)
            partial = [-_TIER] * len(fuzzy_docs)
            for stem in self.fuzzy[word.word]:
                for fieldname, _ in TEXT_FIELDS:
                    weight = self.weights.get((fieldname, stem))
                    if weight:
                        partial = _plus(partial, data.scores(reader, fieldname, stem),
                                        fuzzy_docs, FUZZY_WEIGHT * weight)
            for n, value in zip(fuzzy_docs, partial, strict=True):
                scores[bisect_left(docs, n)] += value  # docs are in order
        return scores

    def run(self) -> DirectoryPage:
        q = self.q
        wanted = q.page * q.per_page
        total, theme_counts, communes = 0, Counter(), Counter()
        best = []  # (sort key, leaf index, docnum, distance, score)
        for i, (reader, data) in enumerate(self.leaves):
            bits, exact = self._matches(reader, data)
            if not bits:
                continue
            docs = positions(bits)
            distances = None
            if q.near is not None:
                distances = self._within_radius(reader, data, docs)
                docs = list(distances)
                bits = bitset(docs, data.size)
            total += len(docs)
            for code in THEMES:
                count = (bits & data.bits(reader, "themes", code)).bit_count()
                if count:
                    theme_counts[code] += count
            column = data.column(reader, "commune")
            communes.update(map(column.__getitem__, docs))
            scores = self._scores(reader, data, docs, bits, exact) if self.words else None
            best.extend(self._best(i, reader, data, docs, distances, scores, wanted))
        best.sort(key=itemgetter(0))
        page = best[(q.page - 1) * q.per_page:wanted]
        facets = {"themes": dict(theme_counts.most_common()),
                  "communes": dict(communes.most_common(COMMUNE_FACET_SIZE))}
        return DirectoryPage(total, [self._hit(*row[1:]) for row in page], facets,
                             q.page, q.per_page)

    def _best(self, leaf, reader, data, docs, distances, scores, wanted):
        """This segment's first ``wanted`` entries with their (comparable) sort keys."""
        score = dict(zip(docs, scores, strict=True)) if scores is not None else {}
        if self.q.sort == "distance":
            chosen = heapq.nsmallest(wanted, docs, key=lambda n: (round(distances[n], 1),
                                                                  -score.get(n, 0.0)))
            keys = [(round(distances[n], 1), -score.get(n, 0.0)) for n in chosen]
        elif scores is not None:  # C-level keys: these sets can be half the index
            chosen = heapq.nlargest(wanted, docs, key=score.__getitem__)
            keys = [(-score[n],) for n in chosen]
        elif distances is not None:
            chosen = heapq.nsmallest(wanted, docs, key=distances.__getitem__)
            keys = [(distances[n],) for n in chosen]
        else:  # no words, no place: the most recently checked first
            checked = data.column(reader, "checked")
            chosen = heapq.nlargest(wanted, docs, key=checked.__getitem__)
            keys = [(-checked[n],) for n in chosen]
        return [(key + (leaf, n), leaf, n, distances[n] if distances is not None else None,
                 score.get(n, 0.0)) for key, n in zip(keys, chosen, strict=True)]

    def _hit(self, leaf: int, docnum: int, distance: float | None, score: float) -> DirectoryHit:
        reader, _ = self.leaves[leaf]
        stored = reader.stored_fields(docnum)
        lat, lon = stored["position"]
        terms = frozenset(stem for _, stem in self.weights)
        return DirectoryHit(
            type=stored["type"], id=stored["doc_id"], name=stored.get("name", ""),
            structure=stored.get("structure"), structure_id=stored.get("structure_id"),
            kind=stored.get("kind", ""), themes=(stored.get("themes") or "").split(),
            channels=(stored.get("channels") or "").split(),
            commune_insee=stored.get("commune", ""), commune_name=stored.get("commune_name", ""),
            lat=lat, lon=lon,
            distance_km=round(distance, 1) if distance is not None else None,
            url=stored.get("url", ""), highlights=highlights(stored, terms),
            # Without the tier penalty (a fuzzy-only word costs _TIER).
            score=round(score % _TIER, 4))


def _plus(total: list[float], values, docs: list[int], weight: float) -> list[float]:
    """total[i] + weight * values[docs[i]], where ``values`` is a dense array
    or a dict of the documents that have the term."""
    column = (map(values.__getitem__, docs) if isinstance(values, array)
              else map(values.get, docs, repeat(0.0)))
    return list(map(add, total, map(mul, column, repeat(weight))))


