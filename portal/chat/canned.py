"""Canned answers: a professional's own, and those shared with every professional."""

from __future__ import annotations

from sqlalchemy import or_, select

from portal.chat.models import CannedAnswer
from portal.chat.operations import ChatError
from portal.chat.safety import clean_body
from portal.extensions import db


def visible_to(user_id: int) -> list[dict]:
    rows = db.session.scalars(select(CannedAnswer).where(
        or_(CannedAnswer.owner_user_id == user_id, CannedAnswer.shared.is_(True)))
        .order_by(CannedAnswer.title, CannedAnswer.id)).all()
    return [{"id": a.id, "title": a.title, "body": a.body, "shared": a.shared,
             "mine": a.owner_user_id == user_id} for a in rows]


def save(user_id: int, *, answer_id: int | None, title: str, body: str, shared: bool) -> CannedAnswer:
    title, body = clean_body(title)[:80], clean_body(body)
    if not title or not body:
        raise ChatError("empty")
    if answer_id is None:
        answer = CannedAnswer(owner_user_id=user_id)
        db.session.add(answer)
    else:
        answer = db.session.get(CannedAnswer, answer_id)
        if answer is None or answer.owner_user_id != user_id:  # shared ones are read-only to others
            raise ChatError("forbidden")
    answer.title, answer.body, answer.shared = title, body, shared
    db.session.flush()
    return answer


def delete(user_id: int, answer_id: int) -> None:
    answer = db.session.get(CannedAnswer, answer_id)
    if answer is None or answer.owner_user_id != user_id:
        raise ChatError("forbidden")
    db.session.delete(answer)
    db.session.flush()
