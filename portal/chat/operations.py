"""What can be done in a chat. Explicit arguments; flush, never commit.

Every change that others must hear about queues its emit with
``after_commit`` (``portal.chat.events``), so nothing is announced for data
that was rolled back.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update

from portal.chat import events, posting, queue
from portal.chat.models import Author, Block, Conversation, Message, Note, Status
from portal.chat.safety import clean_body, hash_token, new_token
from portal.core import observe
from portal.core.refusal import Refusal
from portal.core.safety import hash_ip
from portal.core.themes import is_theme_code
from portal.core.time import as_utc, utcnow
from portal.extensions import db
from portal.safety import presenting

MAIL_TOKEN_PREFIX = "m."
IP_BLOCK = timedelta(hours=24)


class ChatError(Refusal):
    """A refused chat action: ``ChatError("closed")`` (a :class:`Refusal`;
    sockets answer it as an ack, pages as an error)."""

    STATUS = {"not_found": 404, "forbidden": 403, "closed": 409, "blocked": 403,
              "rate_limited": 429, "taken": 409, "server_error": 500}

    def __init__(self, code: str, message=None):
        super().__init__(code, message or ERRORS.get(code, _l("This action is not possible.")),
                         status=self.STATUS.get(code, 422))


ERRORS = {
    "invalid": _l("Something in the request is not right."),
    "not_found": _l("This conversation does not exist or has been deleted."),
    "forbidden": _l("You are not part of this conversation."),
    "closed": _l("This conversation is closed."),
    "blocked": _l("This conversation has been blocked by a professional."),
    "rate_limited": _l("Too many messages in a short time. Please wait a moment."),
    "taken": _l("Another professional has already taken this conversation."),
    "empty": _l("The message is empty."),
}


# --- starting and finding a conversation ----------------------------------------

def start_conversation(*, theme: str, locale: str, ip: str | None, commune=None,
                       age_range: str | None = None, pseudonym: str | None = None,
                       structure_id: int | None = None) -> tuple[Conversation, str]:
    """A new waiting conversation and its resume token (returned once, never stored)."""
    if not is_theme_code(theme):
        raise ChatError("invalid")
    if is_ip_blocked(ip):
        raise ChatError("blocked")
    token = new_token()
    conv = Conversation(token_hash=hash_token(token), theme=theme, locale=locale,
                        age_range=age_range, pseudonym=(pseudonym or "").strip()[:40] or None,
                        structure_id=structure_id, status=Status.WAITING,
                        urgent=False, left_offline=False, first_message="",
                        ip_hash=hash_ip(ip) if ip else None)
    if commune is not None:
        conv.commune_insee, conv.commune_name = commune.insee, commune.name
        conv.department, conv.lat, conv.lon = commune.department, commune.lat, commune.lon
    db.session.add(conv)
    db.session.flush()
    desks = queue.online_desks()
    if not desks:
        conv.left_offline = True  # the young person is told; the queue keeps it
    elif not any(queue.in_first_circle(d, conv) for d in desks):
        conv.widened_at = utcnow()  # nobody near is online: no point waiting 3 minutes
    observe.record("chat_started", theme=conv.theme, commune=conv.commune_insee,
                   age_range=conv.age_range)
    return conv, token


def mail_token(conv: Conversation, secret: str) -> str:
    """A resume link for e-mails: the stored hash is all it needs, and a
    block of the conversation's token blocks it too."""
    signed = URLSafeSerializer(secret, salt="chat-mail").dumps([conv.id, conv.token_hash[:16]])
    return MAIL_TOKEN_PREFIX + signed


def conversation_for_token(token, secret: str, *, lock: bool = False) -> Conversation:
    if not isinstance(token, str) or not 10 <= len(token) <= 300:
        raise ChatError("not_found")
    if token.startswith(MAIL_TOKEN_PREFIX):
        try:
            conv_id, prefix = URLSafeSerializer(secret, salt="chat-mail").loads(token[2:])
        except (BadSignature, ValueError):
            raise ChatError("not_found") from None
        conv = db.session.get(Conversation, conv_id)
        if conv is None or conv.token_hash[:16] != prefix:
            raise ChatError("not_found")
    else:
        conv = db.session.scalar(select(Conversation).where(
            Conversation.token_hash == hash_token(token)))
        if conv is None:
            raise ChatError("not_found")
    if conv.blocked_at is not None:
        raise ChatError("blocked")
    return conv


def lock_conversation(conv_id: int) -> Conversation:
    """Take the conversation's row lock before anything else in the
    transaction: messages of one conversation get their ids in commit order
    (so a resume "after id N" never skips one), and on SQLite the write lock
    is taken first, before any read could make the upgrade fail."""
    result = db.session.execute(update(Conversation).where(Conversation.id == conv_id)
                                .values(updated_at=utcnow()))
    if result.rowcount != 1:
        raise ChatError("not_found")
    return db.session.get(Conversation, conv_id, populate_existing=True)


# --- messages -------------------------------------------------------------------

def post_message(conv: Conversation, *, author: Author, body, client_msg_id: str | None,
                 user_id: int | None = None, name: str | None = None) -> tuple[Message, bool]:
    """Store a message by chat/posting.py's rules (the caller holds the
    conversation's lock). Returns the message and whether it is new: the same
    ``client_msg_id`` again returns the stored one, changes nothing and tells
    the other side again."""
    text = clean_body(body)
    post = posting.Post.of(author, text, user_id=user_id, name=name,
                           distress=author == Author.VISITOR and bool(text and presenting.screen(text).distress),
                           now=utcnow())
    if code := posting.first_refusal(posting.access_refusals, conv, post):
        raise ChatError(code)
    if client_msg_id is not None:
        existing = db.session.scalar(select(Message).where(
            Message.conversation_id == conv.id, Message.author == author,
            Message.client_msg_id == client_msg_id))
        if existing is not None:
            events.message_posted(conv, existing)
            return existing, False
    if code := posting.first_refusal(posting.state_refusals, conv, post):
        raise ChatError(code)
    message = Message(conversation_id=conv.id, author=author, body=text,
                      client_msg_id=client_msg_id, created_at=post.now, author_user_id=user_id,
                      author_name=posting.author_name(conv, post, posting.PY))
    db.session.add(message)
    requeues, mails = posting.requeues(conv, post), posting.mails(conv, post)
    alerted = posting.alerts_assigned(conv, post)
    for key, value in posting.changed(conv, post).items():
        setattr(conv, key, value)
    db.session.flush()
    if requeues:
        events.queue_changed(conv)
    elif alerted:
        events.status_changed(conv)
    events.message_posted(conv, message)
    if mails:
        events.mail_answer(conv, message)
    return message, True


def system_message(conv: Conversation, kind: str, **values) -> Message:
    message = Message(conversation_id=conv.id, author=Author.SYSTEM, created_at=utcnow(),
                      body=_system_text(conv, kind, **values))
    db.session.add(message)
    db.session.flush()
    events.message_posted(conv, message)
    return message


#: At most this many messages of a conversation in one load (console, resume).
MESSAGES_PER_LOAD = 1000


def messages_after(conv: Conversation, after_id: int = 0,
                   limit: int = MESSAGES_PER_LOAD) -> list[Message]:
    return db.session.scalars(
        select(Message).where(Message.conversation_id == conv.id, Message.id > after_id)
        .order_by(Message.id).limit(limit)).all()


def mark_read(conv: Conversation, side: Author, up_to_id: int) -> None:
    field = "professional_read_id" if side == Author.PROFESSIONAL else "visitor_read_id"
    if up_to_id > getattr(conv, field):
        setattr(conv, field, up_to_id)
        db.session.flush()
        events.read(conv, side, up_to_id)


def leave_email(conv: Conversation, email: str) -> None:
    conv.visitor_email = email
    db.session.flush()


# --- professionals ---------------------------------------------------------------

def take_conversation(conv_id: int, desk: queue.Desk) -> Conversation:
    """Exactly one of several professionals clicking at once gets it: the
    conditional UPDATE is decided by the database, on SQLite and PostgreSQL."""
    now = utcnow()
    result = db.session.execute(
        update(Conversation)
        .where(Conversation.id == conv_id, Conversation.status == Status.WAITING)
        .values(status=Status.ACTIVE, assigned_user_id=desk.user_id, taken_at=now,
                handled_by_structure_id=desk.structure_id, updated_at=now))
    if result.rowcount != 1:
        conv = db.session.get(Conversation, conv_id)
        raise ChatError("not_found" if conv is None else "taken")
    conv = db.session.get(Conversation, conv_id, populate_existing=True)
    system_message(conv, "taken", name=desk.name)
    events.queue_removed(conv)
    events.status_changed(conv)
    return conv


def add_note(conv: Conversation, desk: queue.Desk, body) -> Note:
    text = clean_body(body)
    if not text:
        raise ChatError("empty")
    note = Note(conversation_id=conv.id, author_user_id=desk.user_id, author_name=desk.name,
                body=text, created_at=utcnow())
    db.session.add(note)
    db.session.flush()
    events.note_added(conv, note)
    return note


def transfer(conv: Conversation, desk: queue.Desk, *, to_user: queue.Desk | None = None,
             to_structure_id: int | None = None, note: str = "") -> Conversation:
    """To a colleague (theirs at once) or to a structure (back in its queue)."""
    if conv.status != Status.ACTIVE:
        raise ChatError("closed" if conv.status == Status.CLOSED else "invalid")
    previous = conv.assigned_user_id
    if clean_body(note):
        add_note(conv, desk, note)
    if to_user is not None:
        conv.assigned_user_id = to_user.user_id
        conv.handled_by_structure_id = to_user.structure_id or conv.handled_by_structure_id
        system_message(conv, "transferred_person", name=to_user.name)
    elif to_structure_id is not None:
        conv.status, conv.assigned_user_id, conv.structure_id = Status.WAITING, None, to_structure_id
        conv.widened_at = None
        conv.created_at = utcnow()  # its wait starts again: widening counts from now
        system_message(conv, "transferred_structure")
        events.queue_changed(conv)
    else:
        raise ChatError("invalid")
    db.session.flush()
    events.status_changed(conv, previous_user_id=previous)
    return conv


def close_conversation(conv: Conversation, by: str) -> None:
    if conv.status == Status.CLOSED:
        return
    was_waiting = conv.status == Status.WAITING
    conv.status, conv.closed_at, conv.closed_by = Status.CLOSED, utcnow(), by
    system_message(conv, f"closed_by_{by}")
    # The observatory: answered with its wait, or ended before anyone answered.
    answered = conv.first_answer_at is not None
    wait = ((as_utc(conv.first_answer_at) if answered else as_utc(conv.closed_at))
            - as_utc(conv.created_at)).total_seconds()
    observe.record("chat_answered" if answered else "chat_abandoned", theme=conv.theme,
                   commune=conv.commune_insee, age_range=conv.age_range, value=max(wait, 0))
    from portal.chat.indicators import record

    record(conv)
    if was_waiting:
        events.queue_removed(conv)
    events.status_changed(conv)


def rate(conv: Conversation, rating: int, word: str | None) -> None:
    if conv.status != Status.CLOSED or not 1 <= rating <= 5:
        raise ChatError("invalid")
    conv.rating, conv.rating_word = rating, (word or "").strip()[:80] or None
    from portal.chat.indicators import record

    record(conv)
    db.session.flush()


def block_visitor(conv: Conversation, desk: queue.Desk) -> None:
    """The token is refused from now on; the address (hashed) for 24 hours."""
    db.session.add(Block(token_hash=conv.token_hash, ip_hash=conv.ip_hash,
                         blocked_by_id=desk.user_id,
                         ip_blocked_until=utcnow() + IP_BLOCK if conv.ip_hash else None))
    close_conversation(conv, "professional")
    conv.blocked_at = utcnow()
    db.session.flush()
    events.status_changed(conv)


def is_ip_blocked(ip: str | None) -> bool:
    if not ip:
        return False
    return db.session.scalar(select(Block.id).where(
        Block.ip_hash == hash_ip(ip), Block.ip_blocked_until > utcnow()).limit(1)) is not None


def _system_text(conv: Conversation, kind: str, **values) -> str:
    """System lines are stored in the young person's language: both sides
    and the transcript show them as they are."""
    texts = {
        "taken": _l("%(name)s has joined the conversation."),
        "transferred_person": _l("The conversation was passed on to %(name)s."),
        "transferred_structure": _l("The conversation was passed on to another structure. Someone will answer soon."),
        "closed_by_visitor": _l("The young person ended the conversation."),
        "closed_by_professional": _l("The professional ended the conversation."),
        "closed_by_system": _l("The conversation was closed."),
    }
    with force_locale(conv.locale):
        return str(texts[kind]) % values
