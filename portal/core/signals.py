"""Signals through which domains tell each other what happened (blinker).

A domain sends; others subscribe in their own module, so no domain imports
another's internals.
"""

from blinker import Namespace

_signals = Namespace()

#: sender: the app; kwargs: ``user``. Sent inside the transaction.
user_registered = _signals.signal("user-registered")
#: sender: the app; kwargs: ``user``, ``by``. A professional was verified.
professional_verified = _signals.signal("professional-verified")
#: sender: the app; kwargs: ``user``. Sent before the row is deleted, so that
#: chat, forum and booking can detach or anonymise what the user left.
user_deleted = _signals.signal("user-deleted")
#: sender: the app; kwargs: ``sid``, ``namespace``. A signed-in socket
#: connected (its session is the request's); sent inside a unit of work.
socket_connected = _signals.signal("socket-connected")
#: sender: the app; kwargs: ``sid``, ``namespace``. That socket went away.
socket_disconnected = _signals.signal("socket-disconnected")
