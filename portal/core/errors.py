"""Error pages and JSON errors.

Pages get a translated page in the site's layout; anything under ``/api/``
gets ``{"code", "status", "message"}`` JSON (a :class:`~portal.core.refusal.Refusal`
adds its name as ``error``, e.g. ``"slot_taken"``, and its ``field``). An unexpected error is logged
with its traceback and shown as a plain 500 page, never the traceback.
"""

import logging

from flask import abort, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from portal.core.commit import rollback
from portal.core.refusal import Refusal

log = logging.getLogger(__name__)


def wants_json() -> bool:
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best == "application/json"
        and not request.accept_mimetypes.accept_html
    )


def _messages():
    # Whole sentences, built per request so they come in the page's language.
    return {
        400: _("The request could not be understood. Please check what you sent."),
        403: _("You do not have access to this page."),
        404: _("This page does not exist or is no longer available."),
        405: _("This action is not possible here."),
        409: _("This conflicts with the current state of the data."),
        413: _("What you sent is too large."),
        422: _("Some of what you sent is not valid."),
        429: _("Too many attempts. Please wait a moment before trying again."),
        500: _("Something went wrong on our side. The team has been told; please try again later."),
    }


def json_error(code: int, message: str, **extra):
    body = {"code": code, "status": HTTP_STATUS_CODES.get(code, ""), "message": message, **extra}
    return make_response(jsonify(body), code)


def handle_http_exception(exc: HTTPException):
    code = exc.code or 500
    message = _messages().get(code) or exc.description
    if wants_json():
        # flask-smorest attaches field errors to 422s: keep them, and keep a
        # specific description ("unknown place 'Lile'") over the generic text.
        detail = getattr(exc, "data", None) or {}
        extra = {"errors": detail["messages"]} if detail.get("messages") else {}
        if code in (400, 404, 409, 422) and exc.description != type(exc).description:
            message = exc.description
        response = json_error(code, message, **extra)
    else:
        response = make_response(
            render_template("errors/error.html", code=code, message=message), code
        )
    retry_after = dict(exc.get_headers()).get("Retry-After")
    if retry_after:
        response.headers["Retry-After"] = retry_after
    return response


def handle_refusal(refusal: Refusal):
    """A refusal no view turned into a form error: under /api/ the JSON
    ``{"code": 409, "status": "Conflict", "error": "slot_taken", "message",
    "field"…}``, elsewhere the error page with its sentence. The status (>= 400)
    makes the commit point roll back."""
    if wants_json():
        response = json_error(refusal.status, **refusal.as_json())
    else:
        response = make_response(render_template(
            "errors/error.html", code=refusal.status, message=str(refusal.message)),
            refusal.status)
    if refusal.retry_after:
        response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    rollback()
    log.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_exception(InternalServerError())


def refuse_nul_bytes():
    """No browser sends NUL characters; PostgreSQL cannot store them. Refuse
    such input with a 400 instead of failing later with a 500."""
    for values in (request.args, request.form):
        if any("\x00" in value for _, value in values.items(multi=True)):
            abort(400)


def init_app(app) -> None:
    app.before_request(refuse_nul_bytes)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Refusal, handle_refusal)
    app.register_error_handler(Exception, handle_unexpected)
