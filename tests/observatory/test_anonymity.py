"""Anonymous by construction: the event table cannot hold an identifier or
free text, and the journey token is gone once the day is aggregated."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.core import observe
from portal.core.time import local_today
from portal.observatory import operations
from portal.observatory.models import Event, Fact

FORBIDDEN = re.compile(r"user|account|ip|address|session|cookie|token|text|message|body|email|name|agent")


def test_no_event_column_could_hold_an_identifier_or_free_text(app, database):
    with app.app_context():
        for table in ("observatory_events", "observatory_facts"):
            columns = sa.inspect(database.session.connection()).get_columns(table)
            for column in columns:
                assert not FORBIDDEN.search(column["name"]), (table, column["name"])
                if isinstance(column["type"], sa.String):
                    # Short codes only: nothing long enough to carry what was typed.
                    assert column["type"].length <= 60, (table, column["name"], column["type"].length)
                assert not isinstance(column["type"], sa.Text), (table, column["name"])


def test_record_refuses_what_is_not_a_code(app, database, record_events):
    day = local_today() - timedelta(days=3)
    record_events(day, "guide_search", theme="x" * 500, commune="59350" * 10, age_range="Lucas, 15 ans",
                  journey="not-a-journey")
    event = database.session.scalars(sa.select(Event)).one()
    assert len(event.theme) <= 40 and len(event.commune) <= 12
    assert event.age_range is None and event.journey is None


def test_the_journey_is_gone_after_aggregation_and_only_counted(app, database, record_events):
    day = local_today() - timedelta(days=2)
    journey = observe.new_journey()
    record_events(day, "guide_search", theme="logement", commune="59512", journey=journey)
    record_events(day, "entry_viewed", theme="logement", commune="59512", journey=journey)
    record_events(day, "contact_sent", theme="logement", commune="59512", journey=journey)  # skipped a step
    assert database.session.scalar(sa.select(sa.func.count()).where(Event.journey == journey)) == 3

    operations.aggregate_day(day)

    assert database.session.scalar(sa.select(sa.func.count()).where(Event.journey.is_not(None))) == 0
    steps = dict(database.session.execute(
        sa.select(Fact.channel, Fact.count).where(Fact.kind == "journey", Fact.day == day)).all())
    # A step counts only when every step before it was reached.
    assert steps == {"guide_search": 1, "entry_viewed": 1}


def test_an_old_journey_token_is_not_accepted():
    fresh = observe.new_journey()
    minute, _, rest = fresh.partition(".")
    stale = f"{int(minute, 16) - observe.JOURNEY_MINUTES - 1:x}.{rest}"
    assert observe.is_journey(fresh) and not observe.is_journey(stale)
