"""The small-group rules (portal/core/disclosure.py): no count under k shown,
and no hidden count recomputable from what is shown.

The audit is an attacker with a linear-programming solver: for every hidden
figure it asks for the smallest and the largest value compatible with every
shown cell and total (counts are non-negative). A hidden positive figure is
disclosed when both are equal: that must never happen.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from portal.core.disclosure import (
    K_DEFAULT,
    K_MINORS,
    minimum_cell_size,
    protect_counts,
    protect_table,
)


def _ranges(unknowns: list, equations: list[tuple[dict, float]]) -> dict:
    """min and max of each unknown under ``sum(coef * x) == rhs`` and x >= 0."""
    index = {u: i for i, u in enumerate(unknowns)}
    a_eq = np.zeros((len(equations), len(unknowns)))
    b_eq = np.zeros(len(equations))
    for row, (coefficients, rhs) in enumerate(equations):
        for unknown, coefficient in coefficients.items():
            a_eq[row, index[unknown]] += coefficient
        b_eq[row] = rhs
    ranges = {}
    for unknown in unknowns:
        objective = np.zeros(len(unknowns))
        objective[index[unknown]] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, "the shown figures must be consistent"
        ranges[unknown] = (low.fun, -high.fun if high.status == 0 else float("inf"))
    return ranges


def _audit_table(protected, rows, columns) -> dict:
    unknowns = [("cell", key) for key, value in protected.cells.items() if value is None]
    unknowns += [("row", r) for r in rows if protected.row_totals[r] is None]
    unknowns += [("column", c) for c in columns if protected.column_totals[c] is None]
    if not unknowns:
        return {}

    def term(kind, key, value):
        return ({(kind, key): 1.0}, 0.0) if value is None else ({}, float(value))

    equations = []
    for r in rows:
        coefficients, rhs = {}, 0.0
        for c in columns:
            part, known = term("cell", (r, c), protected.cells[r, c])
            coefficients.update(part)
            rhs -= known
        part, known = term("row", r, protected.row_totals[r])
        coefficients.update({u: -1.0 for u in part})
        rhs += known
        equations.append((coefficients, rhs))
    for c in columns:
        coefficients, rhs = {}, 0.0
        for r in rows:
            part, known = term("cell", (r, c), protected.cells[r, c])
            coefficients.update(part)
            rhs -= known
        part, known = term("column", c, protected.column_totals[c])
        coefficients.update({u: -1.0 for u in part})
        rhs += known
        equations.append((coefficients, rhs))
    for kind, keys, totals in (("row", rows, protected.row_totals), ("column", columns, protected.column_totals)):
        coefficients, rhs = {}, float(protected.total)
        for key in keys:
            part, known = term(kind, key, totals[key])
            coefficients.update(part)
            rhs -= known
        equations.append((coefficients, rhs))
    return _ranges(unknowns, [(co, rhs) for co, rhs in equations if co or abs(rhs) > 1e-9])


def test_a_small_count_is_hidden_with_a_complement_so_the_total_does_not_give_it_back():
    protected = protect_counts({"Lille": 40, "Roubaix": 3, "Tourcoing": 12, "Wattrelos": 0}, k=5)
    assert protected.counts["Roubaix"] is None
    # 55 - 40 - 12 - 0 would be 3 again: the next smallest positive count goes too.
    assert protected.counts["Tourcoing"] is None
    assert protected.counts["Lille"] == 40 and protected.counts["Wattrelos"] == 0
    assert protected.total == 55


def test_nothing_is_shown_when_the_whole_group_is_small():
    protected = protect_counts({"oui": 2, "non": 1}, k=5)
    assert protected.total is None and set(protected.counts.values()) == {None}


def test_without_a_published_total_one_hidden_count_is_enough():
    protected = protect_counts({"a": 30, "b": 2, "c": 9}, k=5, show_total=False)
    assert protected.counts == {"a": 30, "b": None, "c": 9}


def test_minors_are_protected_by_a_larger_k():
    assert minimum_cell_size() == K_DEFAULT == 5
    assert minimum_cell_size(covers_minors=True) == K_MINORS == 10
    assert minimum_cell_size(covers_minors=True, k=3) == 10
    protected = protect_counts({"13-17": 7, "18-25": 60, "26-30": 30}, k=minimum_cell_size(covers_minors=True))
    assert protected.counts["13-17"] is None and protected.counts["26-30"] is None


def test_a_table_hides_a_rectangle_and_the_lp_attacker_learns_nothing_exact():
    cells = {("Lille", "13-17"): 2, ("Lille", "18-25"): 30, ("Roubaix", "13-17"): 11,
             ("Roubaix", "18-25"): 20, ("Tourcoing", "13-17"): 9, ("Tourcoing", "18-25"): 14}
    protected = protect_table(cells, k=5)
    assert protected.cells["Lille", "13-17"] is None
    assert protected.row_totals == {"Lille": 32, "Roubaix": 31, "Tourcoing": 23}
    ranges = _audit_table(protected, ["Lille", "Roubaix", "Tourcoing"], ["13-17", "18-25"])
    assert ranges and all(high - low > 0.5 for low, high in ranges.values())


def _tables():
    return st.integers(1, 6).flatmap(lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.one_of(st.integers(0, 0), st.integers(1, 6), st.integers(5, 60)),
            min_size=rows * columns, max_size=rows * columns,
        ).map(lambda flat: (rows, columns, flat))))


@settings(max_examples=120, deadline=None)
@given(_tables(), st.sampled_from([3, 5, 10]))
def test_no_hidden_figure_of_a_random_table_can_be_recomputed(table, k):
    n_rows, n_columns, flat = table
    rows = [f"r{i}" for i in range(n_rows)]
    columns = [f"c{j}" for j in range(n_columns)]
    cells = {(r, c): flat[i * n_columns + j] for i, r in enumerate(rows) for j, c in enumerate(columns)}
    protected = protect_table(cells, k=k, rows=rows, columns=columns)

    shown = [v for v in protected.cells.values() if v is not None]
    shown += [v for v in protected.row_totals.values() if v is not None]
    shown += [v for v in protected.column_totals.values() if v is not None]
    assert all(not 0 < v < k for v in shown), "a small figure is shown"
    if protected.total is None:
        return
    for key, (low, high) in _audit_table(protected, rows, columns).items():
        kind, name = key
        true = (cells[name] if kind == "cell" else
                sum(v for (r, c), v in cells.items() if (r if kind == "row" else c) == name))
        # A hidden zero may be pinned down: zeros are shown anyway ("nobody"
        # describes no one). Anything else hidden must keep a range.
        assert true == 0 or high - low > 1e-6, f"{key} (true value {true}) is determined by what is shown"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=12), st.sampled_from([5, 10]))
def test_no_hidden_count_of_a_random_list_can_be_recomputed(values, k):
    counts = {f"x{i}": v for i, v in enumerate(values)}
    protected = protect_counts(counts, k=k)
    assert all(v is None or not 0 < v < k for v in protected.counts.values())
    if protected.total is None:
        return
    unknowns = [key for key, v in protected.counts.items() if v is None]
    if not unknowns:
        return
    rest = protected.total - sum(v for v in protected.counts.values() if v is not None)
    for key, (low, high) in _ranges(unknowns, [({u: 1.0 for u in unknowns}, rest)]).items():
        assert counts[key] == 0 or high - low > 1e-6, f"{key} (true value {counts[key]}) is determined"


@pytest.mark.parametrize("k", [5, 10])
def test_a_breakdown_that_hides_too_much_says_so(k):
    protected = protect_counts({f"commune {i}": 3 for i in range(8)} | {"Lille": 80}, k=k)
    assert protected.hidden_share > 0.5
