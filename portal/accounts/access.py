"""Who may do what: decorators and the Flask-Login user loader."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from portal.accounts.models import Role, User
from portal.extensions import db, login_manager


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # A stale version means the password changed or the account was disabled.
    if user is None or str(user.session_version) != version or not user.is_active:
        return None
    return user


def role_required(*roles: Role):
    """Signed in with one of ``roles`` (administrators pass every check)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


admin_required = role_required(Role.ADMIN)
