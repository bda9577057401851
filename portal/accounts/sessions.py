"""Server-revocable sessions, and the sockets they opened.

Signing in creates an :class:`AccountSession` row; the cookie carries its
random key (only the hash is stored). The user loader (``access.load_user``)
finds the account through that row, so deleting it ends the session at once,
on every process: signing out, a password or role change, disabling, or
"sign out everywhere". A copied cookie then opens nothing.

A signed-in socket is recorded against its session (``core.signals
.socket_connected``); ending the session disconnects each of its sockets
through ``socketio.server.disconnect``, which the Redis message queue carries
to whichever process holds the socket. Every later event re-checks the
account anyway (``core/sockets.py``), so nothing waits on the disconnection.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, has_request_context, session
from flask_login import login_user, logout_user

from portal.accounts.models import AccountSession, AccountSocket, User
from portal.core import signals
from portal.core.commit import after_commit
from portal.core.time import utcnow
from portal.extensions import db, socketio

#: The key in the (signed) cookie session that names the server-side session.
SESSION_KEY = "_account_session"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _lifetime() -> timedelta:
    return timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])


def oldest_valid():
    return utcnow() - _lifetime()


def sign_in(user: User) -> None:
    """A fresh session for ``user`` on this device: nothing set before (by
    anyone) carries over, and a new server-side row backs it."""
    session.clear()
    # Sessions past their lifetime are gone for good; cleared as we pass.
    db.session.execute(db.delete(AccountSession).where(
        AccountSession.user_id == user.id, AccountSession.created_at < oldest_valid()))
    key = secrets.token_urlsafe(32)
    db.session.add(AccountSession(user_id=user.id, key_hash=key_hash(key)))
    db.session.flush()
    login_user(user)
    session[SESSION_KEY] = key


def current_session_id() -> int | None:
    key = session.get(SESSION_KEY) if has_request_context() else None
    if not key:
        return None
    return db.session.scalar(db.select(AccountSession.id).where(
        AccountSession.key_hash == key_hash(key)))


def sign_out() -> None:
    """End this device's session (its row, its sockets) and clear the cookie."""
    if (session_id := current_session_id()) is not None:
        _end(db.select(AccountSession.id).where(AccountSession.id == session_id))
    logout_user()
    session.clear()


def end_all_sessions(user: User) -> None:
    """End every session of ``user`` at once (a device that should stay
    signed in calls :func:`sign_in` again). The version bump also voids any
    cookie made before sessions had rows."""
    user.session_version += 1
    _end(db.select(AccountSession.id).where(AccountSession.user_id == user.id))


def _end(session_ids) -> None:
    sockets = db.session.execute(db.select(AccountSocket.sid, AccountSocket.namespace)
                                 .where(AccountSocket.session_id.in_(session_ids))).all()
    db.session.execute(db.delete(AccountSession).where(AccountSession.id.in_(session_ids)))
    db.session.flush()
    if sockets:
        after_commit(disconnect_sockets, [tuple(s) for s in sockets])


def disconnect_sockets(sockets: list[tuple[str, str]]) -> None:
    """Tell each socket why, then drop it, wherever it is connected (the
    message queue reaches the other processes)."""
    for sid, namespace in sockets:
        socketio.emit("signed_out", {}, to=sid, namespace=namespace)
        socketio.server.disconnect(sid, namespace=namespace)


# --- sockets ---------------------------------------------------------------------

@signals.socket_connected.connect
def _record_socket(sender, sid: str, namespace: str, **_):
    session_id = current_session_id()
    if session_id is not None:
        db.session.merge(AccountSocket(sid=sid, namespace=namespace, session_id=session_id))
        db.session.flush()


@signals.socket_disconnected.connect
def _forget_socket(sender, sid: str, namespace: str, **_):
    db.session.execute(db.delete(AccountSocket).where(
        AccountSocket.sid == sid, AccountSocket.namespace == namespace))
