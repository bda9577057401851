"""Argon2id password hashing (argon2-cffi, its recommended parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
#: Longer is refused by the forms and never hashed: hashing megabytes on
#: every guess would let anyone keep the server busy.
PASSWORD_MAX_LENGTH = 200
# Compared against when the account does not exist, so that a wrong pseudonym
# takes as long as a wrong password and does not reveal who has an account.
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValueError("password too long")
    return _hasher.hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    """Always one Argon2 verification, whether the account exists or not and
    however long the password: the time taken tells nothing."""
    too_long = len(password or "") > PASSWORD_MAX_LENGTH
    try:
        matches = _hasher.verify(password_hash or _DUMMY_HASH,
                                 "" if too_long else password or "")
    except (VerificationError, InvalidHashError):
        return False
    return matches and bool(password_hash) and not too_long


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
