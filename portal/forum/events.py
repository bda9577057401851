"""Real-time events of the ``/forum`` namespace, emitted after commit.

Events carry ids only: a page receiving one fetches the rendered fragment
(in its reader's language, with their rights), so nothing held or hidden
ever travels on a socket.
"""

from __future__ import annotations

from portal.core.commit import after_commit
from portal.extensions import socketio

NAMESPACE = "/forum"
MODERATORS_ROOM = "moderators"


def topic_room(topic_id: int) -> str:
    return f"topic-{topic_id}"


def _emit(event: str, data: dict, room: str) -> None:
    after_commit(socketio.emit, event, data, to=room, namespace=NAMESPACE)


def post_published(post) -> None:
    _emit("post", {"topic_id": post.topic_id, "post_id": post.id}, topic_room(post.topic_id))


def post_removed(post) -> None:
    _emit("post_removed", {"topic_id": post.topic_id, "post_id": post.id}, topic_room(post.topic_id))


def queue_changed(post, distress: bool = False) -> None:
    _emit("queue", {"post_id": post.id, "distress": bool(distress)}, MODERATORS_ROOM)
