"""What goes over the wire: compressed responses and long-lived static files.

Three well-kept libraries, each doing one thing:

- **Flask-Static-Digest** fingerprints the static files at build time
  (``flask digest compile``, run by ``make assets``): ``css/portal.css`` gets
  a copy ``css/portal-<md5>.css``, with ``.gz`` and ``.br`` beside it, listed
  in ``static/cache_manifest.json``. Templates write
  ``static_url_for('static', filename=…)``, which gives the fingerprinted
  name (or the plain one when nothing was compiled).
- **WhiteNoise** serves ``/static/`` in front of Flask: the precompressed
  variant the browser accepts, and for a fingerprinted name ``Cache-Control:
  max-age=315360000, public, immutable`` — a phone keeps it until the file
  changes, which changes its name. Plain names get a minute.
- **Flask-Compress** compresses what the views send (HTML, JSON, the
  manifest, the service worker), zstd, Brotli or gzip as the browser accepts.
  Responses that already carry a ``Content-Encoding`` are left alone: the
  forum's page cache (``core/page_cache.py``) stores its pages gzipped once and
  sends those bytes as they are, so a cached page is never compressed twice.

Compressing pages that hold a CSRF token next to text from the request is
what BREACH exploits; the session cookie is ``SameSite=Lax``, so another site
cannot make a browser fetch those pages with its session, which the attack
needs.
"""

from __future__ import annotations

import re

from flask_compress import Compress
from flask_static_digest import FlaskStaticDigest
from whitenoise import WhiteNoise

from portal.core import headers

#: Flask-Static-Digest's names: ``name-<32 hex digits>.ext``.
FINGERPRINTED = re.compile(r"-[0-9a-f]{32}\.[^/]+$")


compress = Compress()
digest = FlaskStaticDigest()


def _fingerprinted(path: str, url: str) -> bool:
    return bool(FINGERPRINTED.search(url))


def init_app(app) -> None:
    # What is compressed, and how, are settings (COMPRESS_*, config.py).
    compress.init_app(app)
    digest.init_app(app)
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder,
                              prefix=app.static_url_path.strip("/") + "/",
                              immutable_file_test=_fingerprinted, max_age=60,
                              add_headers_function=headers.static_headers)
