"""Observatory fixtures: anonymous events recorded through the real
``portal.core.observe.record`` path, then aggregated by the real task code."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.core import observe
from portal.core.commit import commit
from portal.core.time import local_today


@pytest.fixture
def record_events(app, database):
    """``record_events(day, kind, n, **codes)``: n events of that day, committed
    through the after-commit queue and the buffer, as a request would."""

    def recorder(day: date, kind: str, n: int = 1, **codes):
        for _ in range(n):
            observe.record(kind, **codes)
        # record() stamps today; the test wants its own day, so the rows are
        # moved after they are written (the only place a test touches them).
        commit()
        from sqlalchemy import update

        from portal.observatory.models import Event

        database.session.execute(update(Event).where(Event.day == local_today()).values(day=day))
        database.session.flush()

    return recorder


@pytest.fixture
def last_month():
    first = local_today().replace(day=1)
    end = first - timedelta(days=1)
    return end.replace(day=1), end
