"""Whole pages for anonymous readers, keyed by what they show.

Most forum readers are anonymous, and they all see the same page for the same
state of a topic. A view decorated with :func:`cached_for_anonymous` names
that state with a cheap *version* (one indexed query: a topic's
``updated_at`` and counters, say); the rendered page is kept under (path with
query string, language, version) and served again until the version changes.
Nothing is ever invalidated by hand: a changed row changes the version every
process reads, so no process can serve a stale page.

The pages are gzipped files in the instance folder (``PageStore``): every
worker process of a machine shares them, and they survive a restart — a page
is rendered once per change, not once per process and per deployment. Pages
of older versions are simply never asked for again; the oldest files go once
the folder passes its size.

What is never cached or never served from the cache:

- anything but a GET/HEAD by an anonymous visitor whose session holds nothing
  a page would consume (a flashed message, a pending notice);
- a response other than 200 HTML, or one whose rendering changed the session
  or generated a CSRF token (the page holds a form tied to one visitor).

Each page also gets an ``ETag`` derived from its key, and ``Cache-Control:
no-cache``: a phone revalidates and gets a body-less 304 while the page is
unchanged; a browser that accepts gzip gets the stored bytes as they are.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import threading
import uuid
from collections.abc import Callable, Hashable
from pathlib import Path

from flask import current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user

log = logging.getLogger(__name__)

#: Session keys that no page consumes: a visitor carrying only these still
#: sees the shared page.
INERT_SESSION_KEYS = frozenset({"csrf_token", "_permanent", "_fresh", "_id"})
EXTENSION_KEY = "portal.page_cache"
#: A topic page of 16 kB takes 2 kB gzipped; level 1 compresses it in ~0.1 ms.
GZIP_LEVEL = 1


class PageStore:
    """Gzipped pages as files ``<folder>/<ab>/<etag>.gz``, written atomically
    (a reader sees the whole old file or the whole new one). Past
    ``max_bytes``, the least recently written files go, down to 80 %: a
    sweep reads the whole folder, so a process sweeps only after writing a
    fifth of the size itself (about 25,000 pages at 256 MB), and the folder
    may pass its size by that much meanwhile."""

    #: A sweep leaves the folder at this share of its size.
    SWEEP_TO = 0.8

    def __init__(self, folder: Path, max_bytes: int):
        self.folder, self.max_bytes = Path(folder), max_bytes
        self._written = 0  # bytes this process wrote since its last sweep
        self._lock = threading.Lock()

    def _path(self, etag: str) -> Path:
        return self.folder / etag[:2] / f"{etag}.gz"

    def get(self, etag: str) -> bytes | None:
        try:
            with open(self._path(etag), "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            return None

    def put(self, etag: str, gzipped: bytes) -> None:
        path = self._path(etag)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{etag}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
            tmp.write_bytes(gzipped)
            os.replace(tmp, path)
        except OSError:
            # A full or read-only disk costs a render per view, nothing more.
            log.warning("page cache: could not write %s", path, exc_info=True)
            return
        with self._lock:
            self._written += len(gzipped)
            sweep = self._written >= self.max_bytes * (1 - self.SWEEP_TO)
            if sweep:
                self._written = 0
        if sweep:
            self.sweep()

    def sweep(self) -> int:
        """Delete the oldest pages while the folder is over its size; the
        number deleted (another process may sweep at the same time: files
        already gone are skipped)."""
        files = []
        for entry in self._entries():
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            files.append((stat.st_mtime, stat.st_size, entry.path))
        total = sum(size for _, size, _ in files)
        if total <= self.max_bytes:
            return 0
        deleted = 0
        for _, size, path in sorted(files):
            if total <= self.max_bytes * self.SWEEP_TO:
                break
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            total -= size
            deleted += 1
        return deleted

    def _entries(self):
        if not self.folder.is_dir():
            return
        for sub in os.scandir(self.folder):
            if sub.is_dir():
                yield from (e for e in os.scandir(sub.path) if e.name.endswith(".gz"))

    def size(self) -> tuple[int, int]:
        """(pages, bytes) in the folder."""
        pages = total = 0
        for entry in self._entries():
            try:
                total += entry.stat().st_size
                pages += 1
            except FileNotFoundError:
                pass
        return pages, total


def init_app(app) -> None:
    """``PAGE_CACHE_MB`` (``PORTAL_PAGE_CACHE_MB``, default 256): the size of
    the folder of gzipped pages (``instance/page_cache``, about 100,000 topic
    pages); 0 turns the cache off."""
    megabytes = app.config["PAGE_CACHE_MB"]
    folder = Path(app.config["PAGE_CACHE_DIR"])
    app.extensions[EXTENSION_KEY] = PageStore(folder, int(megabytes * 1024 * 1024)) if megabytes else None


def store() -> PageStore | None:
    return current_app.extensions.get(EXTENSION_KEY)


def cached_for_anonymous(version: Callable[..., Hashable | None]) -> Callable:
    """Cache a view's page for anonymous readers. ``version(**view_args)``
    returns what the page shows as a hashable value of plain types, or None
    to render the view as usual (a missing object: the view answers 404)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(**view_args):
            pages = store()
            if pages is None or not _shared_page():
                return view(**view_args)
            state = version(**view_args)
            if state is None:
                return view(**view_args)
            etag = _etag((request.endpoint, request.full_path, str(get_locale()), state))
            if request.if_none_match.contains(etag):
                return _mark(make_response("", 304), etag)
            found = pages.get(etag)
            if found is not None:
                return _respond(found, etag)
            response = make_response(view(**view_args))
            if not _storable(response):
                return response
            gzipped = gzip.compress(response.get_data(), GZIP_LEVEL, mtime=0)
            pages.put(etag, gzipped)
            # The stored bytes, as every later reader gets them: one encoding
            # and one ETag per page (core/assets.py compresses the rest).
            return _respond(gzipped, etag)

        return wrapper

    return decorate


def _shared_page() -> bool:
    if request.method not in ("GET", "HEAD") or current_user.is_authenticated:
        return False
    return set(session.keys()) <= INERT_SESSION_KEYS


def _storable(response) -> bool:
    csrf_field = current_app.config["WTF_CSRF_FIELD_NAME"]
    return (response.status_code == 200 and response.mimetype == "text/html"
            and not response.direct_passthrough and not session.modified
            and csrf_field not in g)


def _etag(key: tuple) -> str:
    # The version holds plain values (ids, counters, datetimes), whose repr
    # is the same in every process.
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


def _mark(response, etag: str):
    response.set_etag(etag)
    # Revalidate every time (the page may change any moment); the page
    # differs by language, visitor and encoding: a shared cache must not hand
    # it to a signed-in user.
    response.headers["Cache-Control"] = "no-cache"
    response.vary.update(("Cookie", "Accept-Language", "Accept-Encoding"))
    return response


def _respond(gzipped: bytes, etag: str):
    if "gzip" in request.accept_encodings:
        response = make_response(gzipped)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = make_response(gzip.decompress(gzipped))
    response.mimetype = "text/html"
    return _mark(response, etag)
