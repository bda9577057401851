"""Protected series of an indicator, read from the daily facts.

Every figure leaves here already protected (``portal.core.disclosure``): per
period, the groups' counts — the *n* of each figure — are protected as a list
with their total, and a share or a percentile is hidden with its *n*. A month
that was frozen (``snapshots.freeze_month``) is read from its latest snapshot,
so a published figure never changes silently.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import func, literal, select

from portal.core.disclosure import minimum_cell_size, protect_counts
from portal.extensions import db
from portal.observatory.indicators import Indicator
from portal.observatory.kinds import bucket_value
from portal.observatory.models import Fact, Snapshot

PERIODS = ("month", "week", "year", "all")
UNKNOWN = "unknown"


class BreakdownNotAllowed(ValueError):
    def __init__(self, indicator: Indicator, by: str):
        super().__init__(by)
        self.indicator, self.by = indicator, by


@dataclass
class Point:
    period: str
    group: str | None
    value: float | None
    n: int | None

    @property
    def hidden(self) -> bool:
        return self.n is None


@dataclass
class Series:
    indicator: Indicator
    start: date
    end: date
    period: str
    by: str | None
    k: int
    points: list[Point] = field(default_factory=list)
    frozen: list[str] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return sorted({p.period for p in self.points})

    @property
    def groups(self) -> list[str]:
        return sorted({p.group for p in self.points if p.group is not None})

    def totals(self) -> list[Point]:
        return [p for p in self.points if p.group is None]

    def cell(self, period: str, group: str | None) -> Point | None:
        for point in self.points:
            if point.period == period and point.group == group:
                return point
        return None


def cell_size(indicator: Indicator, by: str | None) -> int:
    """k for this figure: the indicator's own, else the install's; 10 when a
    breakdown by age shows 13–17 year-olds on their own."""
    configured = indicator.k or current_app.config["OBSERVATORY_MIN_CELL"]
    return minimum_cell_size(covers_minors=by == "age_range", k=configured)


def _period(column, period: str):
    dialect = db.engine.dialect.name
    if period == "all":
        return literal("all")
    if period == "year":
        return func.to_char(column, "YYYY") if dialect == "postgresql" else func.strftime("%Y", column)
    if period == "week":
        return (func.to_char(column, "IYYY-\"W\"IW") if dialect == "postgresql"
                else func.strftime("%Y-W%W", column))
    return func.to_char(column, "YYYY-MM") if dialect == "postgresql" else func.strftime("%Y-%m", column)


def _counts(source, start, end, period, by, *, buckets=False, communes=None):
    """{(period, group[, bucket]): (count, value_sum)} for the source's events."""
    when = _period(Fact.day, period).label("period")
    columns = [when]
    group = getattr(Fact, by).label("grp") if by else None
    if group is not None:
        columns.append(group)
    if buckets:
        columns.append(Fact.bucket)
    query = (select(*columns, func.sum(Fact.count), func.sum(Fact.value_sum))
             .where(Fact.kind.in_(source.kinds), Fact.day >= start, Fact.day <= end))
    if source.flag is not None:
        query = query.where(Fact.flag.is_(source.flag))
    if communes is not None:
        query = query.where(Fact.commune.in_(communes))
    if buckets:
        query = query.where(Fact.bucket.is_not(None))
    query = query.group_by(*(columns[1:] if period == "all" else columns))
    result = {}
    for row in db.session.execute(query):
        row = list(row)
        value_sum, count = row.pop(), row.pop()
        key = tuple(UNKNOWN if (by and i == 1 and v is None) else v for i, v in enumerate(row))
        result[key] = (int(count or 0), float(value_sum or 0))
    return result


def _percentile(histogram: dict[int, int], q: float) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    rank, seen = q * total, 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return bucket_value(bucket)
    return bucket_value(max(histogram))


def compute(indicator: Indicator, *, start: date, end: date, period: str = "month",
            by: str | None = None, communes=None) -> Series:
    """The indicator's protected series, computed from the facts."""
    if by is not None and by not in indicator.breakdowns:
        raise BreakdownNotAllowed(indicator, by)
    if period not in PERIODS:
        raise ValueError(period)
    k = cell_size(indicator, by)
    series = Series(indicator, start, end, period, by, k)
    # n and the raw value of every (period, group) cell.
    cells: dict[tuple, tuple[int, float | None]] = {}
    if indicator.measure == "count":
        for key, (count, _) in _counts(indicator.source, start, end, period, by, communes=communes).items():
            cells[key] = (count, float(count))
    elif indicator.measure == "share":
        whole = _counts(indicator.denominator, start, end, period, by, communes=communes)
        part = _counts(indicator.source, start, end, period, by, communes=communes)
        for key, (count, _) in whole.items():
            cells[key] = (count, 100.0 * part.get(key, (0, 0))[0] / count if count else None)
    else:
        histograms: dict[tuple, dict[int, int]] = {}
        for key, (count, _) in _counts(indicator.source, start, end, period, by, buckets=True,
                                       communes=communes).items():
            histograms.setdefault(key[:-1], {})[key[-1]] = count
        q = 0.5 if indicator.measure == "median" else 0.9
        for key, histogram in histograms.items():
            value = _percentile(histogram, q)
            # Waits are recorded in seconds and read in minutes.
            cells[key] = (sum(histogram.values()), None if value is None else round(value / 60.0, 1))
    by_period: dict[str, dict] = {}
    for key, cell in cells.items():
        by_period.setdefault(key[0], {})[key[1] if by else None] = cell
    for when in sorted(by_period):
        groups = by_period[when]
        if by is None:
            n, value = groups[None]
            protected = protect_counts({None: n}, k=k)
            series.points.append(_point(when, None, n, value, protected.counts[None] is None))
            continue
        protected = protect_counts({g: n for g, (n, _) in groups.items()}, k=k)
        total_n = sum(n for n, _ in groups.values())
        total = _total(indicator, groups, total_n)
        series.points.append(_point(when, None, total_n, total, protected.total is None))
        for group, (n, value) in sorted(groups.items(), key=lambda item: str(item[0])):
            series.points.append(_point(when, group, n, value, protected.counts[group] is None))
    return series


def _total(indicator, groups, total_n):
    if indicator.measure == "count":
        return float(total_n)
    if indicator.measure == "share":
        part = sum((value or 0) * n / 100.0 for n, value in groups.values())
        return 100.0 * part / total_n if total_n else None
    # A percentile of the whole cannot be rebuilt from the groups' percentiles:
    # the whole is read without breakdown.
    return None


def _point(period, group, n, value, hidden) -> Point:
    if hidden:
        return Point(period, group, None, None)
    return Point(period, group, None if value is None else round(value, 1), n)


def series(indicator: Indicator, *, start: date, end: date, period: str = "month",
           by: str | None = None, communes=None) -> Series:
    """Frozen months from their snapshot, the others computed."""
    computed = compute(indicator, start=start, end=end, period=period, by=by, communes=communes)
    if period != "month" or communes is not None:
        return computed
    frozen = _snapshots(indicator, by, start, end)
    if not frozen:
        return computed
    points = [p for p in computed.points if p.period not in frozen]
    for payload in frozen.values():
        points += [Point(**row) for row in payload]
    computed.points = sorted(points, key=lambda p: (p.period, p.group is not None, str(p.group)))
    computed.frozen = sorted(frozen)
    return computed


def _snapshots(indicator, by, start, end) -> dict[str, list[dict]]:
    rows = db.session.execute(
        select(Snapshot.month, Snapshot.payload, Snapshot.version)
        .where(Snapshot.indicator == indicator.name, Snapshot.breakdown == (by or ""),
               Snapshot.month >= f"{start:%Y-%m}", Snapshot.month <= f"{end:%Y-%m}")
        .order_by(Snapshot.month, Snapshot.version))
    latest = {}
    for month, payload, _version in rows:
        latest[month] = json.loads(payload)
    return latest


def point_payload(points: list[Point]) -> str:
    return json.dumps([asdict(p) for p in points])

