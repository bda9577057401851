"""Anonymous events for the observatory: what happened, never who.

Every domain calls :func:`record` when something worth counting happened (a
guide search, a chat answered, an appointment kept). The call is cheap on the
request path: the event waits for the unit of work to commit (a rolled-back
search is not a search) and then joins an in-memory buffer; a background
flusher writes buffered events in batches through the sink the observatory
domain registers (``portal.observatory`` — core knows no table). Losing the
last few seconds of events on a crash is accepted: they are statistics, not
anything a young person typed.

What an event may carry is fixed here, so that no caller can slip in an
identifier: a kind, a theme and sub-theme, a commune code, an age bracket, a
channel, a yes/no flag, a small number (a wait in seconds, a result count) and
a *journey* — a random token that lives 30 minutes, carried by the links of
the pages (never a cookie) and dropped when the day is aggregated.
"""

from __future__ import annotations

import atexit
import logging
import secrets
import threading
import time
from collections.abc import Callable

from flask import current_app, has_app_context

from portal.core.commit import after_commit
from portal.core.time import local_today

log = logging.getLogger(__name__)

AGE_RANGES = ("13-17", "18-25", "26-30")
JOURNEY_MINUTES = 30
_FIELDS = ("kind", "theme", "subtheme", "commune", "age_range", "channel", "flag", "value", "journey")
_LIMITS = {"kind": 40, "theme": 40, "subtheme": 60, "commune": 12, "channel": 20}

_sink: Callable[[list[dict]], None] | None = None


def register_sink(sink: Callable[[list[dict]], None]) -> None:
    """The observatory's writer of a batch of events (one transaction)."""
    global _sink
    _sink = sink


def record(kind: str, *, theme: str | None = None, subtheme: str | None = None,
           commune: str | None = None, age_range: str | None = None, channel: str | None = None,
           flag: bool | None = None, value: float | None = None, journey: str | None = None) -> None:
    """Count one anonymous event once the current unit of work commits."""
    if _sink is None or not has_app_context():
        return
    event = {
        "day": local_today(),
        "kind": kind[:40],
        "theme": _short(theme, "theme"),
        "subtheme": _short(subtheme, "subtheme"),
        "commune": _short(commune, "commune"),
        "age_range": age_range if age_range in AGE_RANGES else None,
        "channel": _short(channel, "channel"),
        "flag": None if flag is None else bool(flag),
        "value": None if value is None else float(value),
        "journey": journey if is_journey(journey) else None,
    }
    after_commit(_buffer(current_app._get_current_object()).add, event)


def age_bracket(age) -> str | None:
    """An age (as typed in a search) as the bracket events carry."""
    try:
        age = int(age)
    except (TypeError, ValueError):
        return age if age in AGE_RANGES else None
    return "13-17" if 13 <= age <= 17 else "18-25" if 18 <= age <= 25 else "26-30" if 26 <= age <= 30 else None


def _short(text: str | None, field: str) -> str | None:
    return str(text)[:_LIMITS[field]] if text else None


# --- journeys -----------------------------------------------------------------

def new_journey() -> str:
    """A token for one path through the guide (search → entry → contact →
    appointment): the minute it began (base 36) and random letters."""
    return f"{int(time.time() // 60):x}.{secrets.token_hex(4)}"


def is_journey(token: str | None) -> bool:
    """A well-formed token begun less than 30 minutes ago; anything else is dropped."""
    if not token or len(token) > 20 or "." not in token:
        return False
    minute, _, rest = token.partition(".")
    try:
        started = int(minute, 16)
    except ValueError:
        return False
    return len(rest) == 8 and 0 <= time.time() // 60 - started <= JOURNEY_MINUTES


# --- the buffer -----------------------------------------------------------------

class _Buffer:
    """Events of one app waiting to be written; flushed every few seconds or
    when it holds a batch, by a daemon thread started on first use."""

    def __init__(self, app):
        self.app = app
        self.events: list[dict] = []
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.batch = int(app.config["OBSERVE_BATCH"])
        self.interval = float(app.config["OBSERVE_FLUSH_SECONDS"])
        self.thread: threading.Thread | None = None

    def add(self, event: dict) -> None:
        with self.lock:
            self.events.append(event)
            size = len(self.events)
        if self.interval <= 0:
            self.flush()
        elif size >= self.batch:
            self.wake.set()
        elif self.thread is None:
            self._start()

    def _start(self) -> None:
        with self.lock:
            if self.thread is not None:
                return
            self.thread = threading.Thread(target=self._run, name="observe-flush", daemon=True)
            self.thread.start()
        atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            self.wake.wait(self.interval)
            self.wake.clear()
            self.flush()

    def flush(self) -> int:
        with self.lock:
            events, self.events = self.events, []
        if not events or _sink is None:
            return 0
        try:
            with self.app.app_context():
                _sink(events)
        except Exception:
            log.exception("could not write %d observatory events", len(events))
            return 0
        return len(events)


_buffers: dict[int, _Buffer] = {}
_buffers_lock = threading.Lock()


def _buffer(app) -> _Buffer:
    buffer = _buffers.get(id(app))
    if buffer is None:
        with _buffers_lock:
            buffer = _buffers.setdefault(id(app), _Buffer(app))
    return buffer


def flush(app=None) -> int:
    """Write what waits now (tests, the aggregation task, shutdown)."""
    app = app or current_app._get_current_object()
    return _buffer(app).flush()

