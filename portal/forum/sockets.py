"""The ``/forum`` Socket.IO namespace.

- ``watch {topic_id}``: the socket joins the topic's room and receives
  ``post {topic_id, post_id}`` when a post is published there (and
  ``post_removed``); the page then fetches the post's HTML fragment.
- A moderator's socket joins the moderators' room on connect and receives
  ``queue {post_id, distress}`` whenever the queue changes.
"""

from __future__ import annotations

from flask_login import current_user
from flask_socketio import join_room, leave_room

from portal.accounts import is_moderator
from portal.core.bounds import MAX_ID, check_id
from portal.core.sockets import CommittingNamespace
from portal.extensions import db
from portal.forum import events
from portal.forum.models import ForumTopic, PostStatus


class ForumNamespace(CommittingNamespace):
    def on_connect(self, auth=None):
        if is_moderator(current_user):
            join_room(events.MODERATORS_ROOM)
        return True

    def on_watch(self, data):
        topic_id = data.get("topic_id") if isinstance(data, dict) else None
        if not isinstance(topic_id, int):
            return {"ok": False, "error": "invalid"}
        check_id(topic_id, "topic_id")  # refused with its field past the ids' range
        topic = db.session.get(ForumTopic, topic_id)
        if topic is None or (topic.status != PostStatus.VISIBLE and not (
                current_user.is_authenticated and topic.author_id == current_user.id)):
            return {"ok": False, "error": "not_found"}
        join_room(events.topic_room(topic_id))
        return {"ok": True}

    def on_unwatch(self, data):
        topic_id = data.get("topic_id") if isinstance(data, dict) else None
        if isinstance(topic_id, int) and 0 < topic_id <= MAX_ID:
            leave_room(events.topic_room(topic_id))
        return {"ok": True}
