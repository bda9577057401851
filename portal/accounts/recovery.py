"""Recovery codes: the way back into an account that has no e-mail address.

Under 15 no e-mail is asked, and older young people may give none: a forgotten
password would lose the account for good. At sign-up such an account gets
CODES one-time codes, shown once; each opens the account once to choose a new
password (only their SHA-256 is stored: each code carries 50 random
bits, so a fast hash is enough, and a slow one would make checking ten of them
slow). Signed in, the person can make a new set, which replaces the old one.
Trying codes counts as failed sign-ins (the same limits per account and per
address).
"""

from __future__ import annotations

import hashlib
import secrets

from flask_babel import lazy_gettext as _l

from portal.accounts import operations as ops
from portal.accounts import protection
from portal.accounts.models import RecoveryCode, User
from portal.core.time import utcnow
from portal.extensions import db

CODES = 8
#: Unambiguous letters and digits (no 0/O, 1/I/L): read from paper, typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10  # 31**10 ≈ 2**50


class InvalidRecoveryCode(ops.AccountError):
    code, status = "invalid_recovery_code", 401
    field = "code"
    message = _l("This pseudonym and code do not match, or the code was already used.")


def _hash(code: str) -> str:
    return hashlib.sha256(normalize(code).encode()).hexdigest()


def normalize(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


def formatted(code: str) -> str:
    """ "ABCDE-FGHJK": easier to copy out."""
    return f"{code[:5]}-{code[5:]}"


def new_codes(user: User) -> list[str]:
    """A new set of codes for ``user`` (the old set stops working); the codes
    in clear, to show once."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(c)) for c in codes)
    db.session.flush()
    return [formatted(c) for c in codes]


def codes_left(user: User) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def recover(pseudonym: str, code: str, new_password: str, ip: str) -> User:
    """Spend one code of ``pseudonym``'s account to set a new password (which
    also signs every other device out)."""
    protection.check_allowed(pseudonym, ip)
    user = ops.find_by_login(pseudonym) if "@" not in (pseudonym or "") else None
    found = None
    if user is not None and user.is_active:
        found = db.session.scalar(db.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None)))
    if found is None:
        protection.count_failure(pseudonym, ip)
        raise InvalidRecoveryCode()
    found.used_at = utcnow()
    ops.set_password(user, new_password)
    return user
