"""The ``/chat`` Socket.IO namespace (events in docs/CHAT_PROTOCOL.md).

Every event is one unit of work (commit after it, rollback if refused) and
answers through the Socket.IO acknowledgement: ``{"ok": true, …}`` or
``{"ok": false, "error": code, "message": text}``.

Authorisation: a socket may act on a conversation only if it started it or
resumed it with its token (a grant kept per socket, in this process, given
after the commit), or — for a professional — if the database says the
conversation is assigned to them. Being a professional is re-derived at each
event from the account as it is now (``core/sockets.py`` reloads it), never
remembered from the connection: a professional disabled, demoted or signed
out is refused at the next event. Grants are per socket, never per room, so
a room membership alone never lets anyone post.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user
from flask_socketio import join_room

from portal.accounts import is_professional
from portal.chat import events, queue, schemas
from portal.chat import operations as ops
from portal.chat.console import ConsoleEvents
from portal.chat.models import Author, Conversation, Status
from portal.chat.sending import send_message
from portal.chat.work import unit_of_work
from portal.core import limits
from portal.core.commit import after_commit
from portal.core.sockets import CommittingNamespace
from portal.directory import Structure
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.safety import presenting


class ChatNamespace(ConsoleEvents, CommittingNamespace):
    def __init__(self, namespace="/chat"):
        super().__init__(namespace)
        #: sid → conversation ids this socket started or resumed.
        self.grants: dict[str, set[int]] = {}
        #: sid → (user id, display name) of a professional's socket: which
        #: consoles this process holds (presence), never what they may do.
        self.pros: dict[str, tuple[int, str]] = {}

    def wrap_handler(self, handler):
        # Each handler is its own unit of work (``unit_of_work``), with the
        # retries SQLite's single writer needs.
        return handler

    # --- connection ---------------------------------------------------------------

    @unit_of_work
    def on_connect(self, auth=None):
        if is_professional(current_user):
            self.pros[request.sid] = (current_user.id, current_user.display_name)
            join_room(events.pro_room(current_user.id))
        return True

    @unit_of_work
    def on_disconnect(self, reason=None):
        self.grants.pop(request.sid, None)
        pro = self.pros.pop(request.sid, None)
        if pro and not any(user_id == pro[0] for user_id, _ in self.pros.values()):
            # Their last console in this process closed. Another process may
            # still hold one: its next heartbeat puts them back online.
            queue.set_presence(pro[0], online=False)

    def _grant_after_commit(self, conv_id: int) -> None:
        sid, namespace = request.sid, self.namespace

        def grant():
            self.grants.setdefault(sid, set()).add(conv_id)
            self.socketio.server.enter_room(sid, events.conv_room(conv_id), namespace=namespace)

        after_commit(grant)

    def _visitor_conversation(self, conv_id) -> int:
        if not isinstance(conv_id, int) or conv_id not in self.grants.get(request.sid, ()):
            raise ops.ChatError("forbidden")
        return conv_id

    def _pro(self) -> tuple[int, str]:
        """This event's professional, from the account as it is now."""
        if not is_professional(current_user):
            raise ops.ChatError("forbidden")
        pro = (current_user.id, current_user.display_name)
        if self.pros.get(request.sid) != pro:
            # Verified since connecting, or renamed: this socket is theirs now.
            self.pros[request.sid] = pro
            join_room(events.pro_room(current_user.id))
        return pro

    def _side(self, conv_id) -> tuple[Author, tuple[int, str] | None]:
        """Who this socket is in that conversation, or a refusal."""
        if isinstance(conv_id, int) and conv_id in self.grants.get(request.sid, ()):
            return Author.VISITOR, None
        return Author.PROFESSIONAL, self._pro()

    def _assigned(self, conv: Conversation, user_id: int) -> Conversation:
        if conv.assigned_user_id != user_id or conv.status == Status.WAITING:
            raise ops.ChatError("forbidden")
        return conv

    # --- the young person's side ------------------------------------------------

    @unit_of_work
    def on_start(self, data):
        data = schemas.payload(data)
        if not limits.hit("CHAT_START_LIMIT", request.remote_addr or "unknown"):
            raise ops.ChatError("rate_limited")
        commune = None
        if place := schemas.text(data, "commune", 120):
            gazetteer = get_gazetteer()
            commune = gazetteer.by_insee(place) or gazetteer.resolve(place)
        structure_id = schemas.integer(data, "structure_id")
        if structure_id is not None and db.session.get(Structure, structure_id) is None:
            structure_id = None  # a stale link from the guide: start anyway
        age_range = schemas.text(data, "age_range", 10)
        if age_range not in (None, "13-14", "15-17", "18-25", "26-30"):
            raise schemas.Invalid
        conv, token = ops.start_conversation(
            theme=schemas.text(data, "theme", 40, required=True), locale=str(get_locale()),
            ip=request.remote_addr, commune=commune, age_range=age_range,
            pseudonym=schemas.text(data, "pseudonym", 40), structure_id=structure_id)
        reply = {"ok": True, "conversation_id": conv.id, "resume_token": token}
        if body := schemas.text(data, "message", 4000):
            cmid = schemas.text(data, "client_msg_id", 64)
            message, _ = ops.post_message(conv, author=Author.VISITOR, body=body, client_msg_id=cmid)
            reply["message"] = {"id": message.id, "created_at": schemas.iso(message.created_at),
                                "client_msg_id": cmid}
        events.queue_changed(conv)
        self._grant_after_commit(conv.id)
        info = self._waiting_info(conv)
        if body and (numbers := presenting.distress_numbers(presenting.screen(message.body))):
            info["help"] = numbers  # for what was written (post_message's screening)
        return reply | info

    def _waiting_info(self, conv: Conversation) -> dict:
        info = {"status": conv.status.value, "urgent": conv.urgent,
                "nobody_online": conv.left_offline and conv.status == Status.WAITING}
        if conv.status == Status.WAITING:
            info["position"] = queue.queue_position(conv)
            info["typical_wait_s"] = queue.typical_wait_s()
        if conv.urgent:
            info["help"] = presenting.numbers_for()
        return info

    @unit_of_work
    def on_resume(self, data):
        data = schemas.payload(data)
        if not limits.hit("CHAT_RESUME_LIMIT", request.remote_addr or "unknown"):
            raise ops.ChatError("rate_limited")
        token = schemas.text(data, "resume_token", 300, required=True)
        after_id = schemas.integer(data, "after_id", default=0)
        conv = ops.conversation_for_token(token, current_app.config["SECRET_KEY"])
        self._grant_after_commit(conv.id)
        return {"ok": True, "conversation_id": conv.id, "theme": conv.theme,
                "pseudonym": conv.pseudonym, "rating": conv.rating,
                "professional_read_id": conv.professional_read_id,
                "has_email": bool(conv.visitor_email),
                "messages": [schemas.message_dict(m) for m in ops.messages_after(conv, after_id)],
                } | self._waiting_info(conv)

    @unit_of_work
    def on_send(self, data):
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        cmid = schemas.client_msg_id(data)
        body = schemas.text(data, "body", 8000, required=True)
        side, pro = self._side(conv_id)
        if side == Author.VISITOR and not (
                limits.hit("CHAT_IP_MESSAGE_LIMIT", request.remote_addr or "unknown")
                and limits.hit("CHAT_CONVERSATION_MESSAGE_LIMIT", str(conv_id))):
            raise ops.ChatError("rate_limited")
        message, created = send_message(
            conv_id, author=side, body=body, client_msg_id=cmid,
            user_id=pro[0] if pro else None, name=pro[1] if pro else None)
        reply = {"ok": True, "id": message.id, "created_at": schemas.iso(message.created_at),
                 "duplicate": not created}
        if side == Author.VISITOR and (numbers := presenting.distress_numbers(
                presenting.screen(message.body))):
            reply["help"] = numbers  # the screening send_message made (portal.safety)
        return reply

    @unit_of_work
    def on_typing(self, data):
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        side, pro = self._side(conv_id)
        conv = db.session.get(Conversation, conv_id)
        if conv is None or conv.status == Status.CLOSED:
            raise ops.ChatError("closed")
        if pro is not None:
            self._assigned(conv, pro[0])
        events.typing(conv, side.value, bool(data.get("typing", True)))
        return {"ok": True}

    @unit_of_work
    def on_read(self, data):
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        up_to_id = schemas.integer(data, "up_to_id", required=True)
        side, pro = self._side(conv_id)
        conv = ops.lock_conversation(conv_id)
        if pro is not None:
            self._assigned(conv, pro[0])
        ops.mark_read(conv, side, up_to_id)
        return {"ok": True}

    @unit_of_work
    def on_close(self, data):
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        side, pro = self._side(conv_id)
        conv = ops.lock_conversation(conv_id)
        if pro is not None:
            self._assigned(conv, pro[0])
        ops.close_conversation(conv, side.value)
        return {"ok": True, "status": conv.status.value}

    @unit_of_work
    def on_rate(self, data):
        data = schemas.payload(data)
        conv_id = self._visitor_conversation(schemas.integer(data, "conversation_id", required=True))
        rating = schemas.integer(data, "rating", required=True)
        conv = ops.lock_conversation(conv_id)
        ops.rate(conv, rating, schemas.text(data, "word", 80))
        return {"ok": True}

    @unit_of_work
    def on_contact(self, data):
        """Nobody online: the young person leaves an address for the answer."""
        data = schemas.payload(data)
        conv_id = self._visitor_conversation(schemas.integer(data, "conversation_id", required=True))
        try:
            email = validate_email(schemas.text(data, "email", 254, required=True),
                                   check_deliverability=False).normalized
        except EmailNotValidError:
            raise ops.ChatError("invalid") from None
        ops.leave_email(ops.lock_conversation(conv_id), email)
        return {"ok": True}
