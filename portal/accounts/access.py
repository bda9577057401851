"""Who may do what: one check per kind of actor, and the Flask-Login user loader.

Every domain asks these functions, never ``user.role`` itself, so that a rule
(and its later scoping by territory) changes in one place. Each takes the user
(``current_user`` or a loaded :class:`User`; anonymous users and ``None`` are
refused) and, for per-object checks, the object; objects are read by their
attributes (``person.user_id``, ``structure.persons``), so this module imports
no domain above accounts.

- staff roles: :func:`has_role` (administrators hold every role),
  :func:`is_moderator`, :func:`is_editor`, :func:`is_admin`, and
  :func:`holders_of`, the same rule as a query condition;
- young people: :func:`is_young` (signed in with a young person's account);
- professionals: :func:`is_professional` (verified, or an administrator: may
  answer chats, take appointments, edit the guide), :func:`may_act_for_person`
  (this guide entry is theirs), :func:`may_edit_structure` and
  :func:`holds_structure_right` (they hold the right to edit their structure's
  entry, and supervise its chats);
- decorators for views: :func:`role_required`, :data:`admin_required`,
  :func:`professional_required`.
"""

from functools import wraps

from flask import abort, session
from flask_login import current_user, login_required

from portal.accounts.models import AccountSession, Role, User
from portal.accounts.sessions import SESSION_KEY, key_hash, oldest_valid
from portal.extensions import db, login_manager


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The account of this request's session, if the session still exists
    on the server (``sessions.py``): one query, per request and per socket
    event, so a revoked session or a disabled account stops at once."""
    user_id, _, version = session_id.partition(":")
    key = session.get(SESSION_KEY)
    if not user_id.isdigit() or not isinstance(key, str):
        return None
    user = db.session.scalar(
        db.select(User).join(AccountSession, AccountSession.user_id == User.id)
        .where(User.id == int(user_id), AccountSession.key_hash == key_hash(key),
               AccountSession.created_at > oldest_valid()))
    # A stale version means the password changed or the account was disabled.
    if user is None or str(user.session_version) != version or not user.is_active:
        return None
    return user


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- staff roles -------------------------------------------------------------

def has_role(user, *roles: Role) -> bool:
    """Signed in with one of ``roles`` (administrators hold every role)."""
    return _signed_in(user) and user.has_role(*roles)


def holders_of(*roles: Role):
    """The same rule as :func:`has_role` as a query condition on ``User``:
    the active accounts holding one of ``roles`` (or administrators)."""
    return User.role.in_({*roles, Role.ADMIN}) & User.is_active_account.is_(True)


def is_admin(user) -> bool:
    return _signed_in(user) and user.role == Role.ADMIN


def is_moderator(user) -> bool:
    return has_role(user, Role.MODERATOR)


def is_editor(user) -> bool:
    return has_role(user, Role.EDITOR)


# --- young people -------------------------------------------------------------

def is_young(user) -> bool:
    """Signed in with a young person's account (appointments and chats are
    then linked to it)."""
    return _signed_in(user) and user.role == Role.YOUNG


# --- professionals -----------------------------------------------------------

def is_professional(user) -> bool:
    """May work as a professional: verified by an administrator (or is one)."""
    return _signed_in(user) and (user.is_verified_professional or user.role == Role.ADMIN)


def may_act_for_person(user, person) -> bool:
    """This guide entry (a directory Person) is the user's own: they edit it,
    take its appointments, read its agenda. Administrators act for anyone."""
    if person is None or not _signed_in(user):
        return False
    return user.role == Role.ADMIN or (
        user.is_verified_professional and person.user_id == user.id)


def holds_structure_right(user, person) -> bool:
    """Through this guide entry of theirs, the user holds the right to edit
    (and supervise the chats of) its structure; administrators always do."""
    if not _signed_in(user):
        return False
    return user.role == Role.ADMIN or (
        person is not None and may_act_for_person(user, person) and person.can_edit_structure)


def may_edit_structure(user, structure) -> bool:
    """The user is a verified professional of this structure holding the right
    to edit its entry (``Person.can_edit_structure``), or an administrator."""
    if structure is None or not _signed_in(user):
        return False
    return user.role == Role.ADMIN or any(
        holds_structure_right(user, p) for p in structure.persons)


# --- view decorators -----------------------------------------------------------

def role_required(*roles: Role):
    """Signed in with one of ``roles`` (administrators pass every check)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not has_role(current_user, *roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


admin_required = role_required(Role.ADMIN)


def professional_required(view):
    """Signed in as a professional who may work (:func:`is_professional`)."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not is_professional(current_user):
            abort(403)
        return view(*args, **kwargs)

    return wrapper
