"""``send``: storing a message sent on a socket, the one event every message
goes through — so in plain statements, not ORM round trips, which cost
several times more CPU than the database itself (bench/chat.py).

Same rules, same order of checks as ``operations.lock_conversation`` +
``operations.post_message``: the conversation's row lock first (messages of
one conversation get their ids in commit order, so a resume "after id N"
never skips one), a professional must be the one assigned, nothing into a
blocked or closed conversation, and the same ``client_msg_id`` again
returns the stored message and stores nothing.

PostgreSQL: one statement does it all (lock, insert unless already there,
keep the conversation up to date), committed on its own — one round trip
instead of five (BEGIN, lock, insert, update, COMMIT). Each round trip is a
wait on which a gevent server runs every other event's Python: fewer of them
is both less CPU and a shorter queue (docs/PERFORMANCE.md). SQLite has no
row locks nor writing CTEs, and no network round trips to save: it runs the
same steps as separate statements in the transaction.
"""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import (
    Boolean,
    Engine,
    and_,
    bindparam,
    case,
    exists,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from portal.chat import events
from portal.chat.models import Author, Conversation, Message, Status
from portal.chat.operations import ChatError
from portal.chat.safety import clean_body
from portal.core.models import UTCDateTime
from portal.core.time import utcnow
from portal.extensions import db
from portal.safety import presenting

_CONV, _MSG = Conversation.__table__, Message.__table__
_KEY = ["conversation_id", "author", "client_msg_id"]
_FIND_RETRY = select(_MSG.c.id, _MSG.c.body, _MSG.c.created_at, _MSG.c.author_name,
                     _MSG.c.author_user_id).where(
    _MSG.c.conversation_id == bindparam("conv_id"), _MSG.c.author == bindparam("author"),
    _MSG.c.client_msg_id == bindparam("client_msg_id"))


def send_message(conv_id: int, *, author: Author, body, client_msg_id: str | None,
                 user_id: int | None = None, name: str | None = None) -> tuple[Message, bool]:
    """Store a message sent on a socket. A professional must be the one
    assigned (``user_id``). Returns the message (not attached to the session)
    and whether it is new; the same ``client_msg_id`` again returns the stored one."""
    text = clean_body(body)
    now = utcnow()
    # The young person's words, screened once (portal.safety): the same
    # screening answers them with the numbers (sockets.on_send).
    distress = bool(author == Author.VISITOR and text and presenting.screen(text).distress)
    if db.session.get_bind().dialect.name == "postgresql":
        conv, new_id = _store_postgresql(conv_id, author, text, client_msg_id, user_id, name, now,
                                         distress)
    else:
        conv, new_id = _store_in_steps(conv_id, author, text, client_msg_id, user_id, name, now,
                                       distress)
    if new_id is None:
        if (existing := _stored_retry(conv_id, author, client_msg_id)) is not None:
            return existing, False  # a retry gets its answer, even once closed
        raise ChatError("blocked" if conv.blocked_at is not None
                        else "closed" if conv.status == Status.CLOSED else "empty")
    message = Message(id=new_id, conversation_id=conv_id, author=author, body=text,
                      client_msg_id=client_msg_id, created_at=now, author_user_id=user_id,
                      author_name=name if author == Author.PROFESSIONAL else conv.pseudonym)
    _tell_others(conv_id, conv, message, distress)
    return message, True


def _refused(conv, author: Author, user_id: int | None) -> None:
    if conv is None:
        raise ChatError("not_found")
    if author == Author.PROFESSIONAL and (conv.assigned_user_id != user_id or conv.status == Status.WAITING):
        raise ChatError("forbidden")


def _tell_others(conv_id: int, conv, message: Message, distress: bool) -> None:
    """The other side's event; rarely, the professionals (a conversation just
    became urgent: the queue of those online if it waits, the status of the
    one assigned if it is under way) or an e-mail (an answer for a young
    person who left an address), which need the whole conversation."""
    became_urgent = distress and not conv.urgent
    mails = message.author == Author.PROFESSIONAL and conv.visitor_email
    if not (became_urgent or mails):
        events.message_posted(SimpleNamespace(id=conv_id, assigned_user_id=conv.assigned_user_id), message)
        return
    orm_conv = db.session.get(Conversation, conv_id, populate_existing=True)
    if became_urgent and conv.status == Status.WAITING:
        events.queue_changed(orm_conv)
    elif became_urgent:
        events.status_changed(orm_conv)
    events.message_posted(orm_conv, message)
    if mails:
        events.mail_answer(orm_conv, message)


def _stored_retry(conv_id: int, author: Author, client_msg_id: str | None) -> Message | None:
    if client_msg_id is None:
        return None
    row = db.session.connection().execute(_FIND_RETRY, {
        "conv_id": conv_id, "author": author, "client_msg_id": client_msg_id}).first()
    if row is None:
        return None
    return Message(id=row.id, conversation_id=conv_id, author=author, body=row.body,
                   client_msg_id=client_msg_id, created_at=row.created_at,
                   author_user_id=row.author_user_id, author_name=row.author_name)


# --- PostgreSQL: one statement ------------------------------------------------------

def _one_statement():
    """``WITH conv AS (SELECT … FOR UPDATE), new AS (INSERT … SELECT … FROM
    conv WHERE <may post> ON CONFLICT DO NOTHING RETURNING id), bump AS
    (UPDATE conversation … WHERE a message was inserted) SELECT conv.*,
    new.id``. ``conv`` gives the row as it was before this message (taken
    after any other writer of it committed: FOR UPDATE waits, then reads the
    latest version); the message gets its id only once the lock is held."""
    conv = (select(_CONV.c.id, _CONV.c.status, _CONV.c.assigned_user_id, _CONV.c.blocked_at,
                   _CONV.c.first_message, _CONV.c.urgent, _CONV.c.visitor_email, _CONV.c.pseudonym)
            .where(_CONV.c.id == bindparam("conv_id")).with_for_update().cte("conv"))
    is_visitor = bindparam("is_visitor", type_=Boolean)
    now = bindparam("now", type_=UTCDateTime())
    may_post = and_(conv.c.blocked_at.is_(None), conv.c.status != Status.CLOSED,
                    bindparam("has_text", type_=Boolean),
                    or_(is_visitor, and_(conv.c.assigned_user_id == bindparam("user_id"),
                                         conv.c.status != Status.WAITING)))
    values = select(conv.c.id, bindparam("author", type_=_MSG.c.author.type),
                    bindparam("body", type_=_MSG.c.body.type),
                    bindparam("client_msg_id", type_=_MSG.c.client_msg_id.type), now,
                    bindparam("user_id", type_=_MSG.c.author_user_id.type),
                    case((is_visitor, conv.c.pseudonym),
                         else_=bindparam("name", type_=_MSG.c.author_name.type))).where(may_post)
    new = (postgresql.insert(_MSG)
           .from_select(["conversation_id", "author", "body", "client_msg_id", "created_at",
                         "author_user_id", "author_name"], values)
           .on_conflict_do_nothing(index_elements=_KEY).returning(_MSG.c.id).cte("new"))
    bump = (update(_CONV).where(_CONV.c.id == bindparam("conv_id"), exists(select(new.c.id)))
            .values(updated_at=now,
                    first_message=case((and_(is_visitor, _CONV.c.first_message == ""),
                                        bindparam("first_message", type_=_CONV.c.first_message.type)),
                                       else_=_CONV.c.first_message),
                    urgent=or_(_CONV.c.urgent, bindparam("distress", type_=Boolean)),
                    first_answer_at=case((and_(~is_visitor, _CONV.c.first_answer_at.is_(None)), now),
                                         else_=_CONV.c.first_answer_at))
            .cte("bump"))
    return (select(conv.c.status, conv.c.assigned_user_id, conv.c.blocked_at, conv.c.urgent,
                   conv.c.visitor_email, conv.c.pseudonym, new.c.id.label("new_id"))
            .select_from(conv.outerjoin(new, true())).add_cte(bump))


_SEND_POSTGRESQL = _one_statement()


def _store_postgresql(conv_id, author, text, client_msg_id, user_id, name, now, distress):
    # Committed by itself (autocommit) when this unit of work has not touched
    # the database yet — always, for a socket's ``send``; otherwise (a test
    # inside a transaction) it joins the transaction, with the same effect.
    session = db.session()  # the request's own Session (the scoped proxy lacks in_transaction)
    if isinstance(session.get_bind(), Engine) and not session.in_transaction():
        conn = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    else:
        conn = session.connection()
    is_visitor = author == Author.VISITOR
    row = conn.execute(_SEND_POSTGRESQL, {
        "conv_id": conv_id, "is_visitor": is_visitor, "now": now, "has_text": bool(text),
        "user_id": user_id, "author": author, "body": text, "client_msg_id": client_msg_id,
        "name": name, "first_message": text[:280],
        "distress": distress}).first()
    _refused(row, author, user_id)
    return row, row.new_id


# --- SQLite: the same steps, in the transaction -------------------------------------

_LOCK_FOR_SEND = (
    update(_CONV).where(_CONV.c.id == bindparam("conv_id")).values(updated_at=bindparam("now"))
    .returning(_CONV.c.status, _CONV.c.assigned_user_id, _CONV.c.blocked_at, _CONV.c.first_message,
               _CONV.c.urgent, _CONV.c.first_answer_at, _CONV.c.visitor_email, _CONV.c.pseudonym))
_INSERT_MESSAGE = insert(_MSG).returning(_MSG.c.id)
_INSERT_NEW_MESSAGE = sqlite.insert(_MSG).on_conflict_do_nothing(index_elements=_KEY).returning(_MSG.c.id)


def _store_in_steps(conv_id, author, text, client_msg_id, user_id, name, now, distress):
    conn = db.session.connection()
    conv = conn.execute(_LOCK_FOR_SEND, {"conv_id": conv_id, "now": now}).first()
    _refused(conv, author, user_id)
    if conv.blocked_at is not None or conv.status == Status.CLOSED or not text:
        return conv, None
    fields = {"conversation_id": conv_id, "author": author, "body": text, "client_msg_id": client_msg_id,
              "created_at": now, "author_user_id": user_id,
              "author_name": name if author == Author.PROFESSIONAL else conv.pseudonym}
    statement = _INSERT_MESSAGE if client_msg_id is None else _INSERT_NEW_MESSAGE
    new_id = conn.execute(statement, fields).scalar()
    if new_id is None:
        return conv, None  # that client_msg_id is already stored
    changes = {}
    if author == Author.VISITOR:
        if not conv.first_message:
            changes["first_message"] = text[:280]
        if not conv.urgent and distress:
            changes["urgent"] = True
    elif conv.first_answer_at is None:
        changes["first_answer_at"] = now
    if changes:
        conn.execute(update(_CONV).where(_CONV.c.id == conv_id).values(**changes))
    return conv, new_id
