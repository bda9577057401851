"""Base class for Socket.IO namespaces: one unit of work per event, and the
account re-checked at every event.

Flask-SocketIO pushes an app and request context for each event; this gives
that event the same commit point as an HTTP request (commit after the
handler, rollback if it raises), so emits queued with ``after_commit`` go out
only for data that was stored.

A socket opened by a signed-in session is rechecked at each event
(:func:`account_checked`): Flask-Login's user is loaded again from the
server-side session, so rights are never remembered from the connection. If
the session has ended — signed out, password or role changed, account
disabled — the event is refused with ``signed_out`` and the socket dropped.
"""

import functools

from flask import current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_socketio import Namespace, disconnect

from portal.core import signals
from portal.core.commit import committing
from portal.core.refusal import Refusal


class SignedOut(Refusal):
    code, status = "signed_out", 401
    message = _l("You have been signed out. Please sign in again.")


def answering_refusals(handler):
    """The socket edge: a refusal (already rolled back by ``committing``)
    becomes the acknowledgement ``{"ok": false, "error", "message"}``."""

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Refusal as refusal:
            return refusal.as_ack()

    return wrapper


def _session_ended() -> bool:
    # The handshake's cookie named an account that no longer loads.
    return "_user_id" in session and not current_user.is_authenticated


def account_checked(event: str, namespace: str, handler):
    """Wrap every handler of a namespace: the user is loaded afresh for this
    event; a socket whose session ended is refused and dropped; a signed-in
    socket is recorded on connect (``socket_connected``) and forgotten on
    disconnect, so that ending its session can reach it."""

    @functools.wraps(handler)
    def wrapper(*args):
        g.pop("_login_user", None)  # never the user of an earlier event
        app = current_app._get_current_object()
        if event == "disconnect":
            try:
                return handler(*args)
            finally:
                if "_user_id" in session:
                    committing(signals.socket_disconnected.send)(
                        app, sid=request.sid, namespace=namespace)
        if _session_ended():
            if event == "connect":
                return False
            disconnect()
            return SignedOut().as_ack()
        result = handler(*args)
        if event == "connect" and result is not False and current_user.is_authenticated:
            committing(signals.socket_connected.send)(app, sid=request.sid, namespace=namespace)
        return result

    return wrapper


class CommittingNamespace(Namespace):
    def trigger_event(self, event, *args):
        handler = getattr(self, "on_" + (event or ""), None)
        if handler is None:
            return None
        # Flask-SocketIO pushes the contexts inside _handle_event: the commit
        # must run inside them too, so it wraps the handler, not this call.
        return self.socketio._handle_event(
            account_checked(event, self.namespace, self.wrap_handler(handler)),
            event, self.namespace, *args)

    def wrap_handler(self, handler):
        """One unit of work per event; a namespace whose handlers commit
        themselves (chat's ``unit_of_work``) returns the handler as it is."""
        return answering_refusals(committing(handler))
