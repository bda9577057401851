"""``send``: storing a message sent on a socket, the one event every message
goes through — so in plain statements, not ORM round trips, which cost
several times more CPU than the database itself (bench/chat.py).

The rules are chat/posting.py's, as for ``operations.post_message``; the
conversation's row lock comes first (messages of one conversation get their
ids in commit order, so a resume "after id N" never skips one).

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
    bindparam,
    exists,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from portal.chat import events, posting
from portal.chat.models import Author, Conversation, Message
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
    """Store a message sent on a socket, by chat/posting.py's rules. A
    professional must be the one assigned (``user_id``). Returns the message
    (not attached to the session) and whether it is new; the same
    ``client_msg_id`` again returns the stored one and tells the other side
    again."""
    text = clean_body(body)
    post = posting.Post.of(author, text, user_id=user_id, name=name,
                           distress=author == Author.VISITOR and bool(text and presenting.screen(text).distress),
                           now=utcnow())
    if db.session.get_bind().dialect.name == "postgresql":
        conv, new_id = _store_postgresql(conv_id, author, text, client_msg_id, post)
    else:
        conv, new_id = _store_in_steps(conv_id, author, text, client_msg_id, post)
    if new_id is None:
        if (existing := _stored_retry(conv_id, author, client_msg_id)) is not None:
            # A retry gets its answer, even once closed, and the other side
            # hears of it again: the first try's emits may have been dropped.
            events.message_posted(_rooms_of(conv_id, conv), existing)
            return existing, False
        raise ChatError(posting.first_refusal(posting.state_refusals, conv, post) or "empty")
    message = Message(id=new_id, conversation_id=conv_id, author=author, body=text,
                      client_msg_id=client_msg_id, created_at=post.now, author_user_id=user_id,
                      author_name=posting.author_name(conv, post, posting.PY))
    _tell_others(conv_id, conv, post, message)
    return message, True


def _refused(conv, post: posting.Post) -> None:
    if conv is None:
        raise ChatError("not_found")
    if code := posting.first_refusal(posting.access_refusals, conv, post):
        raise ChatError(code)


def _rooms_of(conv_id: int, conv) -> SimpleNamespace:
    return SimpleNamespace(id=conv_id, assigned_user_id=conv.assigned_user_id)


def _tell_others(conv_id: int, conv, post: posting.Post, message: Message) -> None:
    """The other side's event; rarely, the professionals (a conversation just
    became urgent: the queue of those online if it waits, the status of the
    one assigned if it is under way) or an e-mail (an answer for a young
    person who left an address), which need the whole conversation."""
    queued, alerted = posting.requeues(conv, post), posting.alerts_assigned(conv, post)
    mails = posting.mails(conv, post)
    if not (queued or alerted or mails):
        events.message_posted(_rooms_of(conv_id, conv), message)
        return
    orm_conv = db.session.get(Conversation, conv_id, populate_existing=True)
    if queued:
        events.queue_changed(orm_conv)
    elif alerted:
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
    (UPDATE conversation SET <changes> WHERE a message was inserted) SELECT
    conv.*, new.id``, where <may post>, <changes> and the author's name are
    chat/posting.py's rules in SQL. ``conv`` gives the row as it was before
    this message (taken after any other writer of it committed: FOR UPDATE
    waits, then reads the latest version); the message gets its id only once
    the lock is held."""
    conv = (select(_CONV.c.id, _CONV.c.status, _CONV.c.assigned_user_id, _CONV.c.blocked_at,
                   _CONV.c.first_message, _CONV.c.urgent, _CONV.c.visitor_email, _CONV.c.pseudonym)
            .where(_CONV.c.id == bindparam("conv_id")).with_for_update().cte("conv"))
    post = posting.Post(
        is_visitor=bindparam("is_visitor", type_=Boolean),
        user_id=bindparam("user_id", type_=_MSG.c.author_user_id.type),
        name=bindparam("name", type_=_MSG.c.author_name.type),
        has_text=bindparam("has_text", type_=Boolean),
        first_message=bindparam("first_message", type_=_CONV.c.first_message.type),
        distress=bindparam("distress", type_=Boolean),
        now=bindparam("now", type_=UTCDateTime()))
    values = select(conv.c.id, bindparam("author", type_=_MSG.c.author.type),
                    bindparam("body", type_=_MSG.c.body.type),
                    bindparam("client_msg_id", type_=_MSG.c.client_msg_id.type), post.now,
                    post.user_id, posting.author_name(conv.c, post, posting.SQL)
                    ).where(posting.may_post(conv.c, post, posting.SQL))
    new = (postgresql.insert(_MSG)
           .from_select(["conversation_id", "author", "body", "client_msg_id", "created_at",
                         "author_user_id", "author_name"], values)
           .on_conflict_do_nothing(index_elements=_KEY).returning(_MSG.c.id).cte("new"))
    bump = (update(_CONV).where(_CONV.c.id == bindparam("conv_id"), exists(select(new.c.id)))
            .values(**posting.changes(_CONV.c, post, posting.SQL))
            .cte("bump"))
    return (select(conv.c.status, conv.c.assigned_user_id, conv.c.blocked_at, conv.c.urgent,
                   conv.c.visitor_email, conv.c.pseudonym, new.c.id.label("new_id"))
            .select_from(conv.outerjoin(new, true())).add_cte(bump))


_SEND_POSTGRESQL = _one_statement()


def _store_postgresql(conv_id, author, text, client_msg_id, post: posting.Post):
    # Committed by itself (autocommit) when this unit of work has not touched
    # the database yet — always, for a socket's ``send``; otherwise (a test
    # inside a transaction) it joins the transaction, with the same effect.
    # So the message may stay stored while the rest of the event fails: the
    # sender's retry (same client_msg_id) then tells the other side.
    session = db.session()  # the request's own Session (the scoped proxy lacks in_transaction)
    if isinstance(session.get_bind(), Engine) and not session.in_transaction():
        conn = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    else:
        conn = session.connection()
    row = conn.execute(_SEND_POSTGRESQL, {
        "conv_id": conv_id, "is_visitor": post.is_visitor, "now": post.now,
        "has_text": post.has_text, "user_id": post.user_id, "author": author, "body": text,
        "client_msg_id": client_msg_id, "name": post.name,
        "first_message": post.first_message, "distress": post.distress}).first()
    _refused(row, post)
    return row, row.new_id


# --- SQLite: the same rules, as steps in the transaction ----------------------------

_LOCK_FOR_SEND = (
    update(_CONV).where(_CONV.c.id == bindparam("conv_id")).values(updated_at=bindparam("now"))
    .returning(_CONV.c.status, _CONV.c.assigned_user_id, _CONV.c.blocked_at, _CONV.c.first_message,
               _CONV.c.urgent, _CONV.c.first_answer_at, _CONV.c.visitor_email, _CONV.c.pseudonym))
_INSERT_MESSAGE = insert(_MSG).returning(_MSG.c.id)
_INSERT_NEW_MESSAGE = sqlite.insert(_MSG).on_conflict_do_nothing(index_elements=_KEY).returning(_MSG.c.id)


def _store_in_steps(conv_id, author, text, client_msg_id, post: posting.Post):
    conn = db.session.connection()
    conv = conn.execute(_LOCK_FOR_SEND, {"conv_id": conv_id, "now": post.now}).first()
    _refused(conv, post)
    if posting.first_refusal(posting.state_refusals, conv, post):
        return conv, None
    fields = {"conversation_id": conv_id, "author": author, "body": text,
              "client_msg_id": client_msg_id, "created_at": post.now, "author_user_id": post.user_id,
              "author_name": posting.author_name(conv, post, posting.PY)}
    statement = _INSERT_MESSAGE if client_msg_id is None else _INSERT_NEW_MESSAGE
    new_id = conn.execute(statement, fields).scalar()
    if new_id is None:
        return conv, None  # that client_msg_id is already stored
    if changes := posting.changed(conv, post):
        conn.execute(update(_CONV).where(_CONV.c.id == conv_id).values(**changes))
    return conv, new_id
