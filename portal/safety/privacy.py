"""Addresses kept only as keyed hashes (chat blocks, forum flags)."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app


def hash_ip(ip: str | None) -> str:
    """Keyed, so the stored value cannot be turned back into an address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (ip or "unknown").encode(), hashlib.sha256).hexdigest()
