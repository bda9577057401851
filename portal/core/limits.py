"""Rate limits: one mechanism, Flask-Limiter's.

A route is limited by ``@limiter.limit(...)`` (``portal.extensions.limiter``).
What is not a route — a Socket.IO event, a failed sign-in — is counted here,
with :func:`hit` and :func:`retry_after`, through the *same* strategy (fixed
windows) and the *same* storage as the decorators: Redis when the portal is
scaled out (``PORTAL_REDIS_URL``), otherwise this process's memory
(:class:`ProcessMemoryStorage`). The values of the named limits are settings
(``*_LIMIT`` in ``portal/config.py``), so a school behind one address can be
given more without a code change.

When the counters' storage is away (Redis restarting), both paths let the
action through — Flask-Limiter by ``RATELIMIT_SWALLOW_ERRORS``, :func:`hit` and
:func:`retry_after` by catching the error: a young person is never refused for
an outage of ours.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time

from flask import current_app
from limits import parse as parse_limit
from limits.storage import Storage

from portal.extensions import limiter

log = logging.getLogger(__name__)

class ProcessMemoryStorage(Storage):
    """Fixed windows counted in this process's memory: the storage
    ``process-memory://``, the embedded default (config.py, without Redis).

    ``limits``' own MemoryStorage starts a timer thread every 10 ms while it
    holds counters, walking every key to expire it: at 300 chat messages/s that
    cost a tenth of the server's CPU (bench/chat.py). Here a window expires when
    it is read, and the dictionary is swept inline once a minute.
    """

    STORAGE_SCHEME = ["process-memory"]
    SWEEP_EVERY_S = 60.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.windows: dict[str, list[float]] = {}  # key → [count, window end (time.time())]
        self.lock = threading.Lock()
        self.swept_at = time.monotonic()

    @property
    def base_exceptions(self):
        return ValueError

    def _live(self, key: str, now: float) -> list[float] | None:
        window = self.windows.get(key)
        if window is not None and window[1] <= now:
            del self.windows[key]
            return None
        return window

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self.lock:
            if time.monotonic() - self.swept_at > self.SWEEP_EVERY_S:
                self.windows = {k: w for k, w in self.windows.items() if w[1] > now}
                self.swept_at = time.monotonic()
            window = self._live(key, now)
            if window is None:
                window = self.windows[key] = [0, now + expiry]
            window[0] += amount
            return int(window[0])

    def get(self, key: str) -> int:
        with self.lock:
            window = self._live(key, time.time())
            return int(window[0]) if window else 0

    def get_expiry(self, key: str) -> float:
        with self.lock:
            window = self._live(key, time.time())
            return window[1] if window else time.time()

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with self.lock:
            count = len(self.windows)
            self.windows.clear()
            return count

    def clear(self, key: str) -> None:
        with self.lock:
            self.windows.pop(key, None)


@functools.lru_cache(maxsize=64)
def _parsed(value: str):
    return parse_limit(value)


def limit_named(name: str):
    """The limit set by the setting ``name`` (e.g. ``CHAT_START_LIMIT``)."""
    return _parsed(current_app.config[name])


def hit(name: str, *key: str) -> bool:
    """Count one hit of the limit ``name`` for ``key``; False once it is passed.
    Rate limiting off (``RATELIMIT_ENABLED``) lets everything through."""
    if not limiter.enabled:
        return True
    try:
        return limiter.limiter.hit(limit_named(name), name, *key)
    except Exception:
        log.warning("rate-limit storage unavailable; letting %s through", name, exc_info=True)
        return True


def retry_after(name: str, *key: str) -> int | None:
    """Seconds until ``key`` may try again once the limit ``name`` is spent
    (without counting a hit), or None while it is not."""
    if not limiter.enabled:
        return None
    item, strategy = limit_named(name), limiter.limiter
    try:
        if strategy.test(item, name, *key):
            return None
        reset_at, _ = strategy.get_window_stats(item, name, *key)
    except Exception:
        log.warning("rate-limit storage unavailable; letting %s through", name, exc_info=True)
        return None
    return max(1, math.ceil(reset_at - time.time()))
