"""Name search over the communes: exact, prefix, inner-word prefix, then typos.

Every name (and alternative name) is reduced to a *compact key*: folded to ASCII,
lower case, "st" spelled "saint", words glued together ("Villeneuve-d'Ascq" ->
"villeneuvedascq"). Gluing makes word breaks irrelevant: "villeneuve dasq",
"villeneuvedascq" and "Villeneuve d'Ascq" then differ by at most one letter.

Results are ranked by how they match (RANK_*), then by population. Alternative
names come in two kinds: a foreign town's other-language names ("Courtrai" for
Kortrijk) count as its name; the names of former communes ("Lomme" for Lille)
rank below real names, so that "sa" lists Saint-... before Dunkerque (which
absorbed Saint-Pol-sur-Mer).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .normalize import tokens

RANK_EXACT = 0  # the whole name                      "lille"    -> Lille
RANK_EXACT_FORMER = 1  # the whole former-commune name  "lomme"    -> Lille
# The start of a name ("roub" -> Roubaix), or one typo away from a whole name
# ("lile" -> Lille): population decides between them (see NameIndex._order).
RANK_PREFIX = 2
RANK_INNER = 3  # the start of a later word            "baroeul"  -> Marcq-en-Barœul
RANK_FORMER = 4  # the start of a former-commune name   "hellem"   -> Lille
RANK_TYPO = 5  # two or more typos away, closest first

# Suffix-array entry kinds: (start of key or inner word) x (name or former name).
_START, _INNER, _FORMER_START, _FORMER_INNER = 0, 1, 2, 3
_KIND_RANK = (RANK_PREFIX, RANK_INNER, RANK_FORMER, RANK_FORMER)

# Words that never start what someone would type for a place.
_SKIP_INNER = frozenset("a au aux d de des du en et l la le les lez pres sous sur".split())

# Inner-word matches only from this many letters: "ba" would match half of France.
_MIN_INNER = 3


def max_typos(length: int, loose: bool = False) -> int:
    """Edits forgiven for a query of this many letters (OSA: a swap counts one)."""
    edits = 0 if length < 4 else 1 if length < 8 else 2
    return edits + 1 if loose and length >= 4 else edits


class NameIndex:
    """Indexes names; answers with row numbers into the lists it was given.

    ``alt_names[i]`` are row i's other names; ``alt_is_name[i]`` says whether they
    are names of the same place (foreign-language names) or of former communes.
    """

    def __init__(
        self,
        names: Sequence[str],
        alt_names: Sequence[tuple[str, ...]],
        alt_is_name: Sequence[bool],
        populations: Sequence[int],
    ):
        self._pop = populations
        self._log_pop = [math.log10(p + 1) for p in populations]
        self._exact: dict[str, list[int]] = {}
        self._exact_former: dict[str, list[int]] = {}
        self._names, self._alt_names = names, alt_names
        entries: list[tuple[str, int, int]] = []
        by_length: dict[int, dict[str, list[int]]] = {}

        def add(i: int, text: str, former: bool) -> None:
            words = tokens(text)
            key = "".join(words)
            if not key:
                return
            (self._exact_former if former else self._exact).setdefault(key, []).append(i)
            # ~i marks a former-commune name, which ranks lower.
            by_length.setdefault(len(key), {}).setdefault(key, []).append(~i if former else i)
            entries.append((key, i, _FORMER_START if former else _START))
            inner = _FORMER_INNER if former else _INNER
            pos = len(words[0])
            for w in words[1:]:
                if w not in _SKIP_INNER:
                    entries.append((key[pos:], i, inner))
                pos += len(w)

        for i, name in enumerate(names):
            add(i, name, False)
        for i, alts in enumerate(alt_names):
            for alt in alts:
                add(i, alt, not alt_is_name[i])

        for table in (self._exact, self._exact_former):
            for ids in table.values():
                if len(ids) > 1:
                    ids.sort(key=lambda i: -populations[i])
        entries.sort()
        self._sfx_keys = [e[0] for e in entries]
        self._sfx_ids = [e[1] for e in entries]
        self._sfx_kind = bytes(e[2] for e in entries)
        # For typos: per key length, the keys and the rows they name.
        self._by_length = {n: (list(t), list(t.values())) for n, t in by_length.items()}

    # ------------------------------------------------------------------ queries

    def exact(self, words: list[str]) -> list[int]:
        """Rows whose whole name, then whole former name, is these words."""
        key = "".join(words)
        rows = list(self._exact.get(key, ()))
        rows += [i for i in self._exact_former.get(key, ()) if i not in rows]
        return rows

    def unique_word_prefix(self, words: list[str]) -> list[int]:
        """The one row with a name starting with these whole words ("Hellemmes"
        for Hellemmes-Lille), if exactly one row has such a name."""
        key = "".join(words)
        span = self._range(key)
        # Hundreds of names start with the letters ("sain"): not one answer.
        if len(key) < 4 or len(span) > 200:
            return []
        rows = set()
        for j in span:
            i = self._sfx_ids[j]
            if self._sfx_kind[j] in (_START, _FORMER_START) and any(
                tokens(name)[: len(words)] == words
                for name in (self._names[i], *self._alt_names[i])
            ):
                rows.add(i)
                if len(rows) > 1:
                    return []
        return list(rows)

    def unique_near_miss(self, words: list[str]) -> list[int]:
        """The one row within one typo of the words, if exactly one is closest.
        Short words are left alone: "saint" is one letter from Sains."""
        key = "".join(words)
        if len(key) < 6:
            return []
        best: dict[int, int] = {}
        for dist, ids in self._typos(key, 1):
            for i in ids:
                i = ~i if i < 0 else i
                best[i] = min(best.get(i, dist), dist)
        if not best:
            return []
        top = min(best.values())
        winners = [i for i, d in best.items() if d == top]
        return winners if len(winners) == 1 else []

    def search(self, words: list[str], limit: int, loose: bool = False) -> list[int]:
        """Up to ``limit`` rows, best first; ``loose`` forgives one more typo."""
        key = "".join(words)
        if not key or limit <= 0:
            return []
        rank: dict[int, tuple[int, int]] = {}

        def offer(i: int, r: int, sub: int = 0) -> None:
            if rank.get(i, (99, 0)) > (r, sub):
                rank[i] = (r, sub)

        for i in self._exact.get(key, ()):
            offer(i, RANK_EXACT)
        for i in self._exact_former.get(key, ()):
            offer(i, RANK_EXACT_FORMER)
        self._prefix(key, offer, limit)
        for dist, ids in self._typos(key, max_typos(len(key), loose)):
            for i in ids:
                if dist > 1:
                    offer(~i if i < 0 else i, RANK_TYPO, dist)
                elif i < 0:
                    offer(~i, RANK_FORMER, 1)
                else:
                    offer(i, RANK_PREFIX, 1)
        return heapq.nsmallest(limit, rank, key=lambda i: self._order(i, *rank[i]))

    def _order(self, i: int, r: int, sub: int) -> tuple:
        """Sort key of row i matched at rank r; sub is a typo count.

        Within a rank the larger commune comes first, but a one-typo match must
        be ten times larger to pass an exact prefix: "lile" gives Lille (238,000)
        before L'Île-Saint-Denis (8,000), "tourc" Tourcoing before Tours. Beyond
        one typo, the closest comes first.
        """
        if r == RANK_TYPO:
            return (r, sub, -self._pop[i], i)
        return (r, sub - self._log_pop[i], i)

    # ------------------------------------------------------------------ helpers

    def _range(self, key: str) -> range:
        """Suffix-array positions of the entries that start with key."""
        lo = bisect_left(self._sfx_keys, key)
        return range(lo, bisect_left(self._sfx_keys, key + "\x7f", lo))

    def _prefix(self, key: str, offer: Callable[..., None], limit: int) -> None:
        """Offer rows whose key, or a later word of it, starts with key.

        A short prefix can match thousands of entries ("s": every Saint-...);
        then only the most populous `limit` of each rank can make the page.
        """
        span = self._range(key)
        if len(span) > 20 * limit:
            for i, r in self._top_of_span(key, limit):
                offer(i, r)
            return
        ids, kinds = self._sfx_ids, self._sfx_kind
        skip_inner = len(key) < _MIN_INNER
        for j in span:
            kind = kinds[j]
            if not (skip_inner and kind in (_INNER, _FORMER_INNER)):
                offer(ids[j], _KIND_RANK[kind])

    @lru_cache(maxsize=1024)  # noqa: B019 (one index per process, kept for its life)
    def _top_of_span(self, key: str, limit: int) -> tuple[tuple[int, int], ...]:
        """The `limit` most populous rows of each rank among the entries starting
        with key; cached, since the big spans come from the first letters typed."""
        span = self._range(key)
        ids, kinds, pop = self._sfx_ids, self._sfx_kind, self._pop
        skip_inner = len(key) < _MIN_INNER
        buckets: dict[int, list[int]] = {}
        for j in span:
            kind = kinds[j]
            if not (skip_inner and kind in (_INNER, _FORMER_INNER)):
                buckets.setdefault(_KIND_RANK[kind], []).append(ids[j])
        return tuple(
            (i, r)
            for r, rows in sorted(buckets.items())
            for i in heapq.nlargest(limit, set(rows), key=pop.__getitem__)
        )

    def _typos(self, key: str, edits: int) -> Iterator[tuple[int, list[int]]]:
        """(distance, rows) for keys within `edits` typos of key (exact excluded)."""
        if edits <= 0:
            return
        n = len(key)
        # Only keys of a length within reach can be within reach.
        for length in range(max(1, n - edits), n + edits + 1):
            bucket = self._by_length.get(length)
            if not bucket:
                continue
            keys, rows = bucket
            for _, dist, j in process.extract(
                key, keys, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                if dist:
                    yield dist, rows[j]
