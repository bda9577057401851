"""The professionals' events of the ``/chat`` namespace (a mixin of
``ChatNamespace``): presence, queue, take, notes, transfer, block, canned answers.

Every handler starts from ``self._pro()`` (a verified professional's account,
checked again at each event) and, for a conversation, from the database:
assigned to them, or — to read it — in their structure as a supervisor. A
waiting conversation is taken only if it is offered to them
(``queue.may_take``), and passed on only to a colleague who may receive it
(``queue.may_receive``) or a structure whose professionals chat.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import or_, select

from portal.accounts import Role, User, holders_of
from portal.chat import canned, queue, schemas
from portal.chat import operations as ops
from portal.chat.models import Conversation, Message, Note, Status
from portal.chat.work import unit_of_work
from portal.core.themes import is_theme_code
from portal.directory import Person, Structure
from portal.extensions import db
from portal.territories import access as territory_access


def can_read(desk: queue.Desk, conv: Conversation) -> bool:
    if conv.assigned_user_id == desk.user_id:
        return True
    if desk.supervisor and desk.structure_id and desk.structure_id in (
            conv.handled_by_structure_id, conv.structure_id):
        return True
    # An administrator, in their territories (portal/territories/access.py).
    return (desk.supervisor and desk.structure_id is None
            and territory_access.admin_reaches_conversation(desk.user_id, conv))


def _chatting_structure(structure_id: int) -> bool:
    """A structure with at least one professional account: someone there may
    take what is passed on (the structures ``colleagues`` lists)."""
    return db.session.scalar(select(Person.id).join(User, User.id == Person.user_id).where(
        Person.structure_id == structure_id, holders_of(Role.PROFESSIONAL)).limit(1)) is not None


class ConsoleEvents:
    def _desk(self) -> queue.Desk:
        user_id, _ = self._pro()
        desk = queue.desk_for(user_id)
        if desk is None:
            raise ops.ChatError("forbidden")
        return desk

    def _full(self, conv: Conversation, after_id: int = 0) -> dict:
        notes = db.session.scalars(select(Note).where(Note.conversation_id == conv.id)
                                   .order_by(Note.id)).all()
        return schemas.conversation_dict(conv, ops.messages_after(conv, after_id), notes)

    @staticmethod
    def _all_full(convs: list[Conversation]) -> list[dict]:
        """``_full`` for many conversations in two queries, not two per
        conversation (the console loads them all at each reconnect)."""
        ids = [c.id for c in convs]
        if not ids:
            return []
        notes, messages = defaultdict(list), defaultdict(list)
        for note in db.session.scalars(select(Note).where(Note.conversation_id.in_(ids))
                                       .order_by(Note.id)):
            notes[note.conversation_id].append(note)
        for message in db.session.scalars(select(Message).where(Message.conversation_id.in_(ids))
                                          .order_by(Message.id)):
            messages[message.conversation_id].append(message)
        return [schemas.conversation_dict(c, messages[c.id][:ops.MESSAGES_PER_LOAD], notes[c.id])
                for c in convs]

    @unit_of_work
    def on_console(self, data=None):
        """Everything a console needs when it (re)connects."""
        desk = self._desk()
        mine = db.session.scalars(select(Conversation).where(
            Conversation.assigned_user_id == desk.user_id, Conversation.status == Status.ACTIVE)
            .order_by(Conversation.taken_at)).all()
        return {"ok": True,
                "me": {"user_id": desk.user_id, "name": desk.name,
                       "structure_id": desk.structure_id, "structure": desk.structure_name,
                       "supervisor": desk.supervisor},
                "presence": {"online": desk.online, "themes": list(desk.themes),
                             "radius_km": desk.radius_km},
                "queue": [schemas.queue_item(c) for c in queue.waiting_for(desk)],
                "conversations": self._all_full(mine),
                "canned": canned.visible_to(desk.user_id)}

    @unit_of_work
    def on_presence(self, data):
        """Online or offline, for which themes and how far; also the heartbeat."""
        data = schemas.payload(data)
        user_id, _ = self._pro()
        online = data.get("online")
        if not isinstance(online, bool):
            raise schemas.Invalid
        themes = data.get("themes")
        if themes is not None and not (isinstance(themes, list)
                                       and all(isinstance(t, str) and is_theme_code(t) for t in themes)):
            raise schemas.Invalid
        radius = data.get("radius_km", "keep")
        if radius not in ("keep", None) and (not isinstance(radius, int) or not 1 <= radius <= 1000):
            raise schemas.Invalid
        presence = queue.set_presence(user_id, online=online, themes=themes, radius_km=radius)
        return {"ok": True, "online": presence.online, "themes": presence.themes,
                "radius_km": presence.radius_km}

    @unit_of_work
    def on_queue(self, data=None):
        return {"ok": True, "queue": [schemas.queue_item(c) for c in queue.waiting_for(self._desk())]}

    @unit_of_work
    def on_take(self, data):
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        desk = self._desk()
        conv = db.session.get(Conversation, conv_id)
        if conv is None:
            raise ops.ChatError("not_found")
        if conv.status != Status.WAITING:
            raise ops.ChatError("taken")
        if not queue.may_take(desk, conv):
            raise ops.ChatError("forbidden")
        conv = ops.take_conversation(conv_id, desk)
        return {"ok": True, "conversation": self._full(conv)}

    @unit_of_work
    def on_open(self, data):
        """Read a conversation (assigned, or supervised) from ``after_id``."""
        data = schemas.payload(data)
        conv = db.session.get(Conversation, schemas.integer(data, "conversation_id", required=True))
        if conv is None or not can_read(self._desk(), conv):
            raise ops.ChatError("forbidden")
        return {"ok": True, "conversation": self._full(conv, schemas.integer(data, "after_id", default=0))}

    def _mine(self, data) -> tuple[Conversation, queue.Desk]:
        data = schemas.payload(data)
        conv_id = schemas.integer(data, "conversation_id", required=True)
        desk = self._desk()
        conv = ops.lock_conversation(conv_id)
        if conv.assigned_user_id != desk.user_id or conv.status != Status.ACTIVE:
            raise ops.ChatError("forbidden")
        return conv, desk

    @unit_of_work
    def on_note(self, data):
        conv, desk = self._mine(data)
        note = ops.add_note(conv, desk, schemas.text(data, "body", 4000, required=True))
        return {"ok": True, "note": schemas.note_dict(note)}

    @unit_of_work
    def on_transfer(self, data):
        conv, desk = self._mine(data)
        to_user_id = schemas.integer(data, "to_user_id")
        to_structure_id = schemas.integer(data, "to_structure_id")
        to_user = None
        if to_user_id is not None:
            to_user = queue.desk_for(to_user_id)
            if to_user_id == desk.user_id or not queue.may_receive(
                    to_user, db.session.get(User, to_user_id)):
                raise ops.ChatError("invalid")
        elif to_structure_id is None or not _chatting_structure(to_structure_id):
            raise ops.ChatError("invalid")
        ops.transfer(conv, desk, to_user=to_user, to_structure_id=to_structure_id,
                     note=schemas.text(data, "note", 4000) or "")
        return {"ok": True}

    @unit_of_work
    def on_block(self, data):
        conv, desk = self._mine(data)
        ops.block_visitor(conv, desk)
        return {"ok": True}

    @unit_of_work
    def on_colleagues(self, data=None):
        """Online professionals to transfer to, and structures that chat."""
        data = data if isinstance(data, dict) else {}
        desk = self._desk()
        people = [{"user_id": d.user_id, "name": d.name, "structure": d.structure_name}
                  for d in queue.online_desks() if d.user_id != desk.user_id]
        q = (schemas.text(data, "q", 80) or "").strip()
        stmt = (select(Structure.id, Structure.name, Structure.commune_name).distinct()
                .join(Person, Person.structure_id == Structure.id)
                .where(Person.user_id.is_not(None)).order_by(Structure.name).limit(20))
        if q:
            stmt = stmt.where(or_(Structure.name.ilike(f"%{q}%"), Structure.commune_name.ilike(f"%{q}%")))
        structures = [{"structure_id": i, "name": n, "commune": c}
                      for i, n, c in db.session.execute(stmt)]
        return {"ok": True, "colleagues": people, "structures": structures}

    @unit_of_work
    def on_canned_save(self, data):
        data = schemas.payload(data)
        user_id, _ = self._pro()
        canned.save(user_id, answer_id=schemas.integer(data, "id"),
                    title=schemas.text(data, "title", 80, required=True),
                    body=schemas.text(data, "body", 4000, required=True),
                    shared=bool(data.get("shared")))
        return {"ok": True, "canned": canned.visible_to(user_id)}

    @unit_of_work
    def on_canned_delete(self, data):
        data = schemas.payload(data)
        user_id, _ = self._pro()
        canned.delete(user_id, schemas.integer(data, "id", required=True))
        return {"ok": True, "canned": canned.visible_to(user_id)}
