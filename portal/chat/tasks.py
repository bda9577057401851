"""Scheduled work of the chat: widening the circle, deleting old transcripts."""

from huey import crontab
from sqlalchemy import select

from portal.chat import events, indicators, queue
from portal.chat.models import Conversation, Status
from portal.core.tasks import periodic_task
from portal.core.time import utcnow
from portal.extensions import db


def widen_waiting(now=None) -> int:
    """Conversations waiting more than 3 minutes are offered to everyone."""
    now = now or utcnow()
    convs = db.session.scalars(select(Conversation).where(
        Conversation.status == Status.WAITING, Conversation.widened_at.is_(None),
        Conversation.created_at <= now - queue.WIDEN_AFTER)).all()
    for conv in convs:
        conv.widened_at = now
        events.queue_changed(conv)
    db.session.flush()
    return len(convs)


@periodic_task(crontab(minute="*"))
def widen_waiting_conversations() -> int:
    # Huey's clock ticks each minute: a conversation is widened between 3 and
    # 4 minutes after it started (consoles also refresh their queue).
    return widen_waiting()


@periodic_task(crontab(hour="3", minute="55"))
def purge_old_conversations() -> int:
    return indicators.purge_expired()
