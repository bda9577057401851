"""Bounds on every number, page, id and date a visitor can send.

Out of range, a value would reach the database or the calendar and fail
there (SQLite cannot bind an integer past 2⁶³, PostgreSQL's ``integer``
stops at 2³¹−1, ``date(9999, 12, 31) + 1 day`` overflows): a 500 for what is
the visitor's mistake. Here it is refused first, by one rule per kind of
value, with a :class:`~portal.core.refusal.Refusal` naming the field — a 404
for a path or a page that cannot exist, a 422 for a malformed or
out-of-range parameter, ``{"ok": false, "error": "out_of_range"}`` on a socket.

- URL segments ``<int:…>`` use :class:`BoundedIntConverter` (installed as the
  app's ``int``): past :data:`MAX_ID` the route does not match, so a 404.
- Query parameters are read with :func:`int_arg`, :func:`page_arg`,
  :func:`date_arg`.
- Socket payloads and JSON bodies check ids with :func:`check_id`; a socket
  frame over ``SOCKET_FRAME_LIMIT`` is acknowledged ``too_large`` before the
  socket is dropped (:func:`bound_socket_frames`).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter, ValidationError

from portal.core.refusal import Refusal

#: The largest id of any table: PostgreSQL's ``integer``.
MAX_ID = 2**31 - 1
#: No list of the portal has ten thousand pages; past it, a page is refused.
MAX_PAGE = 10_000
#: Dates anyone may ask for (agenda, slots): far enough either way for any
#: real use, near enough that a week or a month around them stays a date.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2999, 12, 31)

_INTEGER = re.compile(r"-?[0-9]+")
#: Beyond every bound: what a number of more than 19 digits counts as (never parsed).
_BEYOND = 2**64


class OutOfBounds(Refusal):
    code = "out_of_range"
    status = 422

    def __init__(self, field: str, *, status: int | None = None):
        super().__init__(
            message=_l("The value of “%(field)s” is not valid or out of range.", field=field),
            field=field, status=status)

    def as_ack(self) -> dict:
        return {**super().as_ack(), "field": self.field}


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` with a maximum of :data:`MAX_ID` (and never more than ten
    digits read, so a 5,000-digit segment is not even parsed)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str):
        if len(value.lstrip("-")) > len(str(MAX_ID)):
            raise ValidationError()
        return super().to_python(value)


def install_converters(app) -> None:
    """Before any rule is added: every ``<int:…>`` of every blueprint is bounded."""
    app.url_map.converters["int"] = BoundedIntConverter


def parse_int(raw, field: str, *, minimum: int = 0, maximum: int = MAX_ID,
              status: int | None = None) -> int:
    """An integer from text or JSON (never a bool or a float), within bounds."""
    if isinstance(raw, bool):
        raise OutOfBounds(field, status=status)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and _INTEGER.fullmatch(raw.strip()):
        digits = raw.strip()
        value = int(digits) if len(digits.lstrip("-")) <= 19 else (
            -_BEYOND if digits.startswith("-") else _BEYOND)
    else:
        raise OutOfBounds(field, status=status)
    if not minimum <= value <= maximum:
        raise OutOfBounds(field, status=status)
    return value


def int_arg(name: str, default=None, *, minimum: int = 0, maximum: int = MAX_ID):
    """``request.args[name]`` as a bounded integer; ``default`` when absent or empty."""
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    return parse_int(raw, name, minimum=minimum, maximum=maximum)


def page_arg(name: str = "page") -> int:
    """A page number, 1 by default; beyond :data:`MAX_PAGE` there is no such page (404)."""
    value = int_arg(name, 1, minimum=1, maximum=_BEYOND)
    if value > MAX_PAGE:
        raise OutOfBounds(name, status=404)
    return value


def date_arg(name: str, default=None, *, minimum: date = DATE_MIN, maximum: date = DATE_MAX):
    """``request.args[name]`` as a ``YYYY-MM-DD`` date within bounds."""
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = datetime.strptime(raw.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise OutOfBounds(name) from None
    if not minimum <= value <= maximum:
        raise OutOfBounds(name)
    return value


def check_id(raw, field: str) -> int:
    """An id from a socket payload or a JSON body: a positive integer that
    fits the database's ``integer``."""
    return parse_int(raw, field, minimum=1, maximum=MAX_ID)


# --- socket frames --------------------------------------------------------------------

class FrameTooLarge(Refusal):
    code, status = "too_large", 413
    message = _l("This message is too large to be sent.")


#: ``4`` (Engine.IO message) ``2`` (Socket.IO event), the namespace, the ack id.
_EVENT_HEADER = re.compile(r"42(?P<namespace>/[^,\[]*,)?(?P<ack>\d{1,12})?\[")


def too_large_ack(frame: str) -> str | None:
    """The Engine.IO frame acknowledging, with ``too_large``, the event an
    oversized text frame carries (read from its first bytes only), or None
    when it asks for no acknowledgement."""
    match = _EVENT_HEADER.match(frame[:200])
    if match is None or match.group("ack") is None:
        return None
    try:
        body = FrameTooLarge().as_ack()
    except Exception:  # no app context for the translation: the English sentence
        body = {"ok": False, "error": FrameTooLarge.code,
                "message": "This message is too large to be sent."}
    namespace = match.group("namespace") or ""
    return f"43{namespace}{match.group('ack')}{json.dumps([body])}"


class _BoundedWebSocket:
    """Engine.IO's websocket, whose ``wait`` refuses a frame over the limit:
    its event is acknowledged with ``too_large``, then the connection ends
    as if the client had closed it."""

    def __init__(self, ws, limit: int):
        self._ws, self._limit = ws, limit

    def __getattr__(self, name):
        return getattr(self._ws, name)

    def wait(self):
        frame = self._ws.wait()
        if frame is not None and len(frame) > self._limit:
            ack = too_large_ack(frame) if isinstance(frame, str) else None
            if ack is not None:
                try:
                    self._ws.send(ack)
                except OSError:
                    pass
            return None
        return frame


def bound_socket_frames(socketio, limit: int) -> None:
    """Refuse Socket.IO frames over ``limit`` characters with an error ack
    before dropping the socket (Engine.IO alone drops it without a word)."""
    eio = socketio.server.eio
    websocket_class = eio._async["websocket"]
    if websocket_class is None or getattr(websocket_class, "bounded", False):
        return

    def bounded(handler, server, **kwargs):
        return websocket_class(lambda ws: handler(_BoundedWebSocket(ws, limit)), server, **kwargs)

    bounded.bounded = True
    eio._async = {**eio._async, "websocket": bounded}
