"""The installable web app: its manifest, its service worker, its offline page.

The service worker (``static/js/sw.js``, served at ``/sw.js`` so that it
controls the whole site) keeps three things on the phone:

- the offline page (``/offline``: the help numbers, and the pages read last),
  fetched when the worker installs and again after a change of language;
- the last pages read among those marked readable offline (below), at most
  ``sw.js: PAGES_KEPT``, for anonymous visitors only: nothing of an account,
  a chat or an appointment is ever kept;
- the static files those pages use (fingerprinted, so kept as they are).

A page is readable offline when its view is in :data:`OFFLINE_READABLE`; the
response then carries ``X-Offline-Readable: 1`` and the worker may keep it.
Web push (the alerts issue) adds its ``push`` and ``notificationclick``
listeners to sw.js; ``navigator.serviceWorker.ready`` in the page gives the
registration to subscribe with.
"""

from __future__ import annotations

from flask import current_app, jsonify, render_template, request, send_from_directory
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

#: Views whose pages a visitor may find again offline: public reading only.
OFFLINE_READABLE = frozenset({
    "core.home", "knowledge.index", "knowledge.article", "directory.structure",
    "directory.person", "forum.index", "forum.category", "forum.topic",
})
READABLE_HEADER = "X-Offline-Readable"


def manifest():
    """The web app manifest, in the visitor's language."""
    from portal.core.assets import digest

    def icon(name, size, purpose="any"):
        return {"src": digest.static_url_for("static", filename=f"icons/{name}"),
                "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}

    response = jsonify({
        "name": "Passerelle",
        "short_name": "Passerelle",
        "description": _("Passerelle helps young people aged 13 to 30 find the people and "
                         "information that can help them."),
        "lang": str(get_locale()),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#3a2a8c",
        "icons": [icon("icon-192.png", 192), icon("icon-512.png", 512),
                  icon("icon-maskable-512.png", 512, "maskable")],
    })
    response.mimetype = "application/manifest+json"
    return response


def service_worker():
    response = send_from_directory(current_app.static_folder, "js/sw.js",
                                   mimetype="text/javascript", max_age=0)
    # A new worker must be picked up at once; it controls every page.
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


def offline():
    from portal.safety import help_numbers

    return render_template("core/offline.html", numbers=help_numbers())


def mark_readable(response):
    """``after_request``: tell the service worker which pages it may keep."""
    if (request.endpoint in OFFLINE_READABLE and response.status_code == 200
            and response.mimetype == "text/html" and not current_user.is_authenticated):
        response.headers[READABLE_HEADER] = "1"
    return response
