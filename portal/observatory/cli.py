"""``flask observatory …``: aggregate, freeze, correct, purge, retention."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from portal.core.commit import committing
from portal.observatory import operations, snapshots, tasks

observatory_cli = AppGroup("observatory", help="The observatory's aggregation and snapshots.")


@observatory_cli.command("aggregate")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Rebuild the facts from this day (default: the days not done yet).")
@committing
def aggregate(start):
    """Turn raw events into daily facts (up to yesterday); journeys are dropped."""
    done = operations.aggregate(start.date() if start else None)
    click.echo(f"{len(done)} day(s) aggregated" + (f", {done[0]} to {done[-1]}" if done else ""))


@observatory_cli.command("nightly")
@committing
def nightly():
    """What the nightly task does: aggregate, freeze last month, purge."""
    click.echo(tasks.nightly())


@observatory_cli.command("freeze")
@click.argument("month")
@committing
def freeze(month):
    """Freeze a finished month (YYYY-MM): its published figures never change silently."""
    snapshots.month_bounds(month)
    click.echo(f"{snapshots.freeze_month(month)} snapshot(s) stored for {month}")


@observatory_cli.command("correct")
@click.argument("indicator")
@click.argument("month")
@click.option("--note", required=True, help="Why the figures change (shown on the methodology page).")
@committing
def correct(indicator, month, note):
    """Publish a corrected version of an indicator's month, with a note."""
    click.echo(f"{snapshots.correct_month(indicator, month, note)} new version(s) of {indicator} {month}")


@observatory_cli.command("retention")
@click.argument("months", type=click.IntRange(1, 120))
@committing
def retention(months):
    """How long raw events are kept before purging (facts stay)."""
    operations.set_retention(months)
    click.echo(f"raw events are kept {months} months (from {operations.retention_cutoff(date.today())})")
