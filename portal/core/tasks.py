"""Background tasks (Huey): reminders and clean-ups.

Storage is SQLite under the instance folder in the embedded default and Redis
when ``PORTAL_REDIS_URL`` is set; either way a queued task survives a restart.
``make run`` starts a consumer inside the server process; in production run
``flask portal worker`` (one or more) beside the app processes.

Every task runs inside an app context as one unit of work (commit at the end,
rollback on error), like a request.
"""

from __future__ import annotations

import functools
import logging
import signal

from flask import has_app_context
from huey import Huey
from huey.consumer import Consumer
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from portal.core.commit import committing

log = logging.getLogger(__name__)


class PortalHuey(Huey):
    """A Huey whose storage is chosen by the app's configuration."""

    storage_class = MemoryStorage  # until init_app: tasks can be declared at import

    def init_app(self, app) -> None:
        self.flask_app = app
        if app.config["REDIS_URL"]:
            self.storage = RedisStorage(name="passerelle", url=app.config["REDIS_URL"])
        else:
            self.storage = SqliteStorage(name="passerelle", filename=app.config["TASKS_DB"])


huey = PortalHuey("passerelle", utc=True)


def _in_app(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        if has_app_context():  # called directly (a CLI command, a test)
            return committing(fn)(*args, **kwargs)
        with huey.flask_app.app_context():
            return committing(fn)(*args, **kwargs)

    return run


def task(**settings):
    """``@task()``: like ``huey.task`` with an app context and a commit point."""
    return lambda fn: huey.task(**settings)(_in_app(fn))


def periodic_task(validate_datetime, **settings):
    return lambda fn: huey.periodic_task(validate_datetime, **settings)(_in_app(fn))


def start_consumer_in_process(workers: int = 2) -> Consumer:
    """Run the consumer's threads beside the web server (embedded default).

    Huey installs SIGINT/SIGTERM handlers that only its own ``run()`` loop
    reads; put the previous ones back so Ctrl-C still stops the server.
    """
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    consumer = Consumer(huey, workers=workers, worker_type="thread", periodic=True)
    consumer.start()
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    return consumer
