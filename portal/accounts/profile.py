"""Changing one's own account: pseudonym, password, e-mail address, age range.

The same rules as at sign-up (accounts/operations.py): pseudonyms are unique
whatever the case and accents; under 15 no e-mail address is stored; a new
address is used only once confirmed (a new verification e-mail); a new
password signs every other device out. Each change that could hand the
account to someone else (password, e-mail) asks for the current password.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.accounts import names
from portal.accounts import operations as ops
from portal.accounts.models import AgeRange, User
from portal.accounts.passwords import check_password
from portal.extensions import db


class WrongPassword(ops.AccountError):
    code, status = "wrong_password", 403
    field = "current_password"
    message = _l("The password is not right.")


class RemoveEmailFirst(ops.AccountError):
    code = "email_under_15"
    field = "age_range"
    message = _l("Under 15, we do not keep an e-mail address: remove yours first, then change your age range.")


def _check(user: User, password: str) -> None:
    if not check_password(user.password_hash, password or ""):
        raise WrongPassword()


def change_pseudonym(user: User, pseudonym: str) -> None:
    pseudonym = names.normalized(pseudonym)
    ops.check_new_pseudonym(pseudonym, user)
    user.pseudonym, user.pseudonym_key = pseudonym, ops.pseudonym_key(pseudonym)
    user.pseudonym_skeleton = names.skeleton(pseudonym)
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    _check(user, current)
    ops.set_password(user, new)


def change_email(user: User, email: str | None, password: str) -> None:
    """A new address (unconfirmed until its link is followed) or none at all."""
    _check(user, password)
    email = ops.normalize_email(email)
    if email and user.age_range == AgeRange.UNDER_15:
        raise ops.EmailNotAskedUnder15()
    if email == user.email:
        return
    if email and (user.email or "").lower() != email.lower():
        ops._check_email_free(email)
    user.email, user.email_verified_at = email, None
    db.session.flush()
    if email:
        ops.send_email_verification(user)


def change_age_range(user: User, age_range: AgeRange) -> None:
    if age_range == AgeRange.UNDER_15 and user.email:
        raise RemoveEmailFirst()
    user.age_range = age_range
    db.session.flush()
