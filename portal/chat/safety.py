"""The chat's own safety: plain text, tokens, rate limits (distress words and
the numbers to call are the whole portal's: portal.core.safety)."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import secrets
import threading
import time

from flask import current_app
from limits import parse as parse_limit
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from portal.extensions import limiter

log = logging.getLogger(__name__)

MAX_BODY = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def clean_body(text) -> str:
    """Plain text, as typed: control characters and bidi overrides removed
    (they can disguise a link); never HTML — clients render it as text."""
    if not isinstance(text, str):
        return ""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()[:MAX_BODY]


# --- tokens ------------------------------------------------------------------

def new_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- rate limits ---------------------------------------------------------------

#: Overridable in the app's configuration (a school behind one address may
#: need more). Per IP address, per conversation, per professional.
LIMITS = {
    "CHAT_START_LIMIT": "30 per hour",
    "CHAT_IP_MESSAGE_LIMIT": "120 per minute",
    "CHAT_CONVERSATION_MESSAGE_LIMIT": "30 per minute",
    "CHAT_RESUME_LIMIT": "60 per minute",
}


@functools.lru_cache(maxsize=64)
def _parsed(limit: str):
    return parse_limit(limit)


class LocalWindows:
    """Fixed windows counted in this process, for when the limiter's storage
    is memory anyway (the embedded default; also its fallback while Redis is
    away). Same rule as the limiter's fixed window; without the memory
    storage's expiry timer, a new thread every 10 ms walking every key, which
    cost a tenth of the server's CPU at 300 messages/s (bench/chat.py)."""

    SWEEP_EVERY_S = 60

    def __init__(self):
        self.windows: dict[tuple, list] = {}  # key → [count, window end]
        self.lock = threading.Lock()
        self.swept_at = time.monotonic()

    def hit(self, item, key: tuple) -> bool:
        now = time.monotonic()
        with self.lock:
            if now - self.swept_at > self.SWEEP_EVERY_S:
                self.windows = {k: w for k, w in self.windows.items() if w[1] > now}
                self.swept_at = now
            window = self.windows.get(key)
            if window is None or window[1] <= now:
                window = self.windows[key] = [0, now + item.get_expiry()]
            window[0] += 1
            return window[0] <= item.amount

    def clear(self) -> None:
        with self.lock:
            self.windows.clear()


local_windows = LocalWindows()


def within_limit(name: str, *key: str) -> bool:
    """Count one hit; False once the limit is passed. Rate limiting off
    (``RATELIMIT_ENABLED``) lets everything through."""
    if not limiter.enabled:
        return True
    item = _parsed(current_app.config.get(name, LIMITS[name]))
    try:
        strategy = limiter.limiter
        if isinstance(strategy, FixedWindowRateLimiter) and isinstance(strategy.storage, MemoryStorage):
            return local_windows.hit(item, (str(item), name, *key))
        return strategy.hit(item, "chat", name, *key)
    except Exception:
        # The counters live in Redis when scaled out: if it is away, keep
        # chatting (fail open) rather than refuse every young person.
        log.warning("chat rate-limit storage unavailable; letting %s through", name, exc_info=True)
        return True
