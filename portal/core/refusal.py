"""One type for an action the rules refuse, whatever the edge that shows it.

An operation raises :class:`Refusal` (a stable ``code`` for programs, the
``field`` it belongs to if any, a whole translated sentence for people, and
the HTTP status it maps to). The edges turn it into their own answer: a form
shows the message beside its field and keeps what was typed
(:func:`show_on_form`), the JSON API answers with the status
``{"code": 409, "status": "Conflict", "error": code, "message", "field"}``
(the same ``code``/``status``/``message`` as every JSON error of the API,
``core/errors.py``), a socket ack answers ``{"ok": false, "error": code,
"message": …}`` (``core/sockets.py``). Each edge does it in one place: a view
catches a refusal only to show it on its form.

Domains subclass it to name their refusals (``class SlotTaken(Refusal)``) or
raise it directly with a code; either way there is one shape to handle.
"""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l


class Refusal(Exception):
    #: A short, stable identifier (``"slot_taken"``, ``"closed"``).
    code: str = "refused"
    #: The form field or API parameter it belongs to, if any.
    field: str | None = None
    #: A whole sentence, lazily translated into the page's language.
    message = _l("This action is not possible.")
    #: What the JSON API answers: 400, 403, 404, 409, 422 or 429.
    status: int = 422

    def __init__(self, code: str | None = None, message=None, *, field: str | None = None,
                 status: int | None = None, **details):
        super().__init__(code or self.code)
        if code is not None:
            self.code = code
        if message is not None:
            self.message = message
        if field is not None:
            self.field = field
        if status is not None:
            self.status = status
        #: Extra facts an edge may show (next free slots, retry-after seconds…).
        self.details = details

    def __str__(self) -> str:
        return str(self.message)

    def as_json(self) -> dict:
        body = {"error": self.code, "message": str(self.message)}
        if self.field:
            body["field"] = self.field
        return body

    def as_ack(self) -> dict:
        return {"ok": False, "error": self.code, "message": str(self.message)}

    @property
    def retry_after(self) -> int | None:
        """Seconds to wait, for a 429 (``Retry-After``)."""
        return self.details.get("retry_after")


def show_on_form(form, refusal: Refusal) -> None:
    """The form edge: the message beside its field when the form has it,
    otherwise at the top of the form (``form_errors`` in macros/forms.html
    shows ``g.form_error``); what was typed stays in the form."""
    field = form[refusal.field] if refusal.field and refusal.field in form else None
    if field is not None:
        field.errors = [*field.errors, refusal.message]
    else:
        g.form_error = refusal.message
