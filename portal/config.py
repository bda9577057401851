"""Settings from ``PORTAL_*`` environment variables, with embedded defaults.

This is the one home of every setting's default: code reads
``current_app.config[NAME]`` and never carries a fallback of its own, so a
default is changed here and nowhere else (a test or a deployment overrides it
through ``create_app(config)``).

Nothing here runs at import time: :func:`load_config` is called by the app
factory, so tests and CLI commands can build an app with other settings.
The embedded default keeps everything under one instance folder (SQLite
database, Whoosh index, task queue, outgoing mail), so the portal runs with
nothing installed beyond Python and Node.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import click

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCALE = "fr"
LOCALES = ("fr", "en", "nl")
#: PostgreSQL connections per gevent server process (PORTAL_DATABASE_POOL_SIZE).
GEVENT_POOL_SIZE = 4


class InstanceFolderError(click.ClickException):
    """A one-line explanation: the ``flask`` command prints ``Error: …`` and
    exits with status 1 (``make run`` stops there), never a traceback."""


def check_instance_dir(path: Path, *, create: bool) -> None:
    """The instance folder must exist and be writable before anything is
    kept there. Only the default folder of a checkout is made on first
    start: a PORTAL_INSTANCE_DIR that is missing is more likely a typo or an
    unmounted volume, and recreating it would start an empty portal (and
    seed a demo) over the real one."""
    try:
        exists = path.exists()
    except OSError as exc:  # a parent this user may not enter
        raise InstanceFolderError(
            f"The instance folder {path} cannot be reached ({exc.strerror or exc}): make it and "
            f"its parents accessible to this user, or set PORTAL_INSTANCE_DIR.") from None
    if not exists:
        if create:
            path.mkdir(parents=True, exist_ok=True)
            return
        raise InstanceFolderError(
            f"The instance folder {path} does not exist: create it (mkdir -p {path}) for a "
            f"new portal, or set PORTAL_INSTANCE_DIR to the folder that holds this portal's data.")
    if not path.is_dir():
        raise InstanceFolderError(f"The instance folder {path} is not a folder: set "
                                  f"PORTAL_INSTANCE_DIR to a folder.")
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise InstanceFolderError(
            f"The instance folder {path} cannot be written ({exc.strerror or exc}): the portal "
            f"keeps its database, search index, task queue and outgoing mail there. Make it "
            f"writable for this user, or set PORTAL_INSTANCE_DIR to another folder.") from None


def instance_dir_from_env(environ=os.environ) -> Path:
    raw = environ.get("PORTAL_INSTANCE_DIR") or str(PROJECT_ROOT / "instance")
    return Path(raw).expanduser().resolve()


def _secret_key(instance_dir: Path) -> str:
    """Read the key generated on first start, or make and keep one.

    Keeping it in the instance folder means sessions survive a restart without
    anyone having to invent a secret, and no secret ever sits in the repository.
    """
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def mail_settings(url: str | None) -> dict:
    """Turn ``PORTAL_MAIL_URL`` (smtp://user:pass@host:port, smtps://…,
    ``?starttls=1``) into Flask-Mailman settings; without one, mail is written
    as .eml files to the outbox folder."""
    if not url:
        return {"MAIL_BACKEND": "portal.core.mail.OutboxEmailBackend"}
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    ssl = parsed.scheme == "smtps"
    return {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": parsed.hostname or "localhost",
        "MAIL_PORT": parsed.port or (465 if ssl else 25),
        "MAIL_USERNAME": unquote(parsed.username) if parsed.username else None,
        "MAIL_PASSWORD": unquote(parsed.password) if parsed.password else None,
        "MAIL_USE_SSL": ssl,
        "MAIL_USE_TLS": query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        "MAIL_TIMEOUT": 10,
    }


def gevent_patched() -> bool:
    """Whether this process monkey-patched the standard library with gevent
    (``flask portal serve``, ``gunicorn -k gevent`` do it before anything else)."""
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))


def socketio_async_mode(setting: str) -> str:
    """The Socket.IO async mode for this process: gevent only where the
    standard library is patched; elsewhere (tests, CLI commands, gunicorn with
    threads) threading, which works everywhere."""
    return "gevent" if setting == "gevent" and gevent_patched() else "threading"


def load_config(environ=os.environ, overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    chosen = overrides.pop("INSTANCE_DIR", None) or environ.get("PORTAL_INSTANCE_DIR")
    instance_dir = Path(chosen).expanduser().resolve() if chosen else instance_dir_from_env(environ)
    # The one check before the secret key is read or made there (below).
    check_instance_dir(instance_dir, create=not chosen)
    redis_url = overrides.get("REDIS_URL", environ.get("PORTAL_REDIS_URL")) or None
    config = {
        "INSTANCE_DIR": str(instance_dir),
        "SQLALCHEMY_DATABASE_URI": environ.get("PORTAL_DATABASE_URL")
        or f"sqlite:///{instance_dir / 'portal.db'}",
        "REDIS_URL": redis_url,
        # How ``flask portal serve`` runs Socket.IO: "gevent" (one process holds
        # thousands of sockets; see README "Production") or "threading"
        # (Werkzeug's threaded server, a thread per socket).
        "SOCKETIO_ASYNC_MODE": environ.get("PORTAL_SOCKETIO_ASYNC_MODE", "gevent"),
        "SEARCH_INDEX_DIR": environ.get("PORTAL_SEARCH_DIR") or str(instance_dir / "search"),
        "OUTBOX_DIR": environ.get("PORTAL_OUTBOX_DIR") or str(instance_dir / "outbox"),
        "TASKS_DB": str(instance_dir / "tasks.db"),
        "BASE_URL": environ.get("PORTAL_BASE_URL"),
        # Links built outside a request without PORTAL_BASE_URL (tasks of a
        # local `make run`) point at the local server (core/urls.py).
        "LOCAL_URL": f"http://127.0.0.1:{environ.get('PORT') or 5000}",
        "MAP_TILES_URL": environ.get(
            "PORTAL_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        ),
        # Observatory: anonymous events wait in memory and are written in
        # batches every few seconds (0: at once, as the tests do); the
        # smallest group a figure may describe (None: 5, 10 for minors).
        "OBSERVE_FLUSH_SECONDS": float(environ.get("PORTAL_OBSERVE_FLUSH_SECONDS", 5)),
        "OBSERVE_BATCH": 500,
        "OBSERVATORY_MIN_CELL": int(environ["PORTAL_OBSERVATORY_MIN_CELL"])
        if environ.get("PORTAL_OBSERVATORY_MIN_CELL") else None,
        # A Socket.IO frame past this many characters is acknowledged
        # ``too_large`` and its socket dropped (core/bounds.py); the largest
        # chat message (8,000 characters, JSON-escaped) fits.
        "SOCKET_FRAME_LIMIT": 64 * 1024,
        # Strict-Transport-Security on HTTPS responses (core/headers.py): a year.
        "HSTS_MAX_AGE": int(environ.get("PORTAL_HSTS_MAX_AGE", 365 * 24 * 3600)),
        "MAIL_DEFAULT_SENDER": environ.get(
            "PORTAL_MAIL_FROM", "Passerelle <ne-pas-repondre@passerelle.example>"
        ),
        # Behind a reverse proxy, trust one hop of X-Forwarded-* so that
        # request.is_secure (and so the Secure cookie flag) is right.
        "PROXY_FIX": environ.get("PORTAL_PROXY_FIX", "0") in ("1", "true", "yes"),
        # Several CRIJs on one install: which host shows which territory
        # ("lille.example=lille douai.example=douai"; portal/territories).
        # Empty: each territory's own hosts, else the first territory.
        "TERRITORY_HOSTS": environ.get("PORTAL_TERRITORY_HOSTS", ""),
        "BABEL_DEFAULT_LOCALE": DEFAULT_LOCALE,
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LOCALES": LOCALES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "passerelle_session",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session, not to a clock: long forms stay valid
        # Every limit is counted by Flask-Limiter's strategy in this storage
        # (portal/core/limits.py): Redis when scaled out, else this process.
        "RATELIMIT_STORAGE_URI": redis_url or "process-memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": True,
        # If Redis goes away, count in memory per process rather than fail requests.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        # Named limits (Flask-Limiter syntax) of what is not a route, counted
        # by portal.core.limits: failed sign-ins per account and per address;
        # the chat's per address, per conversation (a school behind one
        # address may need more).
        # Per (account, address): locks only the address that guessed.
        "LOGIN_FAILURE_LIMIT": "5 per 30 minutes",
        "LOGIN_ADDRESS_FAILURE_LIMIT": "20 per 30 minutes",
        # Per account from every address: past it, attempts are slowed, never locked.
        "LOGIN_ACCOUNT_SLOWDOWN_LIMIT": "10 per 30 minutes",
        "LOGIN_SLOWDOWN_S": 2.0,
        "REGISTRATION_LIMIT": "10 per hour",
        "CHAT_START_LIMIT": "30 per hour",
        "CHAT_IP_MESSAGE_LIMIT": "120 per minute",
        "CHAT_CONVERSATION_MESSAGE_LIMIT": "30 per minute",
        "CHAT_RESUME_LIMIT": "60 per minute",
        # The forum's posting limits per account and per address, and reports.
        "FORUM_POST_LIMIT_ACCOUNT": "6 per minute; 60 per day",
        "FORUM_POST_LIMIT_IP": "20 per minute; 300 per day",
        "FORUM_FLAG_LIMIT": "20 per hour",
        # POST /api/v1/safety/check, per address (partner sites' forms call it per message).
        "SAFETY_CHECK_LIMIT": "60 per minute",
        # Where the quick exit leaves for: a neutral page that says nothing about us.
        "SAFETY_QUICK_EXIT_URL": environ.get("PORTAL_SAFETY_QUICK_EXIT_URL",
                                             "https://www.google.com/search?q=meteo"),
        #: Reports after which a post is hidden pending review.
        "FORUM_FLAG_THRESHOLD": 3,
        #: How many of an account's first posts wait in the moderation queue.
        "FORUM_MODERATED_FIRST_POSTS": 2,
        "FORUM_POSTS_PER_PAGE": 20,
        "FORUM_TOPICS_PER_PAGE": 30,
        "FORUM_SEARCH_PER_PAGE": 20,
        # Notifications (portal/notifications/): the SMS backend (sms.py; its
        # secrets come from OVH_* or BREVO_API_KEY, never from this URL), the
        # VAPID contact of web push, and the pipeline's limits.
        "SMS_URL": environ.get("PORTAL_SMS_URL") or None,
        # The last path segment of the providers' STOP webhooks (unset: no webhook).
        "SMS_WEBHOOK_SECRET": environ.get("PORTAL_SMS_WEBHOOK_SECRET") or None,
        "PUSH_CONTACT": environ.get("PORTAL_PUSH_CONTACT", "mailto:contact@passerelle.example"),
        #: Segments a day, all numbers together (the cost cap: ~0.04-0.07 EUR each).
        "SMS_DAILY_SEGMENT_CAP": int(environ.get("PORTAL_SMS_DAILY_SEGMENT_CAP", 2000)),
        "SMS_PER_NUMBER_DAILY": 5,
        #: Non-transactional messages per address and day; the rest waits a day.
        "NOTIFY_DAILY_CAP": 5,
        #: How long a sending task holds its deliveries before the sweep may
        #: claim them again (a worker killed mid-batch).
        "NOTIFY_CLAIM_LEASE": timedelta(seconds=float(environ.get("PORTAL_NOTIFY_CLAIM_LEASE_S",
                                                                  600))),
        #: Deliveries per sending task (one SMTP connection each).
        "NOTIFY_BATCH_SIZE": int(environ.get("PORTAL_NOTIFY_BATCH_SIZE", 100)),
        "NOTIFY_SWEEP_LIMIT": 5000,
        # Retention: receipts 13 months; addresses that never confirmed, 30 days.
        "NOTIFY_RECEIPTS_KEPT": timedelta(days=400),
        "NOTIFY_UNCONFIRMED_KEPT": timedelta(days=30),
        # Embedded default: sent by this process right after commit, as the
        # search index is applied; scaled out, by `flask portal worker`s.
        "NOTIFY_SEND_INLINE": not redis_url,
        # No pool_pre_ping: a round trip per checkout (per chat message) to
        # learn what the connection's socket already says (core/database.py).
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # The forum's banned words per language (JSON); default: portal/forum/data/.
        "FORUM_BANNED_WORDS_FILE": environ.get("PORTAL_FORUM_BANNED_WORDS_FILE"),
        # Anonymous readers' pages, gzipped in instance/page_cache (core/page_cache.py); 0: off.
        "PAGE_CACHE_MB": float(environ.get("PORTAL_PAGE_CACHE_MB", 256)),
        "PAGE_CACHE_DIR": str(instance_dir / "page_cache"),
        # Search indexes (search_index/cli.py): apply the outbox after each
        # commit in this process (the embedded default) or leave it to
        # `flask search follow` on each node (scaled out); how long an outbox
        # row may stay invisible after the rows around it (following.py); the
        # rebuild's in-memory posting pool (MB; below ~1.5 GB at 100,000
        # entries it spills to disk and takes about twice as long).
        "SEARCH_APPLY_INLINE": not redis_url,
        "SEARCH_SETTLE_SECONDS": 5.0,
        "SEARCH_REBUILD_LIMITMB": 2048,
        # Responses compressed by Flask-Compress (core/assets.py): zstd and
        # Brotli first (smaller), gzip for the rest; a level that costs well
        # under a millisecond for a 30 kB page.
        "COMPRESS_MIMETYPES": [
            "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
            "application/json", "application/manifest+json", "application/problem+json",
            "image/svg+xml", "text/calendar",
        ],
        "COMPRESS_ALGORITHM": ["zstd", "br", "gzip"],
        "COMPRESS_LEVEL": 6,
        "COMPRESS_BR_LEVEL": 4,
        "FLASK_STATIC_DIGEST_COMPRESSION": ["gzip", "brotli"],
        "WTF_CSRF_FIELD_NAME": "csrf_token",
        "JSON_SORT_KEYS": False,
        # flask-smorest: the OpenAPI document of the public interfaces.
        "API_TITLE": "Passerelle",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
    config.update(mail_settings(environ.get("PORTAL_MAIL_URL")))
    config.update(overrides)
    if gevent_patched() and not str(config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite") \
            and "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
        # Under gevent the pool is what bounds the units of work in flight
        # in one process, and a small bound is what keeps latency low: every
        # event yields at each of its round trips to PostgreSQL, so with 30
        # in flight each one waits behind all the others' Python work at
        # every step (p99 of seconds at 300 chat messages/s); with 4, the
        # others wait their turn for a connection, first come first served,
        # while PostgreSQL still works on the other core (p99 52 ms;
        # bench/chat.py, docs/PERFORMANCE.md). No overflow: a burst queues
        # instead of opening connections it would close again.
        size = int(environ.get("PORTAL_DATABASE_POOL_SIZE", GEVENT_POOL_SIZE))
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {**config["SQLALCHEMY_ENGINE_OPTIONS"],
                                               "pool_size": size, "max_overflow": 0}
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = environ.get("PORTAL_SECRET_KEY") or _secret_key(instance_dir)
    return config
