"""``flask portal …`` (setup, serve, worker, users) and ``flask translate …``.

The app's commands sit above the domains, like the factory (portal/__init__.py):
they call each domain's setup through its public surface.
"""

from __future__ import annotations

import os
import subprocess
import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade

from portal import backup
from portal.accounts import create_staff_user, ensure_demo_accounts
from portal.config import PROJECT_ROOT
from portal.core import demo
from portal.core.commit import committing
from portal.extensions import db
from portal.territories.cli import territory_cli


def seed(count: int | None = None) -> None:
    """The demo administrator, then every domain's demo data (core/demo.py's signals)."""
    ensure_demo_accounts(demo.DEMO_ADMIN)
    demo.seeding_demo.send(None, count=count)
    db.session.flush()
    demo.seeding_demo_content.send(None, count=count)
    db.session.flush()


portal_cli = AppGroup("portal", help="Run and administer the portal.")
portal_cli.add_command(territory_cli)  # flask portal territory create|list|edit
translate_cli = AppGroup("translate", help="Extract, update and compile translations.")


@portal_cli.command("setup")
@click.option("--no-demo", is_flag=True, help="Do not seed the demo data.")
def setup(no_demo: bool) -> None:
    """Migrate the database; on a fresh one, seed the demo data."""
    # Fresh: no migration ever ran on this database. Only then is the demo
    # seeded, so a portal in use never gets demo people added to it.
    fresh = not sa.inspect(db.engine).has_table("alembic_version")
    upgrade(revision="heads")  # each domain may add its own branch of migrations
    # The information base is real data (not demo): loaded, and kept up to date
    # from the shipped file, on every setup.
    from portal.knowledge import load_service_public_articles
    from search_index.indexes import rebuild_text_indexes

    counts = committing(load_service_public_articles)()
    click.echo("Articles: {created} created, {updated} updated, {unchanged} unchanged.".format(**counts))
    # The small indexes (articles, forum topics) are rebuilt on every setup;
    # the guide's follows the outbox (and builds itself when it has none).
    rebuild_text_indexes()
    if no_demo or not fresh:
        return
    click.echo("Fresh instance: seeding the demo data (fictional structures, people and "
               "forum topics)…")
    committing(seed)()
    click.echo("Demo data seeded.")
    click.echo(demo.credentials_notice())


@portal_cli.command("seed-demo")
@click.option("--count", type=int, default=None, help="Directory entries to generate.")
@committing
def seed_demo(count: int | None) -> None:
    """Seed (again) the demo data; ``--count 100000`` makes the benchmark set."""
    seed(count=count)
    click.echo("Demo data seeded.")


@portal_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", 5000)))
@click.option("--no-worker", is_flag=True, help="Do not run the task consumer in-process.")
def serve(host: str, port: int, no_worker: bool) -> None:
    """Serve the portal with Socket.IO (embedded default: tasks run in-process).

    gevent by default (PORTAL_SOCKETIO_ASYNC_MODE=threading for Werkzeug's
    threaded server): see portal/core/serving.py."""
    from portal.config import gevent_patched
    from portal.core import serving

    mode = current_app.config["SOCKETIO_ASYNC_MODE"]
    if mode not in ("gevent", "threading"):
        raise click.UsageError(f"PORTAL_SOCKETIO_ASYNC_MODE must be gevent or threading, not {mode!r}")
    if mode == "gevent" and not gevent_patched():
        # Start again, patched before anything is imported (same process id).
        sys.stdout.flush()
        command = serving.gevent_command(host, port, no_worker)
        os.execv(command[0], command)
    serving.run(current_app._get_current_object(), host, port, no_worker)


backup.register(portal_cli)


@portal_cli.command("worker")
@click.option("--workers", type=int, default=2, show_default=True)
def worker(workers: int) -> None:
    """Run a task consumer (production: beside the app processes)."""
    from huey.consumer import Consumer

    from portal.core.tasks import huey

    Consumer(huey, workers=workers, worker_type="thread", periodic=True).run()


@portal_cli.command("create-user")
@click.option("--pseudonym", required=True)
@click.option("--email", default=None)
@click.option("--role", default="admin", show_default=True)
@click.password_option()
@committing
def create_user(pseudonym: str, email: str | None, role: str, password: str) -> None:
    """Create a staff account (an administrator by default)."""
    user = create_staff_user(pseudonym=pseudonym, email=email, role=role, password=password)
    click.echo(f"Created {user.role} {user.pseudonym}.")


def _pybabel(*args: str) -> None:
    pybabel = os.path.join(os.path.dirname(sys.executable), "pybabel")
    subprocess.run([pybabel, *args], check=True, cwd=PROJECT_ROOT)


POT = "translations/messages.pot"


@translate_cli.command("extract")
def extract() -> None:
    """Extract messages from Python and Jinja into messages.pot."""
    _pybabel("extract", "-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l",
             "--sort-by-file", "--no-wrap", "-o", POT, ".")


@translate_cli.command("update")
def update() -> None:
    """Extract, merge new messages into the fr, en and nl catalogs, and fill
    the English one (the source strings are English)."""
    extract.callback()
    _pybabel("update", "-i", POT, "-d", "translations", "--no-wrap", "--ignore-obsolete")
    fill_source_catalog(PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po")


def fill_source_catalog(path) -> None:
    """msgstr = msgid wherever the English catalog has no translation yet, or
    only pybabel's fuzzy guess (a similar *other* sentence)."""
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as fh:
        catalog = read_po(fh, locale="en")
    for message in catalog:
        if not message.id:
            continue
        guessed = "fuzzy" in message.flags
        if isinstance(message.id, tuple):
            if guessed or not all(message.string):
                message.string = tuple(message.id)
        elif guessed or not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with open(path, "wb") as fh:
        write_po(fh, catalog, width=0)


@translate_cli.command("compile")
def compile_catalogs() -> None:
    """Compile the catalogs (make run does this)."""
    _pybabel("compile", "-d", "translations")
