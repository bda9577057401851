"""Retention of transcripts and the observatory's anonymous indicators."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from portal.chat.models import Block, Conversation, Indicator, Settings, Status
from portal.core.time import utcnow
from portal.extensions import db

DEFAULT_RETENTION_MONTHS = 12


def settings() -> Settings:
    row = db.session.get(Settings, 1)
    if row is None:
        row = Settings(id=1, retention_months=DEFAULT_RETENTION_MONTHS)
        db.session.add(row)
        db.session.flush()
    return row


def set_retention(months: int) -> None:
    if not 1 <= months <= 120:
        raise ValueError(months)
    settings().retention_months = months
    db.session.flush()


def record(conv: Conversation) -> Indicator:
    """Write (or complete, once rated) the conversation's indicator."""
    row = db.session.scalar(select(Indicator).where(Indicator.conversation_id == conv.id))
    if row is None:
        row = Indicator(conversation_id=conv.id)
        db.session.add(row)
    row.month = f"{conv.created_at:%Y-%m}"
    row.theme, row.department = conv.theme, conv.department
    row.commune_insee, row.age_range = conv.commune_insee, conv.age_range
    row.answered = conv.first_answer_at is not None
    row.waiting_s = _seconds(conv.created_at, conv.taken_at)
    row.answer_s = _seconds(conv.created_at, conv.first_answer_at)
    row.rating, row.urgent = conv.rating, conv.urgent
    db.session.flush()
    return row


def _seconds(start: datetime, end: datetime | None) -> int | None:
    return int((end - start).total_seconds()) if end else None


def purge_expired(now: datetime | None = None) -> int:
    """Delete conversations (with their messages and notes) older than the
    retention period; their indicators stay, detached. Returns how many."""
    now = now or utcnow()
    cutoff = now - timedelta(days=30 * settings().retention_months)
    old = db.session.scalars(select(Conversation).where(
        func.coalesce(Conversation.closed_at, Conversation.updated_at) < cutoff)).all()
    for conv in old:
        if conv.status != Status.CLOSED:
            conv.closed_at = conv.closed_at or now
        record(conv)
        db.session.delete(conv)
    db.session.execute(delete(Block).where(Block.created_at < cutoff))
    db.session.flush()
    return len(old)


def summary(since: datetime) -> list[dict]:
    """Per theme: count, median wait, mean rating (for the administrators' page)."""
    rows = db.session.execute(
        select(Indicator.theme, func.count(), func.avg(Indicator.waiting_s), func.avg(Indicator.rating))
        .where(Indicator.month >= f"{since:%Y-%m}").group_by(Indicator.theme)
        .order_by(Indicator.theme)).all()
    return [{"theme": t, "count": n, "mean_wait_s": int(w) if w is not None else None,
             "mean_rating": round(float(r), 1) if r is not None else None} for t, n, w, r in rows]
