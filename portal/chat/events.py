"""Server → client events, sent only once the transaction has committed.

Rooms: ``conv:<id>`` holds the young person's sockets of a conversation
(joined by ``start`` or ``resume``); ``pro:<user id>`` every socket of one
professional. Messages for a professional go to the room of whoever is
assigned *when the message is stored*, so a transfer needs no room juggling.
With ``PORTAL_REDIS_URL`` these emits go through Redis to every process.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app, has_request_context, request

from portal.chat import schemas
from portal.core.commit import after_commit
from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.extensions import socketio

log = logging.getLogger(__name__)
NAMESPACE = "/chat"
#: At most one e-mail per conversation in this time, however many answers.
MAIL_EVERY = timedelta(minutes=10)


def conv_room(conv_id: int) -> str:
    return f"conv:{conv_id}"


def pro_room(user_id: int) -> str:
    return f"pro:{user_id}"


def _emit(event: str, data: dict, rooms: list[str], skip_sid: str | None = None) -> None:
    if rooms:
        socketio.emit(event, data, namespace=NAMESPACE, to=rooms, skip_sid=skip_sid)


def _current_sid() -> str | None:
    return getattr(request, "sid", None) if has_request_context() else None


def _conversation_rooms(conv, *extra_users: int | None) -> list[str]:
    rooms = [conv_room(conv.id)]
    for user_id in (conv.assigned_user_id, *extra_users):
        if user_id and pro_room(user_id) not in rooms:
            rooms.append(pro_room(user_id))
    return rooms


def message_posted(conv, message) -> None:
    # The sender has its answer in the ack; its other tabs are in the rooms.
    after_commit(_emit, "message", schemas.message_dict(message), _conversation_rooms(conv),
                 _current_sid())


def status_changed(conv, previous_user_id: int | None = None) -> None:
    after_commit(_emit, "status", schemas.status_dict(conv),
                 _conversation_rooms(conv, previous_user_id))


def read(conv, side, up_to_id: int) -> None:
    after_commit(_emit, "read", {"conversation_id": conv.id, "by": side.value, "up_to_id": up_to_id},
                 _conversation_rooms(conv), _current_sid())


def note_added(conv, note) -> None:
    after_commit(_emit, "note", schemas.note_dict(note), _conversation_rooms(conv)[1:])


def queue_changed(conv) -> None:
    from portal.chat import queue

    users = queue.audience(conv)
    item = schemas.queue_item(conv)
    after_commit(_emit, "queue_update", item, [pro_room(u) for u in users])


def queue_removed(conv) -> None:
    from portal.chat import queue

    users = [d.user_id for d in queue.online_desks()]
    after_commit(_emit, "queue_remove", {"conversation_id": conv.id},
                 [pro_room(u) for u in users])


def typing(conv, side: str, is_typing: bool) -> None:
    """Not stored, so sent at once."""
    _emit("typing", {"conversation_id": conv.id, "by": side, "typing": bool(is_typing)},
          _conversation_rooms(conv), _current_sid())


def mail_answer(conv, message) -> None:
    """The young person left an address: tell them an answer is waiting."""
    from portal.chat.operations import mail_token
    from portal.notifications import kinds, pipeline

    now = utcnow()
    if conv.emailed_at and now - conv.emailed_at < MAIL_EVERY:
        return
    conv.emailed_at = now
    secret = current_app.config["SECRET_KEY"]
    link = external_url("chat.page", _anchor="resume=" + mail_token(conv, secret))
    pipeline.notify(kinds.CHAT_ANSWER, [pipeline.email_recipient(conv.visitor_email, conv.locale)],
                    event=f"chat:message:{message.id}",
                    context={"body": message.body, "name": message.author_name, "link": link})
