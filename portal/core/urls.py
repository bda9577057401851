"""Absolute addresses for links that leave the site (e-mails, calendar files, feeds).

One rule, in a request or not (reminders and digests run in tasks, with no
request to copy a host from): ``PORTAL_BASE_URL`` wins, so that every link a
deployment sends names its public address; without it a request's own host is
used, and outside a request the local server (``LOCAL_URL``, ``make run``'s).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, *, _anchor: str | None = None, **values) -> str:
    base = current_app.config["BASE_URL"]
    if not base and has_request_context():
        return url_for(endpoint, _external=True, _anchor=_anchor, **values)
    parts = urlsplit(base or current_app.config["LOCAL_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme or "https")
    url = adapter.build(endpoint, values, force_external=True)
    return url + "#" + quote(_anchor, safe="=&/?") if _anchor else url
