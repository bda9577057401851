"""Structures, resource persons, services, and changes waiting for review."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, UTCDateTime, str_enum
from portal.core.time import utcnow
from portal.extensions import db

#: Unchecked this long, the owners are asked to check the entry…
STALE_AFTER = timedelta(days=182)
#: …and this long, it leaves young people's searches (kept, back once re-checked).
EXPIRED_AFTER = timedelta(days=365)


class StructureKind(enum.StrEnum):
    MISSION_LOCALE = "mission-locale"
    CIO = "cio"
    PIJ = "pij"
    CRIJ = "crij"
    CAF = "caf"
    FRANCE_TRAVAIL = "france-travail"
    MAISON_DES_ADOS = "maison-des-ados"
    FJT = "fjt"
    HEALTH = "sante"
    SOCIAL = "service-social"
    ASSOCIATION = "association"
    MUNICIPAL = "collectivite"
    INFOR_JEUNES = "infor-jeunes"
    AMO = "amo"
    CPAS = "cpas"
    OTHER = "autre"

    @property
    def label(self):
        return KIND_LABELS[self]


KIND_LABELS = {
    StructureKind.MISSION_LOCALE: _l("Mission locale"),
    StructureKind.CIO: _l("Information and guidance centre (CIO)"),
    StructureKind.PIJ: _l("Youth information point (PIJ)"),
    StructureKind.CRIJ: _l("Regional youth information centre (CRIJ)"),
    StructureKind.CAF: _l("Family allowance office (CAF)"),
    StructureKind.FRANCE_TRAVAIL: _l("France Travail agency"),
    StructureKind.MAISON_DES_ADOS: _l("Maison des adolescents"),
    StructureKind.FJT: _l("Young workers' hostel (FJT)"),
    StructureKind.HEALTH: _l("Health centre"),
    StructureKind.SOCIAL: _l("Social services"),
    StructureKind.ASSOCIATION: _l("Association"),
    StructureKind.MUNICIPAL: _l("Town hall service"),
    StructureKind.INFOR_JEUNES: _l("Infor Jeunes (Belgium)"),
    StructureKind.AMO: _l("Open-environment youth aid (AMO, Belgium)"),
    StructureKind.CPAS: _l("Public social welfare centre (CPAS, Belgium)"),
    StructureKind.OTHER: _l("Other"),
}


class Channel(enum.StrEnum):
    CHAT = "chat"
    BOOKING = "booking"
    EMAIL = "email"
    PHONE = "phone"


class EntryStatus(enum.StrEnum):
    PUBLISHED = "published"
    PENDING = "pending"  # a new entry waiting for an administrator
    ARCHIVED = "archived"


class FreshnessMixin:
    """When an entry was last checked by a person, and what follows from it."""

    last_checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    stale_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_stale(self) -> bool:
        return utcnow() - self.last_checked_at > STALE_AFTER

    @property
    def is_expired(self) -> bool:
        return utcnow() - self.last_checked_at > EXPIRED_AFTER


class PublicsMixin:
    """Themes, ages and languages an entry serves."""

    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    age_min: Mapped[int] = mapped_column(Integer, default=13)
    age_max: Mapped[int] = mapped_column(Integer, default=30)
    languages: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["fr"])


class Structure(FreshnessMixin, PublicsMixin, TimestampMixin, db.Model):
    __tablename__ = "directory_structures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(140), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[StructureKind] = mapped_column(str_enum(StructureKind, "structure_kind"))
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    commune_insee: Mapped[str] = mapped_column(String(12), index=True)
    commune_name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), default="FR")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(300))
    #: OpenStreetMap ``opening_hours`` syntax, e.g. "Mo-Fr 09:00-12:30,13:30-17:00".
    opening_hours: Mapped[str | None] = mapped_column(String(500))
    accessibility: Mapped[str] = mapped_column(Text, default="")
    wheelchair: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[EntryStatus] = mapped_column(
        str_enum(EntryStatus, "entry_status"), default=EntryStatus.PUBLISHED, index=True)

    persons: Mapped[list[Person]] = relationship(
        back_populates="structure", cascade="all, delete-orphan", order_by="Person.last_name")
    services: Mapped[list[Service]] = relationship(
        back_populates="structure", cascade="all, delete-orphan", order_by="Service.name")

    def __repr__(self) -> str:
        return f"<Structure {self.id} {self.name!r}>"


class Person(FreshnessMixin, PublicsMixin, TimestampMixin, db.Model):
    """A resource person at a structure; linked to the professional's account
    when they have one."""

    __tablename__ = "directory_persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Where the contact form delivers; never shown to visitors.
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    #: May edit the structure's own entry, not only their own.
    can_edit_structure: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[EntryStatus] = mapped_column(
        str_enum(EntryStatus, "entry_status"), default=EntryStatus.PUBLISHED, index=True)

    structure: Mapped[Structure] = relationship(back_populates="persons")

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.name!r}>"


class Service(PublicsMixin, TimestampMixin, db.Model):
    """Something a structure offers (a workshop, a permanence, an aid…)."""

    __tablename__ = "directory_services"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure_id: Mapped[int] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    free_of_charge: Mapped[bool] = mapped_column(Boolean, default=True)
    by_appointment: Mapped[bool] = mapped_column(Boolean, default=False)

    structure: Mapped[Structure] = relationship(back_populates="services")


class PendingChange(TimestampMixin, db.Model):
    """A new entry or an edit by an account that may not publish directly,
    waiting for an administrator."""

    __tablename__ = "directory_pending_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))  # "structure" | "person" | "service"
    entity_id: Mapped[int | None] = mapped_column(Integer)  # None: a new entry
    payload: Mapped[dict] = mapped_column(JSON)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision: Mapped[str | None] = mapped_column(String(10))  # "approved" | "rejected"
    note: Mapped[str] = mapped_column(Text, default="")


class ContactMessage(TimestampMixin, db.Model):
    """A message from a visitor to a resource person, relayed by e-mail.

    The sender's address stays here: the professional answers through a
    signed link and the portal forwards the answer, unless the sender chose to
    share their address. Deleted after ``CONTACT_RETENTION``.
    """

    __tablename__ = "directory_contact_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("directory_persons.id", ondelete="CASCADE"), index=True)
    sender_name: Mapped[str] = mapped_column(String(80))
    sender_email: Mapped[str] = mapped_column(String(254))
    share_email: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_copy: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()


CONTACT_RETENTION = timedelta(days=90)
