from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import TimestampMixin, UTCDateTime, str_enum
from portal.core.time import utcnow
from portal.extensions import db


class Role(enum.StrEnum):
    YOUNG = "young"
    PROFESSIONAL = "professional"
    MODERATOR = "moderator"
    EDITOR = "editor"
    ADMIN = "admin"
    FACILITATOR = "facilitator"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.YOUNG: _l("Young person"),
    Role.PROFESSIONAL: _l("Professional"),
    Role.MODERATOR: _l("Moderator"),
    Role.EDITOR: _l("Editor"),
    Role.ADMIN: _l("Administrator"),
    Role.FACILITATOR: _l("Facilitator (conseils citoyens)"),
}


class AgeRange(enum.StrEnum):
    UNDER_15 = "13-14"
    TEEN = "15-17"
    YOUNG_ADULT = "18-25"
    ADULT = "26-30"

    @property
    def label(self):
        return AGE_RANGE_LABELS[self]


AGE_RANGE_LABELS = {
    AgeRange.UNDER_15: _l("13 to 14 years old"),
    AgeRange.TEEN: _l("15 to 17 years old"),
    AgeRange.YOUNG_ADULT: _l("18 to 25 years old"),
    AgeRange.ADULT: _l("26 to 30 years old"),
}


class ProfessionalStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(40))
    #: Case- and accent-insensitive form, unique: "Léa" and "lea" are one name.
    pseudonym_key: Mapped[str] = mapped_column(String(40), unique=True)
    #: What it looks like (Unicode TR39 skeleton, accounts/names.py): a new
    #: pseudonym with the same shape as an existing one is refused.
    pseudonym_skeleton: Mapped[str | None] = mapped_column(String(80), index=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), default=Role.YOUNG)
    age_range: Mapped[AgeRange | None] = mapped_column(str_enum(AgeRange, "age_range"))
    locale: Mapped[str | None] = mapped_column(String(5))
    #: Professionals only: the name young people see, and where they work.
    full_name: Mapped[str | None] = mapped_column(String(120))
    job_title: Mapped[str | None] = mapped_column(String(120))
    structure_name: Mapped[str | None] = mapped_column(String(200))
    professional_status: Mapped[ProfessionalStatus | None] = mapped_column(
        str_enum(ProfessionalStatus, "professional_status")
    )
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_active_account: Mapped[bool] = mapped_column(Boolean, default=True)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Part of the session identity: bumping it (password change, "sign out
    #: everywhere") ends every other session of this account.
    session_version: Mapped[int] = mapped_column(Integer, default=1)

    # Flask-Login: the id it keeps in the session includes the version.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def is_professional(self) -> bool:
        return self.role == Role.PROFESSIONAL

    @property
    def is_verified_professional(self) -> bool:
        return self.is_professional and self.professional_status == ProfessionalStatus.VERIFIED

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.MODERATOR, Role.EDITOR, Role.ADMIN, Role.FACILITATOR)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_under_15(self) -> bool:
        return self.age_range == AgeRange.UNDER_15

    def has_role(self, *roles: Role) -> bool:
        """Administrators hold every role."""
        return self.role == Role.ADMIN or self.role in roles

    @property
    def display_name(self) -> str:
        return self.full_name or self.pseudonym

    def __repr__(self) -> str:
        return f"<User {self.id} {self.pseudonym!r} {self.role}>"


class RecoveryCode(db.Model):
    """A one-time code to get back into an account without e-mail (under 15,
    or anyone who gave none): shown once, kept only as a hash, deleted with
    the account."""

    __tablename__ = "account_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AccountSession(db.Model):
    """One signed-in device. The cookie carries a random key; only its hash is
    kept here, and deleting the row ends that session at once — a cookie
    copied before signing out no longer opens anything."""

    __tablename__ = "account_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccountSocket(db.Model):
    """An open Socket.IO connection of a signed-in session, so that ending
    the session disconnects it from whichever process holds it."""

    __tablename__ = "account_sockets"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    namespace: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("account_sessions.id", ondelete="CASCADE"), index=True)
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEntry(db.Model):
    """A staff action on someone's account or data (verification, role
    change, disabling, export…), readable by administrators. Kept with the
    actor's and the target's pseudonyms as they were, so it survives both."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    target_name: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(String(200))
