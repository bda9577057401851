"""What can be done with accounts. Explicit arguments; flush, never commit."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts import audit, names, protection, sessions, tokens
from portal.accounts.models import AgeRange, ProfessionalStatus, Role, User
from portal.accounts.passwords import check_password, hash_password, needs_rehash
from portal.core import signals
from portal.core.mail import queue_mail
from portal.core.refusal import Refusal
from portal.core.text import fold_case
from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.extensions import db

log = logging.getLogger(__name__)


class AccountError(Refusal):
    """An account rule was broken (a :class:`Refusal`: code, field, message)."""


class PseudonymTaken(AccountError):
    code, status = "pseudonym_taken", 409
    field = "pseudonym"
    message = _l("This pseudonym is already taken. Please choose another one.")


class EmailTaken(AccountError):
    code, status = "email_taken", 409
    field = "email"
    message = _l("An account already uses this e-mail address. You can sign in or reset your password.")


class EmailNotAskedUnder15(AccountError):
    code = "email_under_15"
    field = "email"
    message = _l("Under 15, we do not ask for an e-mail address: please leave this field empty.")


class InvalidCredentials(AccountError):
    code, status = "invalid_credentials", 401
    message = _l("The pseudonym, e-mail address or password is not right.")


class ProfessionalPending(AccountError):
    code, status = "professional_pending", 403
    message = _l("Your professional account is waiting for an administrator to verify it. You will receive an e-mail as soon as it is done.")


class ProfessionalRejected(AccountError):
    code, status = "professional_rejected", 403
    message = _l("Your professional account was not accepted. Please contact the CRIJ team.")


class AccountDisabled(AccountError):
    code, status = "account_disabled", 403
    message = _l("This account is disabled. Please contact the CRIJ team.")


TooManyAttempts = protection.TooManyAttempts


def pseudonym_key(pseudonym: str) -> str:
    """"Léa_B" and "lea_b" are the same pseudonym."""
    return fold_case(names.normalized(pseudonym))


def normalize_email(email: str | None) -> str | None:
    email = (email or "").strip()
    if not email:
        return None
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def find_by_login(login: str) -> User | None:
    login = login.strip()
    if "@" in login:
        return db.session.scalar(db.select(User).where(db.func.lower(User.email) == login.lower()))
    return db.session.scalar(db.select(User).where(User.pseudonym_key == pseudonym_key(login)))


def _pseudonym_taken(pseudonym: str) -> bool:
    return db.session.scalar(
        db.select(User.id).where(User.pseudonym_key == pseudonym_key(pseudonym))) is not None


def _check_email_free(email: str | None) -> None:
    if email and db.session.scalar(
        db.select(User.id).where(db.func.lower(User.email) == email.lower())
    ):
        raise EmailTaken()


def _email_taken(email: str | None) -> bool:
    try:
        _check_email_free(email)
    except EmailTaken:
        return True
    return False


def _check_unique(pseudonym: str, email: str | None) -> None:
    if _pseudonym_taken(pseudonym):
        raise PseudonymTaken()
    _check_email_free(email)


def check_new_pseudonym(pseudonym: str, user: User | None = None) -> None:
    """A pseudonym someone chooses: free, and no look-alike of the team or of
    another account (``names.py``)."""
    if _pseudonym_taken(pseudonym) and (user is None or pseudonym_key(pseudonym) != user.pseudonym_key):
        raise PseudonymTaken()
    names.check_pseudonym(pseudonym, user=user)


def _tell_owner_of_taken_email(email: str, locale: str | None) -> None:
    """Someone signed up with an address that has an account: the page says
    nothing (it would tell who is registered); the address's owner is told."""
    queue_mail(email, "accounts/email_in_use", locale=locale,
               login=external_url("accounts.login"),
               reset=external_url("accounts.forgot_password"))


def _new_user(**fields) -> User:
    fields["pseudonym"] = names.normalized(fields["pseudonym"])
    user = User(pseudonym_key=pseudonym_key(fields["pseudonym"]),
                pseudonym_skeleton=names.skeleton(fields["pseudonym"]), **fields)
    db.session.add(user)
    db.session.flush()
    return user


def register_young_person(
    *, pseudonym: str, password: str, age_range: AgeRange, email: str | None = None,
    locale: str | None = None, ip: str | None = None,
) -> User:
    """A young person's account. Under 15 (French age of digital consent)
    only a pseudonym is stored: no e-mail address is accepted. An address
    that already has an account is not stored and not revealed: its owner
    gets an e-mail instead of the confirmation."""
    email = normalize_email(email)
    if age_range == AgeRange.UNDER_15 and email:
        raise EmailNotAskedUnder15()
    check_new_pseudonym(pseudonym)
    protection.count_registration(ip)
    taken = _email_taken(email)
    user = _new_user(pseudonym=pseudonym, password_hash=hash_password(password),
                     role=Role.YOUNG, age_range=age_range, email=None if taken else email,
                     locale=locale)
    if taken:
        _tell_owner_of_taken_email(email, locale)
    elif email:
        send_email_verification(user)
    return user


def _free_pseudonym(base: str) -> str:
    base = base.strip()[:36] or "pro"
    candidate, n = base, 1
    while _pseudonym_taken(candidate) or _shape_taken(candidate):
        n += 1
        candidate = f"{base} {n}"
    return candidate


def _shape_taken(pseudonym: str) -> bool:
    return db.session.scalar(db.select(User.id).where(
        User.pseudonym_skeleton == names.skeleton(pseudonym)).limit(1)) is not None


def register_professional(
    *, full_name: str, email: str, password: str, structure_name: str, job_title: str,
    locale: str | None = None, ip: str | None = None,
) -> User | None:
    """A professional's account waits for an administrator's verification.
    An address that already has an account creates nothing, and the page
    says the same: its owner is told by e-mail (None is returned)."""
    email = normalize_email(email)
    protection.count_registration(ip)
    if _email_taken(email):
        _tell_owner_of_taken_email(email, locale)
        return None
    user = _new_user(
        pseudonym=_free_pseudonym(full_name), password_hash=hash_password(password),
        role=Role.PROFESSIONAL, email=email, full_name=full_name.strip(),
        structure_name=structure_name.strip(), job_title=job_title.strip(),
        professional_status=ProfessionalStatus.PENDING, locale=locale,
    )
    send_email_verification(user)
    return user


def create_staff_user(*, pseudonym: str, password: str, role: str | Role,
                      email: str | None = None, full_name: str | None = None) -> User:
    role = Role(role)
    email = normalize_email(email)
    _check_unique(pseudonym, email)
    fields = {}
    if role == Role.PROFESSIONAL:
        fields = {"professional_status": ProfessionalStatus.VERIFIED, "verified_at": utcnow()}
    return _new_user(pseudonym=pseudonym, password_hash=hash_password(password), role=role,
                     email=email, email_verified_at=utcnow() if email else None,
                     full_name=full_name, **fields)


# --- signing in -------------------------------------------------------------

def authenticate(login: str, password: str, ip: str) -> User:
    """Check the credentials, counting failures (``protection.py``: locks
    the guessing address, slows an account down, never locks its owner
    out); raise an AccountError."""
    protection.check_allowed(login, ip)
    user = find_by_login(login)
    # Checked whether or not the account exists (a dummy hash otherwise):
    # the same work, the same time.
    if not check_password(user.password_hash if user else None, password) or user is None:
        protection.count_failure(login, ip)
        raise InvalidCredentials()
    if not user.is_active:
        raise AccountDisabled()
    if user.is_professional and user.professional_status == ProfessionalStatus.PENDING:
        raise ProfessionalPending()
    if user.is_professional and user.professional_status == ProfessionalStatus.REJECTED:
        raise ProfessionalRejected()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


# --- e-mail verification and password reset ---------------------------------

def send_email_verification(user: User) -> None:
    token = tokens.make_token(tokens.EMAIL_VERIFICATION, user.id, user.email)
    queue_mail(user.email, "accounts/verify_email", locale=user.locale, user=user,
               link=external_url("accounts.verify_email", token=token))


def email_token_user(token: str) -> User:
    """The account an e-mail confirmation link is for (it changes nothing:
    the link's page asks for a click, so a link scanner confirms nothing)."""
    user_id, state = tokens.read_token(tokens.EMAIL_VERIFICATION, token)
    user = db.session.get(User, user_id)
    if user is None or not user.email or tokens.fingerprint(user.email) != state:
        raise tokens.InvalidToken()
    return user


def confirm_email(token: str) -> User:
    user = email_token_user(token)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.flush()
    return user


def request_password_reset(email: str) -> None:
    """Mail a reset link if an account has this address; say nothing either way."""
    user = find_by_login(email) if "@" in (email or "") else None
    if user is None or not user.email or not user.is_active:
        return
    token = tokens.make_token(tokens.PASSWORD_RESET, user.id, user.password_hash)
    queue_mail(user.email, "accounts/reset_password", locale=user.locale, user=user,
               link=external_url("accounts.reset_password", token=token))


def user_for_reset_token(token: str) -> User:
    user_id, state = tokens.read_token(tokens.PASSWORD_RESET, token)
    user = db.session.get(User, user_id)
    if user is None or tokens.fingerprint(user.password_hash) != state:
        raise tokens.InvalidToken()
    return user


def set_password(user: User, password: str) -> None:
    """Also ends every other session of the account (and spent reset links)."""
    user.password_hash = hash_password(password)
    sessions.end_all_sessions(user)
    db.session.flush()


# --- administration ---------------------------------------------------------

def verify_professional(user: User, *, by: User) -> None:
    user.professional_status = ProfessionalStatus.VERIFIED
    user.verified_at = utcnow()
    user.verified_by_id = by.id
    audit.record(by, "professional_verified", user)
    db.session.flush()
    if user.email:
        queue_mail(user.email, "accounts/professional_verified", locale=user.locale, user=user,
                   link=external_url("accounts.login"))


def reject_professional(user: User, *, by: User) -> None:
    user.professional_status = ProfessionalStatus.REJECTED
    user.verified_by_id = by.id
    audit.record(by, "professional_rejected", user)
    db.session.flush()


def set_role(user: User, role: Role, *, by: User) -> None:
    """Rights change at once: the account's sessions end (signed in again,
    it gets the new role's pages; its sockets are dropped)."""
    if user.role != role:
        sessions.end_all_sessions(user)
        audit.record(by, "role_changed", user, f"{user.role.value} → {Role(role).value}")
    user.role = role
    if role == Role.PROFESSIONAL and user.professional_status is None:
        user.professional_status = ProfessionalStatus.VERIFIED
        user.verified_at, user.verified_by_id = utcnow(), by.id
    db.session.flush()


def set_active(user: User, active: bool, *, by: User | None = None) -> None:
    if by is not None and user.is_active_account != active:
        audit.record(by, "account_enabled" if active else "account_disabled", user)
    user.is_active_account = active
    if not active:
        sessions.end_all_sessions(user)
    db.session.flush()


def delete_account(user: User) -> None:
    """Delete the account; other domains detach what it left (signal)."""
    sessions.end_all_sessions(user)
    signals.user_deleted.send(current_app._get_current_object(), user=user)
    db.session.delete(user)
    db.session.flush()


def ensure_demo_accounts(admin: dict) -> None:
    """The demo's staff, all with the demo password (printed by make run)."""
    people = [
        dict(pseudonym=admin["pseudonym"], email=admin["email"], role=Role.ADMIN),
        dict(pseudonym="moderation", email="moderation@passerelle.example", role=Role.MODERATOR),
        dict(pseudonym="redaction", email="redaction@passerelle.example", role=Role.EDITOR),
        dict(pseudonym="animation", email="animation@passerelle.example", role=Role.FACILITATOR),
    ]
    for spec in people:
        if find_by_login(spec["pseudonym"]) is None:
            create_staff_user(password=admin["password"], **spec)
