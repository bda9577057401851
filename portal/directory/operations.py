"""Changing the guide. Explicit arguments; flush, never commit.

Who may publish directly: an administrator anywhere; a verified professional
on their own person entry and, with ``can_edit_structure``, on their
structure. Anything else — a new structure, joining a structure — becomes a
:class:`PendingChange` for an administrator.
"""

from __future__ import annotations

from portal.accounts import User, is_admin, is_professional, may_act_for_person, may_edit_structure
from portal.core.mail import queue_mail
from portal.core.refusal import Refusal
from portal.core.text import slugify
from portal.core.time import utcnow
from portal.directory.models import (
    CONTACT_RETENTION,
    STALE_AFTER,
    ContactMessage,
    EntryStatus,
    PendingChange,
    Person,
    Structure,
    StructureKind,
)
from portal.directory.search import with_parents
from portal.extensions import db
from portal.notifications import kinds as notification_kinds
from portal.notifications import pipeline as notifications

STRUCTURE_FIELDS = ("name", "kind", "description", "address", "postal_code", "commune_insee",
                    "commune_name", "country", "lat", "lon", "phone", "email", "website",
                    "opening_hours", "accessibility", "wheelchair", "themes", "age_min",
                    "age_max", "languages")
PERSON_FIELDS = ("first_name", "last_name", "role", "description", "themes", "age_min",
                 "age_max", "languages", "channels", "email", "phone")


class NotAllowed(Refusal):
    """The account may not make this change."""

    code, status = "not_allowed", 403


def structure_slug(text: str) -> str:
    return slugify(text, max_length=120, default="structure")


# --- who may do what --------------------------------------------------------

# (the checks themselves are accounts/access.py's: may_act_for_person,
# may_edit_structure, is_professional)

def person_of(user: User) -> Person | None:
    """The guide entry linked to this account, if any."""
    return db.session.scalar(db.select(Person).where(Person.user_id == user.id))


# --- direct edits -----------------------------------------------------------

def _apply(entry, fields, data: dict) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            if field == "themes":
                value = with_parents(value)
            if field == "kind":
                value = StructureKind(value)
            setattr(entry, field, value)


def mark_checked(entry: Structure | Person) -> None:
    """Someone responsible confirmed the entry is right, as of now."""
    entry.last_checked_at = utcnow()
    entry.stale_notified_at = None


def update_person(person: Person, data: dict, *, by: User) -> None:
    if not may_act_for_person(by, person):
        raise NotAllowed()
    _apply(person, PERSON_FIELDS, data)
    mark_checked(person)
    db.session.flush()


def update_structure(structure: Structure, data: dict, *, by: User) -> None:
    if not may_edit_structure(by, structure):
        raise NotAllowed()
    _apply(structure, STRUCTURE_FIELDS, data)
    if "name" in data:
        structure.slug = structure_slug(structure.name)
    mark_checked(structure)
    db.session.flush()


def confirm_checked(entry: Structure | Person, *, by: User) -> None:
    allowed = (may_edit_structure(by, entry) if isinstance(entry, Structure)
               else may_act_for_person(by, entry))
    if not allowed:
        raise NotAllowed()
    mark_checked(entry)
    db.session.flush()


# --- proposals and review ---------------------------------------------------

def propose(entity: str, payload: dict, *, by: User, entity_id: int | None = None) -> PendingChange:
    """A new structure, or a professional joining one, waits for review."""
    if not is_professional(by):
        raise NotAllowed()
    change = PendingChange(entity=entity, entity_id=entity_id, payload=payload,
                           submitted_by_id=by.id)
    db.session.add(change)
    db.session.flush()
    return change


def pending_changes() -> list[PendingChange]:
    return db.session.scalars(db.select(PendingChange).where(PendingChange.decision.is_(None))
                              .order_by(PendingChange.created_at)).all()


def _create_structure(payload: dict) -> Structure:
    structure = Structure(slug=structure_slug(payload["name"]), status=EntryStatus.PUBLISHED)
    _apply(structure, STRUCTURE_FIELDS, payload)
    mark_checked(structure)
    db.session.add(structure)
    db.session.flush()
    return structure


def approve_change(change: PendingChange, *, by: User) -> None:
    if not is_admin(by):
        raise NotAllowed()
    submitter = db.session.get(User, change.submitted_by_id) if change.submitted_by_id else None
    payload = dict(change.payload)
    if change.entity == "structure":
        structure = _create_structure(payload)
        if submitter is not None and person_of(submitter) is None:
            # Whoever proposed a structure manages its entry.
            _add_person(structure, submitter, payload.get("person") or {}, can_edit_structure=True)
    elif change.entity == "person":
        structure = db.session.get(Structure, change.entity_id)
        if structure is None or submitter is None:
            raise NotAllowed()
        _add_person(structure, submitter, payload, can_edit_structure=False)
    elif change.entity == "import":
        # An entry imported from open data (territories/open_data.py),
        # unpublished until an administrator looked at it.
        structure = db.session.get(Structure, change.entity_id)
        if structure is None:
            raise NotAllowed()
        structure.status = EntryStatus.PUBLISHED
        mark_checked(structure)
    change.decision, change.decided_at, change.decided_by_id = "approved", utcnow(), by.id
    db.session.flush()


def _add_person(structure: Structure, user: User, payload: dict, *, can_edit_structure: bool) -> Person:
    first, _, last = (user.full_name or user.pseudonym).partition(" ")
    person = Person(structure=structure, user_id=user.id, first_name=first,
                    last_name=last or "", role=payload.get("role") or user.job_title or "",
                    email=user.email, can_edit_structure=can_edit_structure,
                    status=EntryStatus.PUBLISHED)
    _apply(person, PERSON_FIELDS, {k: v for k, v in payload.items() if k in PERSON_FIELDS})
    mark_checked(person)
    db.session.add(person)
    db.session.flush()
    return person


def reject_change(change: PendingChange, *, by: User, note: str = "") -> None:
    if not is_admin(by):
        raise NotAllowed()
    change.decision, change.decided_at, change.decided_by_id = "rejected", utcnow(), by.id
    change.note = note
    if change.entity == "import" and (structure := db.session.get(Structure, change.entity_id)):
        structure.status = EntryStatus.ARCHIVED  # kept, so a new import matches it
    db.session.flush()


def detach_user(user: User) -> None:
    """An account is deleted: its person entry stays (the structure still
    employs someone in that role) but no longer points to it."""
    db.session.execute(db.update(Person).where(Person.user_id == user.id).values(user_id=None))



# --- contact form -----------------------------------------------------------

def send_contact_message(person: Person, *, sender_name: str, sender_email: str, body: str,
                         share_email: bool, wants_copy: bool, locale: str,
                         reply_link_for) -> ContactMessage:
    """Relay a visitor's message to a resource person by e-mail.

    The professional sees the sender's address only if they chose to share
    it; otherwise they answer through ``reply_link_for(message)``, a signed
    page of the portal that forwards the answer.
    """
    message = ContactMessage(person=person, sender_name=sender_name.strip(),
                             sender_email=sender_email.strip(), body=body.strip(),
                             share_email=share_email, wants_copy=wants_copy, locale=locale)
    db.session.add(message)
    db.session.flush()
    recipient = person.email or person.structure.email
    queue_mail(recipient, "directory/contact_to_professional", locale="fr", message=message,
               person=person, reply_link=reply_link_for(message),
               reply_to=[message.sender_email] if share_email else None)
    if wants_copy:
        queue_mail(message.sender_email, "directory/contact_copy", locale=locale,
                   message=message, person=person)
    return message


def reply_to_contact(message: ContactMessage, body: str) -> None:
    """Forward the professional's answer; their own address is not shown either."""
    queue_mail(message.sender_email, "directory/contact_reply", locale=message.locale,
               message=message, person=message.person, body=body.strip())
    message.replied_at = utcnow()
    db.session.flush()


def purge_contact_messages(now) -> int:
    result = db.session.execute(db.delete(ContactMessage).where(
        ContactMessage.created_at < now - CONTACT_RETENTION))
    return result.rowcount or 0


# --- freshness --------------------------------------------------------------

def _owners(entry) -> list[tuple[str, str | None]]:
    """(address, locale) of whoever answers for an entry: linked accounts first,
    else the entry's own contact address."""
    if isinstance(entry, Person):
        people = [entry]
    else:
        people = [p for p in entry.persons if p.can_edit_structure]
    owners = []
    for person in people:
        user = db.session.get(User, person.user_id) if person.user_id else None
        if user is not None and user.email:
            owners.append((user.email, user.locale))
    if not owners and entry.email:
        owners.append((entry.email, "fr"))
    return owners


def notify_stale_entries(now, check_link_for) -> int:
    """E-mail the owners of entries unchecked for 6 months, once per period."""
    sent = 0
    for model in (Structure, Person):
        stale = db.session.scalars(db.select(model).where(
            model.last_checked_at < now - STALE_AFTER, model.stale_notified_at.is_(None),
            model.status == EntryStatus.PUBLISHED)).all()
        for entry in stale:
            for address, locale in _owners(entry):
                notifications.notify(
                    notification_kinds.FRESHNESS, [notifications.email_recipient(address, locale)],
                    event=f"freshness:{model.__tablename__}:{entry.id}:{now.date().isoformat()}",
                    context={"entry": entry, "link": check_link_for(entry)})
                sent += 1
            entry.stale_notified_at = now
    db.session.flush()
    return sent
