"""Which territory a request is for: :func:`current_territory`.

By the request's host name: ``PORTAL_TERRITORY_HOSTS`` first, then the
territories' own host names; otherwise (one install per CRIJ, a local
``make run``, a host nobody configured) the first territory.
"""

from __future__ import annotations

from flask import current_app, g, has_request_context, request

from portal.extensions import db
from portal.territories.models import Territory
from portal.territories.settings import configured_hosts


def territory_for_host(host: str | None) -> Territory | None:
    territories = db.session.scalars(db.select(Territory).order_by(Territory.id)).all()
    if not territories:
        return None
    host = (host or "").split(":")[0].lower()
    slug = configured_hosts(current_app.config["TERRITORY_HOSTS"]).get(host)
    if slug:
        for territory in territories:
            if territory.slug == slug:
                return territory
    for territory in territories:
        if host in (territory.hosts or ()):
            return territory
    return territories[0]


def current_territory() -> Territory | None:
    """The territory this request is for (once per request)."""
    if not has_request_context():
        return territory_for_host(None)
    if "territory" not in g:
        g.territory = territory_for_host(request.host)
    return g.territory
