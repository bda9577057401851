"""Who is online, and which waiting conversations each professional is offered.

The first circle is the structure the young person came from (from the
guide), or else the professionals whose themes and territory match. After
``WIDEN_AFTER`` — or at once when nobody of the first circle is online — a
conversation is offered to every professional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.accounts import User, holds_structure_right, is_professional
from portal.chat.models import DEFAULT_DESK_RADIUS_KM, Conversation, Presence, Status
from portal.core.themes import SUBTHEME_PARENT
from portal.core.time import utcnow
from portal.directory import Person, Structure
from portal.extensions import db
from portal.geo.distance import haversine_km

WIDEN_AFTER = timedelta(minutes=3)
#: A console sends a heartbeat every minute; past this it counts as gone.
ONLINE_GRACE = timedelta(seconds=150)


@dataclass(frozen=True)
class Desk:
    """What the queue needs to know about a professional."""

    user_id: int
    name: str
    structure_id: int | None
    structure_name: str | None
    lat: float | None
    lon: float | None
    supervisor: bool
    themes: tuple[str, ...]
    radius_km: int | None
    online: bool


def desk_for(user_id: int) -> Desk | None:
    row = db.session.execute(
        select(User, Person, Structure, Presence)
        .outerjoin(Person, Person.user_id == User.id)
        .outerjoin(Structure, Structure.id == Person.structure_id)
        .outerjoin(Presence, Presence.user_id == User.id)
        .where(User.id == user_id)).first()
    return _desk(*row) if row else None


def _desk(user, person, structure, presence) -> Desk:
    online = bool(presence and presence.online and presence.last_seen_at > utcnow() - ONLINE_GRACE)
    return Desk(
        user_id=user.id, name=user.display_name,
        structure_id=structure.id if structure else None,
        structure_name=structure.name if structure else None,
        lat=structure.lat if structure else None, lon=structure.lon if structure else None,
        supervisor=holds_structure_right(user, person),
        themes=tuple(presence.themes if presence else ()),
        radius_km=presence.radius_km if presence else DEFAULT_DESK_RADIUS_KM, online=online)


def online_desks() -> list[Desk]:
    rows = db.session.execute(
        select(User, Person, Structure, Presence)
        .join(Presence, Presence.user_id == User.id)
        .outerjoin(Person, Person.user_id == User.id)
        .outerjoin(Structure, Structure.id == Person.structure_id)
        .where(Presence.online.is_(True), Presence.last_seen_at > utcnow() - ONLINE_GRACE,
               User.is_active_account.is_(True))).all()
    return [_desk(*row) for row in rows]


def in_first_circle(desk: Desk, conv: Conversation) -> bool:
    if conv.structure_id is not None:
        return desk.structure_id == conv.structure_id
    if desk.themes and conv.theme not in desk.themes \
            and SUBTHEME_PARENT.get(conv.theme) not in desk.themes:
        return False
    if desk.radius_km is None or conv.lat is None or desk.lat is None:
        return True
    return haversine_km(desk.lat, desk.lon, conv.lat, conv.lon) <= desk.radius_km


def is_offered_to(desk: Desk, conv: Conversation) -> bool:
    return conv.status == Status.WAITING and (conv.widened_at is not None
                                               or in_first_circle(desk, conv))


def may_take(desk: Desk, conv: Conversation) -> bool:
    """A professional takes only what they are offered: the conversation is
    waiting and in their first circle (their structure, or their themes and
    territory), or widened to everyone after the wait. Knowing its id is not
    enough."""
    return is_offered_to(desk, conv)


def may_receive(desk: Desk | None, user: User | None) -> bool:
    """A colleague a conversation may be passed on to: a professional who
    may work (verified, account active) and whose console is online now."""
    return desk is not None and desk.online and is_professional(user)


def waiting_for(desk: Desk, limit: int = 200) -> list[Conversation]:
    """The queue as this professional sees it: urgent first, then oldest."""
    convs = db.session.scalars(
        select(Conversation).where(Conversation.status == Status.WAITING)
        .order_by(Conversation.urgent.desc(), Conversation.created_at, Conversation.id)
        .limit(limit * 5)).all()
    return [c for c in convs if is_offered_to(desk, c)][:limit]


def audience(conv: Conversation) -> list[int]:
    """Online professionals this waiting conversation is offered to now."""
    return [d.user_id for d in online_desks() if conv.widened_at or in_first_circle(d, conv)]


def set_presence(user_id: int, *, online: bool, themes: list[str] | None = None,
                 radius_km: int | None | str = "keep") -> Presence:
    presence = db.session.get(Presence, user_id)
    if presence is None:
        presence = Presence(user_id=user_id, themes=[], radius_km=DEFAULT_DESK_RADIUS_KM)
        db.session.add(presence)
    presence.online = online
    presence.last_seen_at = utcnow()
    if themes is not None:
        presence.themes = list(themes)
    if radius_km != "keep":
        presence.radius_km = radius_km
    db.session.flush()
    return presence


def queue_position(conv: Conversation) -> int:
    ahead = db.session.scalar(
        select(db.func.count()).select_from(Conversation)
        .where(Conversation.status == Status.WAITING, Conversation.id < conv.id))
    return (ahead or 0) + 1


def typical_wait_s(now: datetime | None = None) -> int | None:
    """Median time to be taken over the last 30 days (None without data)."""
    now = now or utcnow()
    rows = db.session.execute(
        select(Conversation.created_at, Conversation.taken_at)
        .where(Conversation.taken_at.is_not(None),
               Conversation.created_at > now - timedelta(days=30),
               Conversation.left_offline.is_(False))
        .order_by(Conversation.id.desc()).limit(200)).all()
    waits = sorted((taken - created).total_seconds() for created, taken in rows)
    return int(waits[len(waits) // 2]) if waits else None
