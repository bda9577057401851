"""``flask search rebuild|follow|prune``, and ``init_app`` for the factory."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from portal.core.commit import committing, rollback

log = logging.getLogger(__name__)

search_cli = AppGroup("search", help="Build and follow the search index.")


def init_app(app) -> None:
    """The outbox listener and the ``flask search`` commands. Settings (their
    defaults are in portal/config.py):

    - ``SEARCH_APPLY_INLINE``: apply the outbox right after each commit (the
      embedded default: on unless ``REDIS_URL`` says there are several
      processes, which then each run ``flask search follow``);
    - ``SEARCH_SETTLE_SECONDS``: how long an outbox row may stay invisible
      after the rows around it (see following.py);
    - ``SEARCH_REBUILD_LIMITMB``: the rebuild's in-memory posting pool; below
      what the data needs (~1.5 GB at 100,000 entries) it spills to disk and
      the rebuild takes about twice as long.
    """
    from portal.core.health import register_deep_check
    from search_index.indexes import problems

    # /healthz?deep=1: every index readable, or what is wrong with each.
    register_deep_check("search_index",
                        lambda: "; ".join(f"{k}: {v}" for k, v in problems().items()) or None)
    from search_index import (
        outbox,  # noqa: F401  (registers the session listener)
        tasks,  # noqa: F401  (registers the nightly outbox clean-up)
    )

    app.cli.add_command(search_cli)


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Rebuild every index from the database and swap it in."""
    from search_index.indexer import rebuild
    from search_index.indexes import rebuild_text_indexes

    try:
        result = rebuild()
        others = rebuild_text_indexes()
    finally:
        rollback()  # the rebuild only read
    click.echo(f"Indexed {result.documents} documents in {result.seconds:.1f} s "
               f"({result.path}).")
    for name, other in others.items():
        click.echo(f"Index {name}: {other.documents} documents in {other.seconds:.1f} s.")


@search_cli.command("follow")
@click.option("--once", is_flag=True, help="Apply what is pending, then stop.")
@click.option("--interval", type=float, default=0.5, show_default=True,
              help="Seconds between passes.")
def follow_command(once: bool, interval: float) -> None:
    """Apply the outbox to this node's indexes, continuously."""
    from search_index.indexes import apply_all

    click.echo(f"Following the search outbox into {current_app.config['SEARCH_INDEX_DIR']}.")
    while True:
        try:
            for name, applied in apply_all().items():
                if applied:
                    log.info("search index %s: %d changes applied", name, applied)
        except Exception:
            if once:
                raise
            log.exception("search index: pass failed; retrying")
        finally:
            # End the read transaction: a long-lived one would keep seeing an
            # old snapshot of the outbox (SQLite) and hold back its clean-up.
            rollback()
        if once:
            return
        time.sleep(interval)


@search_cli.command("prune")
@click.option("--days", type=float, default=7.0, show_default=True,
              help="Delete outbox rows older than this.")
@committing
def prune_command(days: float) -> None:
    """Delete old outbox rows (every node must have applied them)."""
    from search_index.indexer import prune_outbox

    click.echo(f"Deleted {prune_outbox(timedelta(days=days))} outbox rows.")
