"""Scheduled upkeep of the search outbox."""

from datetime import timedelta

from huey import crontab

from portal.core.tasks import periodic_task
from search_index.indexer import prune_outbox


@periodic_task(crontab(hour="4", minute="10"))
def prune_search_outbox() -> int:
    """Every night: outbox rows older than a week are applied everywhere (a node
    further behind rebuilds, see indexer.py)."""
    return prune_outbox(timedelta(days=7))
