"""What can be done with accounts. Explicit arguments; flush, never commit."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts import sessions, tokens
from portal.accounts.models import AgeRange, ProfessionalStatus, Role, User
from portal.accounts.passwords import check_password, hash_password, needs_rehash
from portal.core import limits, signals
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


class TooManyAttempts(AccountError):
    code, status = "too_many_attempts", 429
    message = _l("Too many failed attempts. Please wait before trying again.")

    def __init__(self, retry_after: int):
        super().__init__(retry_after=retry_after)


def pseudonym_key(pseudonym: str) -> str:
    """"Léa_B" and "lea_b" are the same pseudonym."""
    return fold_case(pseudonym.strip())


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


def _check_unique(pseudonym: str, email: str | None) -> None:
    if _pseudonym_taken(pseudonym):
        raise PseudonymTaken()
    _check_email_free(email)


def _new_user(**fields) -> User:
    user = User(pseudonym_key=pseudonym_key(fields["pseudonym"]), **fields)
    db.session.add(user)
    db.session.flush()
    signals.user_registered.send(current_app._get_current_object(), user=user)
    return user


def register_young_person(
    *, pseudonym: str, password: str, age_range: AgeRange, email: str | None = None,
    locale: str | None = None,
) -> User:
    """A young person's account. Under 15 (French age of digital consent)
    only a pseudonym is stored: no e-mail address is accepted."""
    email = normalize_email(email)
    if age_range == AgeRange.UNDER_15 and email:
        raise EmailNotAskedUnder15()
    _check_unique(pseudonym, email)
    user = _new_user(pseudonym=pseudonym.strip(), password_hash=hash_password(password),
                     role=Role.YOUNG, age_range=age_range, email=email, locale=locale)
    if email:
        send_email_verification(user)
    return user


def _free_pseudonym(base: str) -> str:
    base = base.strip()[:36] or "pro"
    candidate, n = base, 1
    while _pseudonym_taken(candidate):
        n += 1
        candidate = f"{base} {n}"
    return candidate


def register_professional(
    *, full_name: str, email: str, password: str, structure_name: str, job_title: str,
    locale: str | None = None,
) -> User:
    """A professional's account waits for an administrator's verification."""
    email = normalize_email(email)
    _check_email_free(email)  # the pseudonym is derived from the name, made free below
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

def _throttle_keys(login: str, ip: str) -> list[tuple[str, str]]:
    # Per account and per address: guessing one account from many addresses,
    # or many accounts from one address, are both stopped.
    return [("account", pseudonym_key(login)), ("ip", ip or "unknown")]


def _retry_after(login: str, ip: str) -> int | None:
    waits = [limits.retry_after("LOGIN_FAILURE_LIMIT", *key) for key in _throttle_keys(login, ip)]
    return max((w for w in waits if w), default=None)


def _count_failure(login: str, ip: str) -> None:
    for key in _throttle_keys(login, ip):
        limits.hit("LOGIN_FAILURE_LIMIT", *key)


def authenticate(login: str, password: str, ip: str) -> User:
    """Check the credentials, counting failures; raise an AccountError."""
    retry_after = _retry_after(login, ip)
    if retry_after:
        raise TooManyAttempts(retry_after)
    user = find_by_login(login)
    if user is None or not check_password(user.password_hash if user else None, password):
        _count_failure(login, ip)
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


def confirm_email(token: str) -> User:
    user_id, state = tokens.read_token(tokens.EMAIL_VERIFICATION, token)
    user = db.session.get(User, user_id)
    if user is None or not user.email or tokens.fingerprint(user.email) != state:
        raise tokens.InvalidToken()
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
    db.session.flush()
    signals.professional_verified.send(current_app._get_current_object(), user=user, by=by)
    if user.email:
        queue_mail(user.email, "accounts/professional_verified", locale=user.locale, user=user,
                   link=external_url("accounts.login"))


def reject_professional(user: User, *, by: User) -> None:
    user.professional_status = ProfessionalStatus.REJECTED
    user.verified_by_id = by.id
    db.session.flush()


def set_role(user: User, role: Role, *, by: User) -> None:
    """Rights change at once: the account's sessions end (signed in again,
    it gets the new role's pages; its sockets are dropped)."""
    if user.role != role:
        sessions.end_all_sessions(user)
    user.role = role
    if role == Role.PROFESSIONAL and user.professional_status is None:
        user.professional_status = ProfessionalStatus.VERIFIED
        user.verified_at, user.verified_by_id = utcnow(), by.id
    db.session.flush()


def set_active(user: User, active: bool) -> None:
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
