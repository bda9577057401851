"""What the chat does when other domains tell it something happened."""

from sqlalchemy import update

from portal.chat.models import Conversation, Status
from portal.core.signals import user_deleted
from portal.core.time import utcnow
from portal.extensions import db


@user_deleted.connect
def _requeue_conversations_of_deleted_user(sender, user, **_):
    # A professional leaving must not strand young people: their open
    # conversations go back to the queue (the foreign keys detach the rest).
    db.session.execute(update(Conversation).where(
        Conversation.assigned_user_id == user.id, Conversation.status == Status.ACTIVE,
    ).values(status=Status.WAITING, assigned_user_id=None, widened_at=utcnow()))
