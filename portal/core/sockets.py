"""Base class for Socket.IO namespaces: one unit of work per event.

Flask-SocketIO pushes an app and request context for each event; this gives
that event the same commit point as an HTTP request (commit after the
handler, rollback if it raises), so emits queued with ``after_commit`` go out
only for data that was stored.
"""

import functools

from flask_socketio import Namespace

from portal.core.commit import committing
from portal.core.refusal import Refusal


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


class CommittingNamespace(Namespace):
    def trigger_event(self, event, *args):
        handler = getattr(self, "on_" + (event or ""), None)
        if handler is None:
            return None
        # Flask-SocketIO pushes the contexts inside _handle_event: the commit
        # must run inside them too, so it wraps the handler, not this call.
        return self.socketio._handle_event(answering_refusals(committing(handler)), event, self.namespace, *args)
