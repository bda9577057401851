"""What the searcher keeps per index segment, and document sets as bitsets.

Whoosh's own query engine walks postings one document at a time in Python:
with 100,000 entries a word like "jeunes" (in nearly every entry) costs
hundreds of milliseconds, and facets over all matches cost as much again. So
the searcher only asks Whoosh for postings, lexicons and columns, and does the
set algebra itself on Python integers used as bitsets (bit n = document n of a
segment): AND/OR/popcount of 100,000 documents take microseconds.

A segment never changes once written (deletions are kept beside it), so what
is read from one — term bitsets, per-term scores, column arrays — is cached
under its id and survives index refreshes; after an edit only the new, small
segment has to be read. Deleted documents are masked out per query.
"""

from __future__ import annotations

import math
import sys
from array import array
from bisect import bisect_left
from collections import OrderedDict
from itertools import compress

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

ENTRY_TYPES = ("structure", "person", "service")
NUMERIC_COLUMNS = ("lat", "lon", "checked")

# BM25 parameters (Whoosh's defaults).
K1, B = 1.2, 0.75

_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_FROM_FLAGS = bytes.maketrans(b"\x00\x01", b"01")


def positions(bits: int) -> list[int]:
    """The document numbers of a bitset, in order (C loops only)."""
    if not bits:
        return []
    flags = bin(bits)[:1:-1].encode("ascii").translate(_TO_FLAGS)  # flags[n] = bit n
    return list(compress(range(len(flags)), flags))


def bitset(docnums, size: int) -> int:
    flags = bytearray(size)
    for n in docnums:
        flags[n] = 1
    return int(flags[::-1].translate(_FROM_FLAGS) or b"0", 2)


class BoundedCache:
    """Least recently used entries go first once their sizes pass a budget."""

    def __init__(self, budget_bytes: int):
        self.budget, self.used = budget_bytes, 0
        self._items: OrderedDict = OrderedDict()

    def get(self, key):
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found[0]
        return None

    def put(self, key, value, size: int):
        self._items[key] = (value, size)
        self.used += size
        while self.used > self.budget and len(self._items) > 1:
            _, (_, freed) = self._items.popitem(last=False)
            self.used -= freed
        return value


class SegmentData:
    """Caches for one segment; every method takes the current reader of it."""

    #: Bytes of term bitsets and of per-term scores kept per segment.
    BITS_BUDGET = 32 << 20
    SCORES_BUDGET = 64 << 20

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self._bits = BoundedCache(self.BITS_BUDGET)
        self._scores = BoundedCache(self.SCORES_BUDGET)
        self._columns: dict[str, object] = {}
        self._by_checked: tuple[array, list[int]] | None = None
        self._stale: tuple[float, int] | None = None
        self._open: tuple[object, int] | None = None
        self._fuzzy = BoundedCache(4096)  # entries, not bytes
        self._live: tuple[int, tuple, int] | None = None

    # ------------------------------------------------------------ terms

    def bits(self, reader, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        found = self._bits.get(key)
        if found is None:
            found = bitset(self._postings_ids(reader, fieldname, text), self.size)
            self._bits.put(key, found, 64 + found.bit_length() // 8)
        return found

    def any_bits(self, reader, fieldname: str, texts) -> int:
        out = 0
        for text in texts:
            out |= self.bits(reader, fieldname, text)
        return out

    @staticmethod
    def _raw_postings(reader, fieldname: str, text: str):
        """Postings including deleted documents (masked later, per query): the
        cached sets then stay valid when later edits delete documents."""
        if (fieldname, text) not in reader:
            return None
        matcher = reader.postings(fieldname, text)
        return matcher.child if isinstance(matcher, FilterMatcher) else matcher

    def _postings_ids(self, reader, fieldname: str, text: str):
        matcher = self._raw_postings(reader, fieldname, text)
        if matcher is None:
            return []
        if isinstance(matcher, W3LeafMatcher):
            try:
                return _block_ids(matcher)
            except AttributeError:  # another Whoosh version: the public way below
                matcher = self._raw_postings(reader, fieldname, text)
        return matcher.all_ids()

    def scores(self, reader, fieldname: str, text: str) -> dict[int, float] | array:
        """BM25 term-frequency part (without idf) of each document with the term.

        A dict for most terms; for a term in more than 1 document in 8, an
        array indexed by document number (0.0 without the term): 4 bytes a
        document instead of ~100 bytes a dict entry.
        """
        key = (fieldname, text)
        found = self._scores.get(key)
        if found is not None:
            return found
        ids, tfs = self._postings_weights(reader, fieldname, text)
        lengths = self._lengths(reader, fieldname)
        avg = reader.field_length(fieldname) / max(self.size, 1) or 1.0
        norm = K1 * (1 - B)
        slope = K1 * B / avg
        values = [tf * (K1 + 1) / (tf + norm + slope * lengths[n])
                  for n, tf in zip(ids, tfs, strict=True)]
        if len(ids) * 8 > self.size:
            dense = array("f", bytes(4 * self.size))
            for n, value in zip(ids, values, strict=True):
                dense[n] = value
            return self._scores.put(key, dense, 4 * self.size)
        return self._scores.put(key, dict(zip(ids, values, strict=True)), 100 * len(ids) + 64)

    def _postings_weights(self, reader, fieldname: str, text: str):
        matcher = self._raw_postings(reader, fieldname, text)
        if matcher is None:
            return [], []
        if isinstance(matcher, W3LeafMatcher):
            try:
                return _block_ids(matcher, weights=True)
            except AttributeError:
                matcher = self._raw_postings(reader, fieldname, text)
        ids, tfs = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        return ids, tfs

    def _lengths(self, reader, fieldname: str) -> list[int]:
        key = f"length:{fieldname}"
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = _field_lengths(reader, fieldname, self.size)
        return found

    def similar_words(self, reader, word: str, max_edits: int) -> frozenset[str]:
        """Vocabulary words within ``max_edits`` of ``word`` (first letter kept)."""
        key = (word, max_edits)
        found = self._fuzzy.get(key)
        if found is None:
            found = self._fuzzy.put(
                key, frozenset(reader.terms_within("words", word, max_edits, prefix=1)), 1)
        return found

    # ------------------------------------------------------------ masks

    def live(self, reader, types: tuple[str, ...]) -> int:
        """Entries of those types, without deleted documents or vocabulary."""
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        key = (len(deleted), types)
        if self._live is None or self._live[:2] != key:
            entries = self.any_bits(reader, "type", types)
            self._live = (len(deleted), types, entries & ~bitset(deleted, self.size))
        return self._live[2]

    def stale(self, reader, cutoff: float) -> int:
        """Documents last checked before ``cutoff`` (POSIX seconds).

        Cached per cutoff rounded down to the minute, then made exact with the
        few documents checked within that minute.
        """
        minute = math.floor(cutoff / 60) * 60
        checked, order = self._checked_order(reader)
        if self._stale is None or self._stale[0] != minute:
            self._stale = (minute, bitset(order[:bisect_left(checked, minute)], self.size))
        bits = self._stale[1]
        if cutoff > minute:
            bits |= bitset(order[bisect_left(checked, minute):bisect_left(checked, cutoff)],
                           self.size)
        return bits

    def _checked_order(self, reader) -> tuple[array, list[int]]:
        if self._by_checked is None:
            values = self.column(reader, "checked")
            order = sorted(range(self.size), key=values.__getitem__)
            self._by_checked = (array("d", (values[n] for n in order)), order)
        return self._by_checked

    def open_at(self, reader, minute_key, is_open) -> int:
        """Documents whose opening hours say open (``is_open(hours)``); cached
        for one local minute."""
        if self._open is None or self._open[0] != minute_key:
            docs: list[int] = []
            for raw in reader.lexicon("hours"):
                hours = raw.decode("utf-8")
                if is_open(hours):
                    docs.extend(self._postings_ids(reader, "hours", hours))
            self._open = (minute_key, bitset(docs, self.size))
        return self._open[1]

    # ------------------------------------------------------------ columns

    def column(self, reader, name: str):
        """A whole column indexed by document number: an array of floats for
        numbers, a list of (shared) strings otherwise."""
        values = self._columns.get(name)
        if values is None:
            if not reader.has_column(name):  # no document in the segment has one
                values = array("d", bytes(8 * self.size)) if name in NUMERIC_COLUMNS \
                    else [None] * self.size
            elif name in NUMERIC_COLUMNS:
                values = _numbers(reader.column_reader(name, translate=False), self.size)
            else:
                values = _strings(reader.column_reader(name, translate=False),
                                  reader.schema[name], self.size)
            self._columns[name] = values
        return values


def _block_ids(matcher, weights: bool = False):
    """All ids (and weights) of a posting list, a block (of up to 128) at a
    time: the per-document path took ~60 ms for a word in 100,000 documents,
    paid by the first query that used it."""
    ids: list[int] = []
    tfs: list[float] = []
    while matcher.is_active():
        matcher._read_ids()
        ids.extend(matcher._ids[matcher._i:])
        if weights:
            matcher._read_weights()
            tfs.extend(matcher._weights[matcher._i:])
        matcher._next_block()
    return (ids, tfs) if weights else ids


def _field_lengths(reader, fieldname: str, size: int) -> list[int]:
    """Each document's length in a field (Whoosh's one-byte approximation),
    read at once; per document, the 100,000 reads took ~0.1 s."""
    table = [byte_to_length(b) for b in range(256)]
    try:
        column_reader = reader._perdoc.column_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        count = min(column_reader._count, size)
        raw = column_reader._dbfile.get(column_reader._basepos, count)
        return list(map(table.__getitem__, raw)) + [0] * (size - count)
    except (AttributeError, KeyError, OSError):
        return [reader.doc_field_length(n, fieldname, 0) for n in range(size)]


def _strings(column_reader, field, size: int) -> list:
    """A RefBytes column (few distinct values) as a list of shared strings:
    the distinct values are decoded once, not once per document."""
    try:
        refs = array(column_reader._typecode)
        refs.frombytes(column_reader._dbfile.get(column_reader._basepos,
                                                 refs.itemsize * column_reader._doccount))
        if refs.itemsize > 1 and sys.byteorder == "little":
            refs.byteswap()  # stored big-endian
        uniques = [field.from_column_value(v) for v in column_reader._uniques]
        values = list(map(uniques.__getitem__, refs))
    except AttributeError:
        shared: dict = {}
        values = [shared.setdefault(v, v)
                  for v in map(field.from_column_value, column_reader)]
    return values + [None] * (size - len(values))


def _numbers(column_reader, size: int) -> array:
    """A numeric column as an array of doubles.

    Whoosh stores these as big-endian doubles one after the other; reading the
    block at once takes a millisecond where a read per document took ~50 ms
    per 100,000 documents (the first query after a rebuild paid for it). Any
    other layout goes through the public, per-document path.
    """
    try:
        if column_reader._typecode == "d" and column_reader._fixedlen == 8:
            count = min(column_reader._count, size)
            values = array("d")
            values.frombytes(column_reader._dbfile.get(column_reader._basepos, 8 * count))
            if sys.byteorder == "little":
                values.byteswap()
            values.extend([column_reader._default] * (size - count))
            return values
    except AttributeError:
        pass
    return array("d", column_reader)


def idf(doc_count: int, doc_frequency: int) -> float:
    return math.log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))

