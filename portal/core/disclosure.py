"""Small-group protection for every published figure: one set of rules for the
consultations' results, the councils' indicators and the observatory.

A count of fewer than *k* people (default 5, 10 when the figure covers 13–17
year-olds) is never shown: it is published as "fewer than k". Hiding it is not
enough when totals are shown too — "total minus the shown cells" would give it
back — so enough other cells are hidden (complementary suppression) that no
hidden cell can be recomputed from what is shown:

- a list of counts with its total (``protect_counts``): a list never has exactly
  one hidden count; the second one hidden is the smallest other count, so as
  little as possible is lost;
- a table with row and column totals (``protect_table``): each hidden cell
  lies on a rectangle of hidden cells (rows r, r' × columns c, c'). The hidden
  values then have a free direction (+t on one diagonal, −t on the other)
  that keeps every shown total, so none of them is determined; the rectangle
  is chosen to hide as little as possible, reusing cells already hidden. A
  row or column whose own total is under *k* is hidden whole, and its total
  with it, protected as a list among the other totals.

Zero is shown: "nobody" describes no one. Only positive cells are used as
complements where possible, which keeps the free direction open (a hidden
zero cannot go lower). ``tests/core/test_disclosure.py`` proves the property
on random tables with a linear-programming audit.

Differencing across *separate* publications (a year against the sum of its
months) is the caller's concern: the observatory publishes one protected
table per period and breakdown, never a margin computed elsewhere.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product

#: The smallest group shown, and the one for figures about minors.
K_DEFAULT = 5
K_MINORS = 10

#: Above this share of hidden cells a breakdown says too little: callers fall
#: back to a coarser one (commune → EPCI → department).
TOO_MUCH_HIDDEN = 0.5


def minimum_cell_size(*, covers_minors: bool = False, k: int | None = None) -> int:
    """*k* for a figure: the setting when given, else 5, or 10 for 13–17 year-olds."""
    if k is not None:
        return max(k, K_MINORS if covers_minors else 1)
    return K_MINORS if covers_minors else K_DEFAULT


def is_small(value: int, k: int) -> bool:
    return 0 < value < k


class _Hidden:
    """What a protected publication hid: the small cells and their complements."""

    @property
    def hidden(self) -> set:
        return self.hidden_small | self.hidden_complementary

    @property
    def hidden_share(self) -> float:
        cells = self._cells()
        return len(self.hidden) / len(cells) if cells else 0.0


@dataclass
class ProtectedCounts(_Hidden):
    """A list of counts with its total; ``None`` marks a hidden count."""

    counts: dict[Hashable, int | None]
    total: int | None
    k: int
    hidden_small: set = field(default_factory=set)
    hidden_complementary: set = field(default_factory=set)

    def _cells(self) -> dict:
        return self.counts


def protect_counts(counts: Mapping[Hashable, int], *, k: int, total: int | None = None,
                   show_total: bool = True) -> ProtectedCounts:
    """Protect one breakdown. ``total`` defaults to the sum; when it is under
    *k* nothing is shown at all. ``show_total=False`` publishes the counts
    without their total, so a single hidden count needs no complement."""
    total = sum(counts.values()) if total is None else total
    if is_small(total, k):
        return ProtectedCounts({key: None for key in counts}, None, k, hidden_small=set(counts))
    small = {key for key, value in counts.items() if is_small(value, k)}
    complementary: set = set()
    if show_total and len(small) == 1 and len(counts) > 1:
        complementary.add(_smallest(counts, exclude=small))
    hidden = small | complementary
    return ProtectedCounts({key: (None if key in hidden else value) for key, value in counts.items()},
                           total if show_total else None, k, small, complementary)


def _smallest(counts: Mapping[Hashable, int], *, exclude: set) -> Hashable:
    """The smallest other count, a positive one when there is any (see the module's note on zeros)."""
    candidates = [(value <= 0, value, str(key), key) for key, value in counts.items() if key not in exclude]
    return min(candidates)[-1]


@dataclass
class ProtectedTable(_Hidden):
    """A two-way table with its totals; ``None`` marks a hidden figure."""

    cells: dict[tuple[Hashable, Hashable], int | None]
    row_totals: dict[Hashable, int | None]
    column_totals: dict[Hashable, int | None]
    total: int | None
    k: int
    hidden_small: set = field(default_factory=set)
    hidden_complementary: set = field(default_factory=set)

    def _cells(self) -> dict:
        return self.cells


def protect_table(cells: Mapping[tuple[Hashable, Hashable], int], *, k: int,
                  rows: Iterable[Hashable] | None = None,
                  columns: Iterable[Hashable] | None = None) -> ProtectedTable:
    """Protect a table given as ``{(row, column): count}`` (missing cells are 0),
    published with its row totals, column totals and grand total."""
    rows = list(dict.fromkeys(rows if rows is not None else (r for r, _ in cells)))
    columns = list(dict.fromkeys(columns if columns is not None else (c for _, c in cells)))
    values = {(r, c): int(cells.get((r, c), 0)) for r, c in product(rows, columns)}
    row_sum = {r: sum(values[r, c] for c in columns) for r in rows}
    column_sum = {c: sum(values[r, c] for r in rows) for c in columns}
    total = sum(row_sum.values())
    if is_small(total, k):
        return ProtectedTable({key: None for key in values}, {r: None for r in rows},
                              {c: None for c in columns}, None, k, hidden_small=set(values))

    if len(rows) == 1 or len(columns) == 1:
        return _protect_line(values, rows, columns, row_sum, column_sum, total, k)

    # Totals first: a small row or column is hidden whole, its total protected
    # among the other totals like any list of counts.
    rows_protected = protect_counts(row_sum, k=k, total=total)
    columns_protected = protect_counts(column_sum, k=k, total=total)
    small = {key for key, value in values.items() if is_small(value, k)}
    whole = {(r, c) for r, c in values if r in rows_protected.hidden or c in columns_protected.hidden}
    hidden = small | whole
    for cell in sorted(small | whole, key=lambda cell: (values[cell], str(cell))):
        if values[cell] == 0 or _on_hidden_rectangle(cell, hidden, values, rows, columns):
            continue
        corners = _cheapest_rectangle(cell, hidden, values, rows, columns)
        if corners is None:
            # No rectangle can protect this cell: the table says too little,
            # only its grand total is shown (callers then use a coarser breakdown).
            return ProtectedTable({key: None for key in values}, {r: None for r in rows},
                                  {c: None for c in columns}, total, k,
                                  hidden_small=small, hidden_complementary=set(values) - small)
        hidden |= corners
    return ProtectedTable(
        {key: (None if key in hidden else value) for key, value in values.items()},
        {r: (None if r in rows_protected.hidden else v) for r, v in row_sum.items()},
        {c: (None if c in columns_protected.hidden else v) for c, v in column_sum.items()},
        total, k, hidden_small=small, hidden_complementary=hidden - small)


def _on_hidden_rectangle(cell, hidden: set, values: dict, rows: list, columns: list) -> bool:
    r, c = cell
    return any((r, c2) in hidden and (r2, c) in hidden and (r2, c2) in hidden
               and (values[r2, c2] > 0 or (values[r, c2] > 0 and values[r2, c] > 0))
               for r2 in rows if r2 != r for c2 in columns if c2 != c)


def _cheapest_rectangle(cell, hidden: set, values: dict, rows: list, columns: list) -> set | None:
    """The three other corners that hide the least (cells already hidden cost
    nothing), among the rectangles that really leave a free direction: adding
    t on one diagonal and taking it from the other must be possible one way
    or the other, so the opposite corner is positive, or both side corners
    are. None when no such rectangle exists."""
    r, c = cell
    best, best_cost = None, None
    for r2 in rows:
        if r2 == r:
            continue
        for c2 in columns:
            if c2 == c:
                continue
            if not (values[r2, c2] > 0 or (values[r, c2] > 0 and values[r2, c] > 0)):
                continue
            corners = {(r, c2), (r2, c), (r2, c2)}
            price = sum(values[key] for key in corners if key not in hidden)
            fresh = sum(key not in hidden for key in corners)
            if best_cost is None or (price, fresh) < best_cost:
                best, best_cost = corners, (price, fresh)
    return best


def _protect_line(values, rows, columns, row_sum, column_sum, total, k) -> ProtectedTable:
    """A table of one row or one column is a list with its total: each cell
    equals its row's (or column's) total, so both are hidden together."""
    line = protect_counts(values, k=k, total=total)
    hidden = line.hidden
    hidden_rows = {r for r in rows if any((r, c) in hidden for c in columns)} if len(columns) == 1 else set()
    hidden_columns = {c for c in columns if any((r, c) in hidden for r in rows)} if len(rows) == 1 else set()
    return ProtectedTable(
        dict(line.counts),
        {r: (None if r in hidden_rows else v) for r, v in row_sum.items()},
        {c: (None if c in hidden_columns else v) for c, v in column_sum.items()},
        total, k, hidden_small=line.hidden_small, hidden_complementary=line.hidden_complementary)

