"""Keeping young people safe: distress words, plain text, tokens, rate limits."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
import unicodedata

from flask import current_app
from flask_babel import lazy_gettext as _l
from limits import parse as parse_limit
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from portal.extensions import limiter

log = logging.getLogger(__name__)

MAX_BODY = 2000

#: The numbers shown when a message sounds like distress (the same as the
#: footer of every page): free, 24/7 where it says so.
HELP_NUMBERS = [
    {"number": "3114", "label": _l("Suicide prevention, 24/7")},
    {"number": "119", "label": _l("Child in danger, 24/7")},
    {"number": "115", "label": _l("Emergency shelter, 24/7")},
    {"number": "3018", "label": _l("Online harassment and violence")},
    {"number": "17", "label": _l("Police")},
    {"number": "112", "label": _l("Emergency (all of Europe)")},
]

# Folded (lower case, no accents) fragments in French, English and Dutch.
# Deliberately broad: showing the numbers to someone who did not need them
# costs little; missing someone who did costs a lot.
_DISTRESS = [
    "suicid", "me tuer", "me foutre en l'air", "en finir", "envie de mourir", "veux mourir",
    "plus envie de vivre", "me faire du mal", "scarif", "me mutiler", "on me frappe", "me frappe",
    "me bat ", "me battent", "battu", "viol", "agress", "harcel", "a la rue", "dormir dehors",
    "dors dehors", "sans abri", "mis dehors", "chasse de chez", "fugue", "en danger", "peur de rentrer",
    "kill myself", "want to die", "end it all", "self harm", "self-harm", "hurt myself", "abuse",
    "raped", "homeless", "kicked out", "zelfmoord", "dood willen", "wil dood", "mishandel",
    "verkracht", "dakloos", "pesten", "gepest",
]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[’`]", "'", folded)


def sounds_like_distress(text: str) -> bool:
    folded = f" {fold(text)} "
    return any(word in folded for word in _DISTRESS)


def help_numbers() -> list[dict]:
    return [{"number": n["number"], "label": str(n["label"])} for n in HELP_NUMBERS]


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


def hash_ip(ip: str | None) -> str:
    """Keyed, so the stored value cannot be turned back into an address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (ip or "unknown").encode(), hashlib.sha256).hexdigest()


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
