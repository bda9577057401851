"""The shapes of the protocol: payloads read from clients, dicts sent back.

Socket payloads are small and hot (hundreds a second), so they are checked
by hand here rather than through a schema library; anything malformed is
refused with ``{"ok": false, "error": "invalid"}``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.chat.models import Conversation, Message, Note
from portal.core.bounds import MAX_ID, OutOfBounds
from portal.core.refusal import Refusal
from portal.core.time import utcnow


class Invalid(Refusal):
    """A malformed payload: answered ``{"ok": false, "error": "invalid"}``."""

    code = "invalid"
    message = _l("Something in the request is not right.")


def payload(data) -> dict:
    if not isinstance(data, dict):
        raise Invalid
    return data


def text(data: dict, key: str, max_len: int, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise Invalid
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise Invalid
    return value


def integer(data: dict, key: str, required: bool = False, default: int | None = None) -> int | None:
    value = data.get(key, default)
    if value is None:
        if required:
            raise Invalid
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid
    if value > MAX_ID:
        # No id, count or rating is that large; the database could not even bind it.
        raise OutOfBounds(key)
    return value


def client_msg_id(data: dict) -> str:
    """Any string the client chose (a UUID): the idempotency key."""
    value = text(data, "client_msg_id", 64, required=True)
    if not value.isprintable():
        raise Invalid
    return value


def iso(value) -> str | None:
    return value.isoformat() if value else None


def message_dict(message: Message) -> dict:
    return {"id": message.id, "conversation_id": message.conversation_id,
            "author": message.author.value, "author_name": message.author_name,
            "body": message.body, "created_at": iso(message.created_at),
            "client_msg_id": message.client_msg_id}


def note_dict(note: Note) -> dict:
    return {"id": note.id, "conversation_id": note.conversation_id, "author_name": note.author_name,
            "body": note.body, "created_at": iso(note.created_at)}


def status_dict(conv: Conversation) -> dict:
    return {"conversation_id": conv.id, "status": conv.status.value,
            "assigned_user_id": conv.assigned_user_id,
            "assigned_name": conv.assigned_user.display_name if conv.assigned_user else None,
            "blocked": conv.blocked_at is not None, "urgent": conv.urgent,
            "closed_by": conv.closed_by}


def queue_item(conv: Conversation) -> dict:
    return {"conversation_id": conv.id, "theme": conv.theme, "commune": conv.commune_name,
            "age_range": conv.age_range, "pseudonym": conv.pseudonym,
            "first_message": conv.first_message, "urgent": conv.urgent,
            "created_at": iso(conv.created_at), "widened": conv.widened_at is not None,
            "structure_id": conv.structure_id,
            "waiting_s": int((utcnow() - conv.created_at).total_seconds())}


def conversation_dict(conv: Conversation, messages: list[Message], notes=None) -> dict:
    """A conversation as a professional's console shows it."""
    data = queue_item(conv) | status_dict(conv)
    data["messages"] = [message_dict(m) for m in messages]
    data["visitor_read_id"] = conv.visitor_read_id
    data["has_email"] = bool(conv.visitor_email)
    if notes is not None:
        data["notes"] = [note_dict(n) for n in notes]
    return data
