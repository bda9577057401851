"""Base class for Socket.IO namespaces: one unit of work per event.

Flask-SocketIO pushes an app and request context for each event; this gives
that event the same commit point as an HTTP request (commit after the
handler, rollback if it raises), so emits queued with ``after_commit`` go out
only for data that was stored.
"""

from flask_socketio import Namespace

from portal.core.commit import commit, rollback


class CommittingNamespace(Namespace):
    def trigger_event(self, event, *args):
        try:
            result = super().trigger_event(event, *args)
        except BaseException:
            rollback()
            raise
        commit()
        return result
