"""Signals through which a lower domain tells higher ones what happened (blinker).

Only where the sender must not know its listeners: accounts, low in the
layers (docs/ARCHITECTURE.md), cannot import chat, forum, booking or the
guide, yet they must detach what a deleted user left; core's socket base
cannot import accounts, which records signed-in sockets. Everywhere else a
domain calls the public surface (``portal.<domain>``) of the one below it.
A signal nobody listens to goes (``user_registered`` and
``professional_verified`` went; tests/test_house_rules.py checks).
"""

from blinker import Namespace

_signals = Namespace()

#: sender: the app; kwargs: ``user``. Sent before the row is deleted, so that
#: chat, forum and booking can detach or anonymise what the user left.
user_deleted = _signals.signal("user-deleted")
#: sender: the app; kwargs: ``sid``, ``namespace``. A signed-in socket
#: connected (its session is the request's); sent inside a unit of work.
socket_connected = _signals.signal("socket-connected")
#: sender: the app; kwargs: ``sid``, ``namespace``. That socket went away.
socket_disconnected = _signals.signal("socket-disconnected")
