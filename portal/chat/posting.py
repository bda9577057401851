"""The chat's posting rules, written once for the three ways a message is stored.

A message is stored by the ORM (``operations.post_message``: the first
message given to ``start``), by SQLite's steps or by PostgreSQL's one
statement (``sending.send_message``: every ``send``, the hot path). The rules
are written here once, over a tiny algebra: ``PY`` evaluates them on Python
values (the conversation's row or object), ``SQL`` turns the same functions
into SQLAlchemy expressions inside PostgreSQL's statement. So the statement
is derived from the rule, and cannot drift from it.

In order:

1. the conversation exists (``not_found``);
2. a professional posts only where assigned, and not while it waits (``forbidden``);
3. the same ``client_msg_id`` again returns the stored message, stores nothing,
   and tells the other side again (a retry after an error: on PostgreSQL the
   message may have been committed by its own statement while the rest of
   the event failed and its emits were dropped; clients show a message once
   per id, so telling twice is harmless, never telling is not);
4. nothing into a blocked (``blocked``) or closed (``closed``) conversation,
   nor an empty message (``empty``);
5. a new message changes its conversation (``changes``) and names its author
   (``author_name``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from portal.chat.models import Author, Status

FIRST_MESSAGE_LENGTH = 280


class _Python:
    """The algebra on Python values."""

    @staticmethod
    def and_(*xs):
        return all(xs)

    @staticmethod
    def or_(*xs):
        return any(xs)

    @staticmethod
    def not_(x):
        return not x

    @staticmethod
    def is_null(x):
        return x is None

    @staticmethod
    def differs(a, b):
        return a != b

    @staticmethod
    def case(condition, then, else_):
        return then if condition else else_


class _Sql:
    """The same algebra as SQLAlchemy expressions (NULL-safe where Python's is)."""

    and_, or_, not_ = staticmethod(sa.and_), staticmethod(sa.or_), staticmethod(sa.not_)

    @staticmethod
    def is_null(x):
        return x.is_(None)

    @staticmethod
    def differs(a, b):
        return a.is_distinct_from(b)

    @staticmethod
    def case(condition, then, else_):
        return sa.case((condition, then), else_=else_)


PY, SQL = _Python(), _Sql()


@dataclass(frozen=True)
class Post:
    """What is being posted: Python values, or (for ``SQL``) bound parameters."""

    is_visitor: object
    user_id: object
    name: object
    has_text: object
    first_message: object
    distress: object
    now: object

    @classmethod
    def of(cls, author: Author, text: str, *, user_id: int | None, name: str | None,
           distress: bool, now: datetime) -> Post:
        is_visitor = author == Author.VISITOR
        return cls(is_visitor=is_visitor, user_id=user_id, name=name, has_text=bool(text),
                   first_message=text[:FIRST_MESSAGE_LENGTH],
                   distress=bool(is_visitor and distress), now=now)


def access_refusals(c, p: Post, L) -> list[tuple[str, object]]:
    """(code, condition): who may post here at all (rule 2)."""
    return [("forbidden", L.and_(L.not_(p.is_visitor),
                                 L.or_(L.differs(c.assigned_user_id, p.user_id),
                                       c.status == Status.WAITING)))]


def state_refusals(c, p: Post, L) -> list[tuple[str, object]]:
    """(code, condition): what the conversation and the message allow (rule 4)."""
    return [("blocked", L.not_(L.is_null(c.blocked_at))),
            ("closed", c.status == Status.CLOSED),
            ("empty", L.not_(p.has_text))]


def may_post(c, p: Post, L):
    """True when no refusal applies (PostgreSQL's INSERT … WHERE)."""
    return L.and_(*(L.not_(condition) for _, condition in
                    access_refusals(c, p, L) + state_refusals(c, p, L)))


def first_refusal(rules, c, p: Post) -> str | None:
    """The code of the first rule that refuses, on Python values."""
    return next((code for code, refused in rules(c, p, PY) if refused), None)


def changes(c, p: Post, L) -> dict:
    """Column → value after a new message (``c`` is the row before it)."""
    return {
        "updated_at": p.now,
        "first_message": L.case(L.and_(p.is_visitor, c.first_message == ""),
                                p.first_message, c.first_message),
        "urgent": L.or_(c.urgent, p.distress),
        "first_answer_at": L.case(L.and_(L.not_(p.is_visitor), L.is_null(c.first_answer_at)),
                                  p.now, c.first_answer_at),
    }


def author_name(c, p: Post, L):
    """The name a message is shown with: the young person's pseudonym, or
    the professional's name."""
    return L.case(p.is_visitor, c.pseudonym, p.name)


def changed(c, p: Post) -> dict:
    """``changes`` on Python values, only what differs from the row."""
    return {key: value for key, value in changes(c, p, PY).items()
            if key != "updated_at" and getattr(c, key) != value}


# What others hear of a new message (Python only: it follows the store).

def requeues(c, p: Post) -> bool:
    """A waiting conversation just became urgent: the queue shows it again."""
    return bool(p.distress and not c.urgent and c.status == Status.WAITING)


def alerts_assigned(c, p: Post) -> bool:
    """A conversation under way just became urgent: its professional's
    status shows it (the young person is shown the numbers either way)."""
    return bool(p.distress and not c.urgent and c.status != Status.WAITING)


def mails(c, p: Post) -> bool:
    """A professional answered someone who left an address."""
    return bool(not p.is_visitor and c.visitor_email)
