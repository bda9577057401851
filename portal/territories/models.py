"""Territories (a CRIJ's set of communes and its settings), where staff roles
hold, and which territory owns and which communes a guide structure serves."""

from __future__ import annotations

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin
from portal.extensions import db


class Territory(TimestampMixin, db.Model):
    """A named set of communes (INSEE codes; ``BE-<NIS>`` in Belgium) with the
    settings of the CRIJ that serves it. ``sources`` keeps what the set was
    built from (departments, EPCI, arrondissements, a list), so that an
    edit shows the same choices again."""

    __tablename__ = "territories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    sources: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Host names this territory answers on (besides PORTAL_TERRITORY_HOSTS).
    hosts: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The CRIJ's identity, shown in legal notices and privacy pages.
    controller_name: Mapped[str] = mapped_column(String(200), default="")
    legal_notice_url: Mapped[str] = mapped_column(String(300), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    # Who e-mails and text messages come from.
    sender_name: Mapped[str] = mapped_column(String(80), default="")
    sender_email: Mapped[str] = mapped_column(String(254), default="")
    sms_sender: Mapped[str] = mapped_column(String(11), default="")  # alphanumeric sender id
    logo_url: Mapped[str] = mapped_column(String(300), default="")
    #: "#RRGGBB"; white text on it must reach WCAG AA (settings.py).
    accent_colour: Mapped[str] = mapped_column(String(7), default="#1d5c96")
    map_lat: Mapped[float] = mapped_column(Float)
    map_lon: Mapped[float] = mapped_column(Float)
    map_radius_km: Mapped[float] = mapped_column(Float, default=15.0)
    #: OpenStreetMap ``opening_hours`` syntax, as the guide's entries.
    chat_hours: Mapped[str] = mapped_column(String(200), default="Mo-Fr 09:00-18:00")
    chat_retention_days: Mapped[int] = mapped_column(Integer, default=365)
    contact_retention_days: Mapped[int] = mapped_column(Integer, default=90)

    communes: Mapped[list[TerritoryCommune]] = relationship(
        cascade="all, delete-orphan", order_by="TerritoryCommune.code")

    @property
    def commune_codes(self) -> set[str]:
        return {c.code for c in self.communes}

    def __repr__(self) -> str:
        return f"<Territory {self.id} {self.slug!r}>"


class TerritoryCommune(db.Model):
    """A commune of a territory: one row each, so "which territories hold this
    commune" is one indexed query."""

    __tablename__ = "territory_communes"

    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)


class RoleScope(db.Model):
    """Where a staff account's role holds: one row per territory, or one row
    with no territory for the whole install. An account without any row
    holds its role everywhere, as before territories existed — one install
    per CRIJ keeps working with nothing to configure; giving territories
    narrows it (access.py)."""

    __tablename__ = "territory_role_scopes"
    __table_args__ = (UniqueConstraint("user_id", "territory_id", name="uq_territory_scope"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("territories.id", ondelete="CASCADE"))

    territory: Mapped[Territory | None] = relationship()


class StructureTerritory(db.Model):
    """The territory that owns a guide structure (its staff review and edit
    it); without a row, the territory holding the structure's commune."""

    __tablename__ = "territory_structures"

    structure_id: Mapped[int] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="CASCADE", name="fk_terr_struct_structure"),
        primary_key=True)
    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territories.id", ondelete="CASCADE", name="fk_terr_struct_territory"),
        index=True)


class ServedCommune(db.Model):
    """A commune a structure serves beyond its distance from the reader: a
    Mouscron service that takes young people from Tourcoing is found from
    Tourcoing, whatever the border and the radius."""

    __tablename__ = "territory_served_communes"

    structure_id: Mapped[int] = mapped_column(
        ForeignKey("directory_structures.id", ondelete="CASCADE", name="fk_terr_served_structure"),
        primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)


class LocalForumCategory(db.Model):
    """A forum category of one territory (its moderators moderate it); a
    category without a row is national."""

    __tablename__ = "territory_forum_categories"

    category_id: Mapped[int] = mapped_column(
        ForeignKey("forum_categories.id", ondelete="CASCADE", name="fk_terr_forum_category"),
        primary_key=True)
    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territories.id", ondelete="CASCADE", name="fk_terr_forum_territory"),
        index=True)
