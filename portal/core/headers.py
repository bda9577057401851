"""Security headers on every response, set by Flask-Talisman.

- **Content-Security-Policy**: scripts, styles, fonts, frames and connections
  from this origin only; no inline script or style unless it carries the
  request's nonce (``{{ csp_nonce() }}`` in a template); images also from the
  map tiles' origin, which comes from ``MAP_TILES_URL`` so that a deployment
  changing its tiles changes the policy with them; ``frame-ancestors 'none'``
  (no other site frames a page to trick a young person into clicking).
- ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` for browsers
  without CSP level 2, ``Referrer-Policy: strict-origin-when-cross-origin``
  (a link to a partner's site never tells it which guide entry or forum
  topic the reader came from).
- **Permissions-Policy**: every powerful feature off; geolocation only on
  the pages that ask for it (``ask_for_geolocation``, the guide's search).
- **HSTS** only on responses served over HTTPS (Talisman checks the
  request): a local ``make run`` over HTTP is never pinned to HTTPS.

Static files are served by WhiteNoise in front of Flask (core/assets.py): they
get ``nosniff`` through :func:`static_headers`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask_talisman import Talisman

#: Features no page of the portal uses; geolocation is allowed per page.
PERMISSIONS_POLICY = {
    feature: "()"
    for feature in ("accelerometer", "autoplay", "camera", "display-capture", "geolocation",
                    "gyroscope", "magnetometer", "microphone", "midi", "payment",
                    "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
                    "xr-spatial-tracking")
}

PLACEHOLDER = re.compile(r"\{[^}]*\}")


def tiles_source(url: str | None) -> str | None:
    """The CSP source of a tile URL template: ``https://{s}.tile.example/{z}/…``
    gives ``https://*.tile.example`` (a placeholder in the host stands for
    any subdomain); a relative URL is this origin already."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = host.split(".")
    # CSP allows a wildcard only as the leftmost label.
    if any(PLACEHOLDER.search(label) for label in labels[1:]):
        raise ValueError(f"MAP_TILES_URL: a placeholder is allowed only in the first label "
                         f"of the host ({url})")
    if PLACEHOLDER.search(labels[0]):
        labels[0] = "*"
    return f"{parts.scheme}://{'.'.join(labels)}"


def content_security_policy(app) -> dict:
    images = ["'self'", "data:"]
    if (tiles := tiles_source(app.config["MAP_TILES_URL"])) is not None:
        images.append(tiles)
    return {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": " ".join(images),
        "font-src": "'self'",
        # 'self' covers the Socket.IO websocket of the same host (CSP level 3).
        "connect-src": "'self'",
        "manifest-src": "'self'",
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def init_app(app) -> None:
    # One Talisman per app: it keeps its settings on itself, so a shared
    # instance would give every app the policy of the last one made.
    app.extensions["talisman"] = Talisman(
        app,
        # Behind the operator's TLS proxy; the portal never redirects itself.
        force_https=False,
        # The session interface already marks the cookie Secure over HTTPS
        # (portal.SessionInterface); Talisman would force it on plain HTTP too.
        session_cookie_secure=False,
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
        content_security_policy=content_security_policy(app),
        content_security_policy_nonce_in=["script-src", "style-src"],
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy=PERMISSIONS_POLICY,
        feature_policy={},
        document_policy={},
        strict_transport_security=True,
        strict_transport_security_max_age=app.config["HSTS_MAX_AGE"],
        # Other hosts of the operator's domain may not speak HTTPS.
        strict_transport_security_include_subdomains=False,
    )


def ask_for_geolocation(app, endpoint: str) -> None:
    """Let the page of ``endpoint`` ask for the visitor's position (same
    origin only); every other page keeps ``geolocation=()``."""
    app.view_functions[endpoint].talisman_view_options = {
        "permissions_policy": {**PERMISSIONS_POLICY, "geolocation": "(self)"},
    }


def static_headers(headers, path: str, url: str) -> None:
    """WhiteNoise's hook: static files are never sniffed into another type."""
    headers["X-Content-Type-Options"] = "nosniff"
