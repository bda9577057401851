"""``flask portal backup`` and ``flask portal restore``.

SQLite (the embedded default): SQLite's online backup API copies the database
page by page while the portal keeps serving — a consistent copy, WAL
included, never the half-written file a ``cp`` can catch. Restoring goes
through the same API into the live file (stop the portal first: its open
connections would keep reading the old pages), then the search indexes are
rebuilt from the restored rows, since they are derived copies.

PostgreSQL: its own tools, which know its locks and versions —
``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` (the
commands print them, README "Backup and restore").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import make_url

from portal.extensions import db


def _sqlite_path() -> Path | None:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        return None
    return Path(url.database)


def _postgres_hint(action: str) -> str:
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).set(drivername="postgresql")
    target = url.render_as_string(hide_password=True)
    if action == "backup":
        return f"PostgreSQL: pg_dump --format=custom --file=passerelle.dump '{target}'"
    return (f"PostgreSQL: pg_restore --clean --if-exists --no-owner --dbname='{target}' "
            f"passerelle.dump, then flask search rebuild")


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy ``source`` into ``target`` with the online backup API; pages copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
        return dst.execute("PRAGMA page_count").fetchone()[0]


def register(group) -> None:
    @group.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
    def backup(target: Path) -> None:
        """Copy the SQLite database to TARGET while the portal runs."""
        source = _sqlite_path()
        if source is None:
            raise click.ClickException(_postgres_hint("backup"))
        if target.exists():
            raise click.ClickException(f"{target} exists: give a new file name.")
        db.engine.dispose()  # our own connection must not hold a transaction open
        pages = backup_sqlite(source, target)
        click.echo(f"Backed up {source} to {target} ({pages} pages).")

    @group.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore(source: Path, yes: bool) -> None:
        """Replace the SQLite database by the backup SOURCE (portal stopped),
        then rebuild the search indexes."""
        target = _sqlite_path()
        if target is None:
            raise click.ClickException(_postgres_hint("restore"))
        with sqlite3.connect(source) as check:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise click.ClickException(f"{source} is not a sound SQLite database.")
        if not yes:
            click.confirm(f"Replace {target} by {source}? Stop the portal first.", abort=True)
        db.engine.dispose()
        backup_sqlite(source, target)
        from search_index import indexer
        from search_index.indexes import rebuild_text_indexes

        indexer.rebuild()
        rebuild_text_indexes()
        click.echo(f"Restored {target} from {source}; search indexes rebuilt.")
