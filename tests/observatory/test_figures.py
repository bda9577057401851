"""From events to protected figures: aggregation, the small-group rules on
every series, frozen months, corrections, and the retention purge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.core.time import local_today
from portal.observatory import indicators, operations, reading, snapshots
from portal.observatory.models import Event, Fact


def _searches(record_events, day, commune, n, *, nothing=0, theme="emploi"):
    record_events(day, "guide_search", n - nothing, theme=theme, commune=commune, flag=False, value=4)
    if nothing:
        record_events(day, "guide_search", nothing, theme=theme, commune=commune, flag=True, value=0)


def test_a_day_of_events_becomes_facts_with_departments(app, database, record_events):
    day = local_today() - timedelta(days=1)
    _searches(record_events, day, "59350", 7, nothing=2)
    _searches(record_events, day, "BE-54007", 3)
    assert operations.aggregate() == [day]
    facts = database.session.execute(sa.select(Fact.commune, Fact.department, Fact.flag, Fact.count)
                                     .where(Fact.day == day)).all()
    assert sorted(facts) == [("59350", "59", False, 5), ("59350", "59", True, 2),
                             ("BE-54007", "BE-WHT", False, 3)]
    # Rebuilding a day gives the same facts, not twice as many.
    operations.aggregate(day)
    assert database.session.scalar(sa.select(sa.func.sum(Fact.count)).where(Fact.day == day)) == 10


def test_a_small_commune_is_hidden_and_so_is_the_figure_that_would_give_it_back(
        app, database, record_events, last_month):
    start, end = last_month
    _searches(record_events, start, "59350", 40)   # Lille
    _searches(record_events, start, "59512", 12)   # Roubaix
    _searches(record_events, start, "59599", 3)    # Tourcoing: fewer than 5
    operations.aggregate(start, end)
    series = reading.series(indicators.get("guide_searches"), start=start, end=end, by="commune")
    month = f"{start:%Y-%m}"
    assert series.cell(month, None).value == 55          # the total is shown
    assert series.cell(month, "59599").hidden            # 3 people: hidden
    assert series.cell(month, "59512").hidden            # else 55 - 40 - x gives it back
    assert series.cell(month, "59350").value == 40


def test_a_share_is_hidden_with_its_small_n(app, database, record_events, last_month):
    start, end = last_month
    _searches(record_events, start, "59350", 20, nothing=5)
    _searches(record_events, start, "59512", 4, nothing=4)
    _searches(record_events, start, "59599", 6, nothing=1)
    operations.aggregate(start, end)
    series = reading.series(indicators.get("guide_searches_without_result"), start=start, end=end,
                            by="commune")
    month = f"{start:%Y-%m}"
    assert series.cell(month, None).value == pytest.approx(100 * 10 / 30, abs=0.1)
    assert series.cell(month, "59512").hidden and series.cell(month, "59512").value is None
    assert series.cell(month, "59599").hidden   # the complement
    assert series.cell(month, "59350").value == 25.0 and series.cell(month, "59350").n == 20


def test_a_breakdown_by_age_protects_minors_with_a_larger_k(app, database, record_events, last_month):
    start, end = last_month
    record_events(start, "guide_search", 8, age_range="13-17", commune="59350")
    record_events(start, "guide_search", 30, age_range="18-25", commune="59350")
    record_events(start, "guide_search", 12, age_range="26-30", commune="59350")
    operations.aggregate(start, end)
    series = reading.series(indicators.get("guide_searches"), start=start, end=end, by="age_range")
    assert series.k == 10
    assert series.cell(f"{start:%Y-%m}", "13-17").hidden     # 8 minors: under 10


def test_a_breakdown_the_indicator_does_not_allow_is_refused(app, database):
    with pytest.raises(reading.BreakdownNotAllowed):
        reading.series(indicators.get("forum_topics"), start=date(2026, 1, 1), end=date(2026, 2, 1),
                       by="commune")


def test_a_frozen_month_never_changes_silently_and_a_correction_is_a_new_version(
        app, database, record_events, last_month, client):
    start, end = last_month
    month = f"{start:%Y-%m}"
    _searches(record_events, start, "59350", 20)
    operations.aggregate(start, end)
    snapshots.freeze_month(month)
    # Events arrive late for that month (a clock, a replay): the facts change…
    _searches(record_events, start + timedelta(days=1), "59350", 9)
    operations.aggregate(start, end)
    indicator = indicators.get("guide_searches")
    assert reading.compute(indicator, start=start, end=end).cell(month, None).value == 29
    # …the published month does not.
    published = reading.series(indicator, start=start, end=end)
    assert published.cell(month, None).value == 20 and month in published.frozen

    snapshots.correct_month("guide_searches", month, "Des recherches d'un jour arrivées en retard.")
    assert reading.series(indicator, start=start, end=end).cell(month, None).value == 29
    page = client.get("/observatory/methodology").get_data(as_text=True)
    assert "arrivées en retard" in page


def test_percentiles_of_chat_waits_are_read_in_minutes(app, database, record_events, last_month):
    start, end = last_month
    for seconds in [60] * 10 + [600] * 2:
        record_events(start, "chat_answered", value=seconds, theme="sante", commune="59350")
    operations.aggregate(start, end)
    median = reading.series(indicators.get("chat_wait_median"), start=start, end=end).totals()[0]
    p90 = reading.series(indicators.get("chat_wait_p90"), start=start, end=end).totals()[0]
    assert median.n == 12 and median.value == pytest.approx(1.0, rel=0.1)
    assert p90.value == pytest.approx(10.0, rel=0.1)


def test_old_raw_events_are_purged_and_their_facts_kept(app, database, record_events):
    today = local_today()
    old = today - timedelta(days=800)
    record_events(old, "guide_search", 6, commune="59350")
    record_events(today - timedelta(days=5), "guide_search", 6, commune="59350")
    operations.aggregate(old, today - timedelta(days=1))
    assert operations.purge(today) == 6
    assert database.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 6
    assert database.session.scalar(sa.select(sa.func.sum(Fact.count)).where(Fact.day == old)) == 6
