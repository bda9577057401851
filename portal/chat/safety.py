"""The chat's own safety: plain text and tokens (distress words and the
numbers to call are the whole portal's: portal.safety; its rate limits
are settings counted by portal.core.limits, like every other limit)."""

from __future__ import annotations

import hashlib
import re
import secrets

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
