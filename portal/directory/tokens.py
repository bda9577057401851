"""Signed links the guide sends by e-mail: answer a message, confirm an entry."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

REPLY_MAX_AGE = 30 * 24 * 3600
CHECK_MAX_AGE = 60 * 24 * 3600


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"passerelle-{purpose}")


def reply_token(message_id: int) -> str:
    return _serializer("contact-reply").dumps(message_id)


def read_reply_token(token: str) -> int | None:
    try:
        return int(_serializer("contact-reply").loads(token, max_age=REPLY_MAX_AGE))
    except (BadSignature, ValueError, TypeError):
        return None


def check_token(entity: str, entity_id: int) -> str:
    return _serializer("entry-check").dumps([entity, entity_id])


def read_check_token(token: str) -> tuple[str, int] | None:
    try:
        entity, entity_id = _serializer("entry-check").loads(token, max_age=CHECK_MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        return None
    return (entity, int(entity_id)) if entity in ("structure", "person") else None
