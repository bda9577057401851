"""What the staff boards show, built from the registry's indicators (the
same definitions as the public pages, so the two agree) over one period.

- unmet needs: searches with no result by commune (a map) and by theme,
  questions the assistant could not answer, chats nobody took, forum
  questions without a professional's answer after 48 hours — each with what
  to do about it;
- service quality: chat waits (median and 9 in 10) with n, appointments
  kept, messages to professionals;
- reach and journeys: how many guide journeys reached each step, by theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core.disclosure import minimum_cell_size, protect_table
from portal.core.themes import theme_labels
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.observatory import indicators, reading
from portal.observatory.kinds import JOURNEY_STEPS
from portal.observatory.models import Fact


@dataclass
class Row:
    key: str | None
    label: str
    value: float | None
    n: int | None
    lat: float | None = None
    lon: float | None = None
    action: tuple[str, str] | None = None  # (label, url)


@dataclass
class Table:
    indicator: indicators.Indicator
    by: str | None
    k: int
    total: reading.Point | None
    rows: list[Row] = field(default_factory=list)


def _url(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except Exception:  # the domain is not installed
        return None


def _table(name: str, start: date, end: date, by: str | None, action=None) -> Table:
    indicator = indicators.get(name)
    series = reading.series(indicator, start=start, end=end, period="all", by=by)
    table = Table(indicator, by, series.k, next(iter(series.totals()), None))
    themes = theme_labels()
    gazetteer = get_gazetteer()
    for point in series.points:
        if point.group is None:
            continue
        label, lat, lon = point.group, None, None
        if by == "theme":
            label = str(themes.get(point.group, point.group))
        elif by == "commune" and (commune := gazetteer.by_insee(point.group)):
            label, lat, lon = commune.name, commune.lat, commune.lon
        table.rows.append(Row(point.group, label, point.value, point.n, lat, lon,
                              action(point.group) if action else None))
    table.rows.sort(key=lambda row: (row.n is None, -(row.value or 0)))
    return table


def _write_article(theme):
    url = _url("knowledge.manage")
    return (_l("Write an information sheet"), url) if url else None


def _add_entry(_group):
    url = _url("directory.search")
    return (_l("See the guide"), url) if url else None


def journeys(start: date, end: date) -> dict:
    """Journeys reaching each step, by theme: a protected theme × step table."""
    rows = db.session.execute(
        select(Fact.theme, Fact.channel, func.sum(Fact.count))
        .where(Fact.kind == "journey", Fact.day >= start, Fact.day <= end)
        .group_by(Fact.theme, Fact.channel))
    cells = {((theme or reading.UNKNOWN), step): int(count) for theme, step, count in rows}
    themes = sorted({theme for theme, _ in cells})
    k = minimum_cell_size()
    protected = protect_table(cells, k=k, rows=themes, columns=list(JOURNEY_STEPS)) if cells else None
    labels = theme_labels()
    return {"protected": protected, "themes": [(t, str(labels.get(t, t))) for t in themes],
            "steps": JOURNEY_STEPS, "k": k}


def build(start: date, end: date) -> dict:
    return {
        "no_result_map": _table("guide_searches_no_result", start, end, "commune", _add_entry),
        "no_result_themes": _table("guide_searches_no_result", start, end, "theme", _add_entry),
        "assistant_unanswered": _table("assistant_unanswered_count", start, end, "theme", _write_article),
        "chats_abandoned": _table("chats_abandoned_count", start, end, "theme"),
        "forum_unanswered": _table("forum_unanswered_48h", start, end, "theme"),
        "chat_wait_median": _table("chat_wait_median", start, end, "department"),
        "chat_wait_p90": _table("chat_wait_p90", start, end, "department"),
        "appointments_kept": _table("appointments_kept", start, end, "department"),
        "contacts_sent": _table("contacts_sent", start, end, "theme"),
        "journeys": journeys(start, end),
    }
