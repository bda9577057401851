"""Signed, expiring links (e-mail verification, password reset).

Each token also carries a fingerprint of the state it acts on (the e-mail
address, the current password hash) so that it stops working once used or
once that state changes.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

EMAIL_VERIFICATION = ("email-verification", 7 * 24 * 3600)
PASSWORD_RESET = ("password-reset", 3600)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"passerelle-{purpose}")


def fingerprint(value: str | None) -> str:
    return hashlib.sha256((value or "").encode()).hexdigest()[:16]


def make_token(kind: tuple[str, int], user_id: int, state: str | None) -> str:
    return _serializer(kind[0]).dumps({"u": user_id, "f": fingerprint(state)})


class InvalidToken(Exception):
    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def read_token(kind: tuple[str, int], token: str) -> tuple[int, str]:
    try:
        data = _serializer(kind[0]).loads(token, max_age=kind[1])
    except SignatureExpired as exc:
        raise InvalidToken(expired=True) from exc
    except BadSignature as exc:
        raise InvalidToken() from exc
    return int(data["u"]), data["f"]
