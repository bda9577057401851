"""The observatory's scheduled work: yesterday into facts, last month frozen,
old raw events purged."""

from __future__ import annotations

from huey import crontab

from portal.core import observe
from portal.core.tasks import periodic_task
from portal.core.time import local_today
from portal.observatory import operations, snapshots


def nightly(today=None) -> dict:
    """What the 02:30 task does; callable from the CLI and tests."""
    today = today or local_today()
    observe.flush()
    days = operations.aggregate()
    frozen = snapshots.freeze_month(snapshots.last_finished_month(today)) if today.day >= 2 else 0
    purged = operations.purge(today)
    return {"days": len(days), "snapshots": frozen, "purged": purged}


@periodic_task(crontab(hour="2", minute="30"))
def aggregate_yesterday() -> dict:
    # Huey runs in UTC: 02:30 UTC is after midnight in Paris all year round.
    return nightly()
