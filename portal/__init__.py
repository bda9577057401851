"""Passerelle: the app factory. It only wires; no I/O beyond reading settings."""

from __future__ import annotations

import importlib
import importlib.util

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import PROJECT_ROOT, load_config, socketio_async_mode
from search_index.cli import init_app as search_index_init

MIGRATIONS_DIR = str(PROJECT_ROOT / "portal" / "migrations")


SOCKET_SESSION = "portal.socket_session"


class SessionInterface(SecureCookieSessionInterface):
    """Session cookies are Secure whenever the page was served over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def open_session(self, app, request):
        # Each Socket.IO event runs in a request context built from its
        # socket's handshake, whose cookie never changes: decoded and checked
        # once per socket, not once per message.
        environ = request.environ
        if (opened := environ.get(SOCKET_SESSION)) is not None:
            return opened
        session = super().open_session(app, request)
        if environ.get("PATH_INFO", "").startswith("/socket.io"):
            environ[SOCKET_SESSION] = session
        return session


#: The main navigation, in order. An entry shows once its domain is installed.
NAVIGATION = [
    ("directory.search", _l("Search the guide")),
    ("knowledge.index", _l("Information")),
    ("assistant.page", _l("Ask")),
    ("chat.page", _l("Chat")),
    ("forum.index", _l("Forum")),
    ("booking.mine", _l("My appointments")),
]

def create_app(config: dict | None = None) -> Flask:
    settings = load_config(overrides=config)
    app = Flask(__name__, instance_path=settings["INSTANCE_DIR"], instance_relative_config=False)
    app.config.update(settings)
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.session_interface = SessionInterface()
    # Whole sentences in catalogs: {% trans %} blocks are extracted and
    # rendered with their white space collapsed (babel.cfg says the same).
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    from portal.core.bounds import install_converters

    install_converters(app)  # before any rule: every <int:…> is bounded
    _init_extensions(app)
    search_index_init(app)
    _register_blueprints(app)
    _register_template_context(app)

    from portal.cli import portal_cli, translate_cli
    from portal.core import assets, commit, errors, headers, page_cache

    errors.init_app(app)  # after the API, so that our pages win over its JSON-only handler
    commit.init_app(app)
    page_cache.init_app(app)
    headers.init_app(app)
    assets.init_app(app)  # after Socket.IO: WhiteNoise wraps the whole WSGI app
    app.cli.add_command(portal_cli)
    app.cli.add_command(translate_cli)
    return app


def _init_extensions(app: Flask) -> None:
    import portal.accounts  # noqa: F401  (its access module registers the user loader)
    from portal.core import (
        database,  # noqa: F401  (SQLite engine settings)
        limits,  # noqa: F401  (the process-memory:// rate-limit storage)
    )
    from portal.core.bounds import bound_socket_frames
    from portal.core.i18n import register_filters, select_locale
    from portal.core.tasks import huey
    from portal.extensions import (
        api,
        babel,
        csrf,
        db,
        limiter,
        login_manager,
        mail,
        migrate,
        socketio,
    )

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale,
                   timezone_selector=lambda: app.config["BABEL_DEFAULT_TIMEZONE"])
    register_filters(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"  # "strong" would sign phones out on every network change
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    huey.init_app(app)
    api.init_app(app)
    # Flask-SocketIO keeps the options of the previous init_app, its Redis
    # manager included: an app without REDIS_URL made after one with it (tests,
    # a CLI building two apps) must not inherit that queue.
    socketio.server_options.pop("client_manager", None)
    socketio.init_app(app, async_mode=socketio_async_mode(app.config["SOCKETIO_ASYNC_MODE"]),
                      message_queue=app.config["REDIS_URL"], manage_session=False)
    bound_socket_frames(socketio, app.config["SOCKET_FRAME_LIMIT"])


#: Domain packages, in order. Each has ``blueprint.init_app(app)`` registering
#: its blueprints, API and Socket.IO namespaces; a domain not built yet is
#: simply absent from the tree.
DOMAINS = ("core", "accounts", "territories", "directory", "knowledge", "assistant", "chat", "forum",
           "booking", "notifications", "safety", "observatory")


def _register_blueprints(app: Flask) -> None:
    for domain in DOMAINS:
        if (importlib.util.find_spec(f"portal.{domain}") is None
                or importlib.util.find_spec(f"portal.{domain}.blueprint") is None):
            continue
        importlib.import_module(f"portal.{domain}.blueprint").init_app(app)


def _register_template_context(app: Flask) -> None:
    from flask_babel import get_locale
    from flask_login import current_user

    from portal.core.i18n import LANGUAGE_NAMES
    from portal.core.menu import links_for
    from portal.core.themes import theme_labels

    @app.context_processor
    def layout_context():
        return {
            "navigation": [(ep, label) for ep, label in NAVIGATION if ep in app.view_functions],
            "current_locale": str(get_locale()),
            "language_names": LANGUAGE_NAMES,
            "theme_labels": theme_labels(),
            "url_rules": app.view_functions,
            # The links of the pages people work in (console, moderation…), by role.
            "role_links": lambda: links_for(current_user),
        }
