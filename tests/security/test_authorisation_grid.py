"""The authorisation grid: every route of the app's URL map and every
Socket.IO event of its namespaces, for each kind of visitor, against
someone else's objects, on a running portal with the demo seeded.

``ROUTES`` and ``EVENTS`` say who may do what. A route or an event of the
app missing from them fails :func:`test_every_route_and_event_has_a_row` —
a new page cannot ship without saying who may use it.

A cell *refused* means 401, 403, 404 or a redirect to the sign-in page; any
other answer (a page, a form with errors, a 409…) means the visitor got past
the checks. Objects in URLs are real ones belonging to someone else: the
demo's professionals, young people and staff, never the actor.
"""

from __future__ import annotations

import copy
import re
import threading

import pytest
import requests
import socketio
import sqlalchemy as sa

from portal import create_app
from portal.extensions import socketio as portal_socketio
from tests.chat.conftest import PASSWORD, ChatClient
from tests.support import (
    FLASK,
    flask_env,
    free_port,
    run_flask,
    start_process,
    stop_process,
    wait_until_serving,
)

ACTORS = ("anonymous", "young", "pro_other", "disabled_pro", "moderator", "editor", "admin")
DEMO_PASSWORD = "passerelle-demo"

# Who passes the checks: a set of actors (the disabled professional's session
# ended, so it never passes where the anonymous visitor does not).
ALL = set(ACTORS)
SIGNED = ALL - {"anonymous", "disabled_pro"}
PRO = {"pro_other", "admin"}
MOD = {"moderator", "admin"}
EDIT = {"editor", "admin"}
ADMIN = {"admin"}
#: A professional with a guide entry of their own (the agenda is a person's).
PRO_ENTRY = {"pro_other"}
NOBODY: set[str] = set()  # someone else's object, or a secret link the actor lacks

ROUTES = {
    # public pages and the API
    ("GET", "core.home"): ALL, ("GET", "core.health"): ALL, ("GET", "core.search"): ALL,
    ("GET", "core.switch_language"): ALL, ("GET", "core.manifest"): ALL,
    ("GET", "core.offline"): ALL, ("GET", "core.service_worker"): ALL, ("GET", "static"): ALL,
    ("GET", "directory.search"): ALL, ("GET", "directory.structure"): ALL,
    ("GET", "directory.person"): ALL, ("POST", "directory.contact"): ALL,
    ("GET", "knowledge.index"): ALL, ("GET", "knowledge.article"): ALL,
    ("POST", "knowledge.helpful"): ALL,
    ("GET", "assistant.page"): ALL, ("POST", "assistant.page"): ALL,
    ("POST", "assistant.feedback"): ALL,
    ("GET", "chat.page"): ALL,
    ("POST", "chat.transcript"): NOBODY,  # without that conversation's resume token
    ("GET", "forum.index"): ALL, ("GET", "forum.category"): ALL, ("GET", "forum.topic"): ALL,
    ("GET", "forum.post_fragment"): ALL, ("GET", "forum.search"): ALL,
    ("GET", "booking.mine"): ALL, ("POST", "booking.mine"): ALL,
    ("GET", "booking.slots"): ALL, ("GET", "booking.book"): ALL, ("POST", "booking.book"): ALL,
    ("GET", "directory_api.Communes"): ALL, ("GET", "directory_api.DirectorySearch"): ALL,
    ("GET", "directory_api.DirectoryEntry"): ALL, ("GET", "booking_api.EntrySlots"): ALL,
    ("POST", "booking_api.Appointments"): ALL, ("POST", "assistant_api.Ask"): ALL,
    ("POST", "assistant_api.Feedback"): ALL, ("GET", "api-docs.openapi_json"): ALL,
    ("GET", "observatory.index"): ALL, ("GET", "observatory.indicator"): ALL,
    ("GET", "observatory.methodology"): ALL, ("GET", "observatory.downloads"): ALL,
    ("GET", "observatory.download"): ALL, ("GET", "observatory.datapackage"): ALL,
    ("GET", "observatory.readme"): ALL, ("GET", "observatory_api.Indicators"): ALL,
    ("GET", "observatory_api.IndicatorSeries"): ALL,
    ("GET", "safety.help"): ALL, ("POST", "safety_api.Check"): ALL,
    # accounts
    ("GET", "accounts.login"): ALL, ("POST", "accounts.login"): ALL,
    ("GET", "accounts.register"): ALL, ("GET", "accounts.register_young"): ALL,
    ("POST", "accounts.register_young"): ALL, ("GET", "accounts.register_professional"): ALL,
    ("POST", "accounts.register_professional"): ALL,
    ("GET", "accounts.forgot_password"): ALL, ("POST", "accounts.forgot_password"): ALL,
    ("GET", "accounts.recover"): ALL, ("POST", "accounts.recover"): ALL,
    ("GET", "accounts.account"): SIGNED, ("POST", "accounts.change_pseudonym"): SIGNED,
    ("POST", "accounts.change_age_range"): SIGNED, ("POST", "accounts.change_email"): SIGNED,
    ("POST", "accounts.change_password"): SIGNED, ("POST", "accounts.new_recovery_codes"): SIGNED,
    ("POST", "accounts.resend_verification"): SIGNED, ("POST", "accounts.delete_account"): SIGNED,
    ("POST", "accounts.sign_out_everywhere"): SIGNED,
    # a redirect for everyone (signing out is harmless): not a refusal
    ("POST", "accounts.logout"): ALL,
    # secret links: a made-up token opens nothing, for anyone
    ("GET", "accounts.verify_email"): NOBODY, ("POST", "accounts.verify_email"): NOBODY,
    ("GET", "accounts.reset_password"): NOBODY,
    ("POST", "accounts.reset_password"): NOBODY,
    ("GET", "booking.manage"): NOBODY, ("POST", "booking.cancel"): NOBODY,
    ("GET", "booking.reschedule"): NOBODY, ("POST", "booking.reschedule"): NOBODY,
    ("GET", "booking.calendar_file"): NOBODY, ("GET", "booking.feed"): NOBODY,
    ("GET", "directory.check"): NOBODY, ("POST", "directory.check"): NOBODY,
    ("GET", "directory.reply"): NOBODY, ("POST", "directory.reply"): NOBODY,
    # The same "unsubscribed" page whatever the token (found or not): no
    # check to pass, and nothing to learn from it.
    ("GET", "forum.unsubscribe"): ALL, ("POST", "forum.unsubscribe"): ALL,
    # Alerts: the centre needs no account, its signed link is the key; the
    # unsubscribe page answers the same whatever the token; the providers'
    # webhooks need the deployment's secret (unset here: 404 for everyone).
    ("GET", "notifications.manage"): ALL, ("POST", "notifications.manage"): ALL,
    ("GET", "notifications.confirm_code"): ALL, ("POST", "notifications.confirm_code"): ALL,
    ("GET", "notifications.unsubscribe"): ALL, ("POST", "notifications.unsubscribe"): ALL,
    ("GET", "notifications.push_key"): ALL,
    ("POST", "notifications_api.Subscriptions"): ALL,
    ("POST", "notifications_api.Unsubscribe"): ALL,
    ("GET", "notifications.confirm"): NOBODY, ("POST", "notifications.confirm"): NOBODY,
    ("GET", "notifications.centre"): NOBODY, ("POST", "notifications.centre"): NOBODY,
    ("POST", "notifications.pause"): NOBODY, ("GET", "notifications.consents"): NOBODY,
    ("POST", "notifications.hook_brevo"): NOBODY, ("GET", "notifications.hook_ovh"): NOBODY,
    ("POST", "notifications.hook_ovh"): NOBODY, ("POST", "notifications.hook_brevo_mail"): NOBODY,
    # administration
    ("GET", "admin.dashboard"): ADMIN, ("GET", "admin.users"): ADMIN, ("GET", "admin.audit"): ADMIN,
    ("POST", "admin.verify"): ADMIN, ("POST", "admin.reject"): ADMIN,
    ("POST", "admin.change_role"): ADMIN, ("POST", "admin.toggle_active"): ADMIN,
    ("GET", "chat.settings"): ADMIN, ("POST", "chat.settings"): ADMIN,
    ("GET", "directory.review"): ADMIN, ("POST", "directory.decide"): ADMIN,
    # the observatory's boards: administrators and editors
    ("GET", "observatory.board"): EDIT, ("POST", "observatory.add_calendar_entry"): EDIT,
    ("POST", "observatory.delete_calendar_entry"): EDIT,
    # professionals (someone else's appointment, rule or type: nobody)
    ("GET", "chat.console"): PRO, ("GET", "chat.history"): PRO,
    ("GET", "chat.conversation"): ADMIN,  # another structure's conversation
    ("GET", "booking.agenda"): PRO_ENTRY, ("GET", "booking.settings"): PRO_ENTRY,
    ("POST", "booking.outcome"): NOBODY, ("POST", "booking.pro_cancel"): NOBODY,
    ("POST", "booking.delete_rule"): NOBODY, ("POST", "booking.add_exception"): PRO_ENTRY,
    ("POST", "booking.feed_token"): PRO_ENTRY, ("POST", "booking.add_range"): PRO_ENTRY,
    ("GET", "booking.edit_type"): NOBODY, ("POST", "booking.edit_type"): NOBODY,
    ("POST", "booking.deactivate_type"): NOBODY,
    ("GET", "booking.new_type"): PRO_ENTRY, ("POST", "booking.new_type"): PRO_ENTRY,
    ("GET", "directory.my_entry"): PRO, ("GET", "directory.propose_structure"): PRO,
    ("POST", "directory.propose_structure"): PRO, ("POST", "directory.join_structure"): PRO,
    ("GET", "directory.edit_person"): ADMIN, ("POST", "directory.edit_person"): ADMIN,
    ("GET", "directory.edit_structure"): ADMIN, ("POST", "directory.edit_structure"): ADMIN,
    ("POST", "directory.confirm"): ADMIN,
    # editors
    ("GET", "knowledge.manage"): EDIT, ("GET", "knowledge.new"): EDIT,
    ("POST", "knowledge.new"): EDIT, ("GET", "knowledge.edit"): EDIT,
    ("POST", "knowledge.edit"): EDIT,
    ("GET", "assistant.open_questions"): EDIT, ("POST", "assistant.question_done"): EDIT,
    # forum
    ("GET", "forum.new_topic"): SIGNED, ("POST", "forum.new_topic"): SIGNED,
    ("POST", "forum.reply"): SIGNED, ("GET", "forum.flag"): SIGNED, ("POST", "forum.flag"): SIGNED,
    ("POST", "forum.follow"): SIGNED, ("POST", "forum.highlight"): MOD,  # someone else's topic
    ("GET", "forum.manage_categories"): EDIT, ("POST", "forum.manage_categories"): EDIT,
    ("GET", "forum.moderation"): MOD, ("GET", "forum.moderation_log"): MOD,
    ("POST", "forum.moderate"): MOD, ("GET", "forum.edit_post"): MOD,
    ("POST", "forum.edit_post"): MOD, ("GET", "forum.suspend"): MOD, ("POST", "forum.suspend"): MOD,
    # territories (the demo's administrator acts on the whole install)
    ("GET", "territories.index"): MOD | EDIT, ("GET", "territories.new"): ADMIN,
    ("POST", "territories.new"): ADMIN, ("GET", "territories.edit"): ADMIN,
    ("POST", "territories.edit"): ADMIN, ("POST", "territories.add_staff"): ADMIN,
    ("POST", "territories.remove_staff"): NOBODY,  # an account without that territory
    ("GET", "open_data_api.Structures"): ALL, ("GET", "open_data_api.Services"): ALL,
}

#: A socket of an ended session is refused at connect (core/sockets.py), so
#: the disabled professional gets no socket to send anything on.
OPEN = ALL - {"disabled_pro"}

# Socket events, with someone else's conversation (routed to another
# structure) and someone else's canned answer.
EVENTS = {
    ("/chat", "connect"): OPEN, ("/chat", "disconnect"): OPEN,
    ("/chat", "start"): OPEN, ("/chat", "resume"): NOBODY,
    ("/chat", "send"): NOBODY, ("/chat", "typing"): NOBODY, ("/chat", "read"): NOBODY,
    ("/chat", "close"): NOBODY, ("/chat", "rate"): NOBODY, ("/chat", "contact"): NOBODY,
    ("/chat", "console"): PRO, ("/chat", "presence"): PRO, ("/chat", "queue"): PRO,
    ("/chat", "colleagues"): PRO,
    ("/chat", "canned_save"): NOBODY,  # editing someone else's canned answer (its id)
    ("/chat", "take"): NOBODY, ("/chat", "open"): ADMIN, ("/chat", "note"): NOBODY,
    ("/chat", "transfer"): NOBODY, ("/chat", "block"): NOBODY, ("/chat", "canned_delete"): NOBODY,
    ("/forum", "connect"): OPEN,
    ("/forum", "watch"): OPEN, ("/forum", "unwatch"): OPEN,
}


def app_surface() -> tuple[set, set]:
    """Every (method, endpoint) of the URL map and (namespace, event) handled."""
    app = create_app({"SECRET_KEY": "grid", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = {(method, rule.endpoint) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    events = {(namespace, name[3:]) for namespace, handler in
              portal_socketio.server.namespace_handlers.items()
              for name in dir(handler) if name.startswith("on_")}
    return routes, events


def test_every_route_and_event_has_a_row():
    routes, events = app_surface()
    assert sorted(routes - ROUTES.keys()) == [], "routes without a row in the grid"
    assert sorted(events - EVENTS.keys()) == [], "socket events without a row in the grid"
    assert sorted(ROUTES.keys() - routes) == [] and sorted(EVENTS.keys() - events) == []


# --- the running portal ---------------------------------------------------------------

class Portal:
    def __init__(self, base: str, database_url: str):
        self.base, self.engine = base, sa.create_engine(database_url)
        self.sessions: dict[str, requests.Session] = {}

    def one(self, sql: str, **params):
        with self.engine.connect() as conn:
            return conn.execute(sa.text(sql), params).scalar()

    def session_for(self, actor: str) -> requests.Session:
        if actor == "disabled_pro" and hasattr(self, "disabled_cookies"):
            # Always the cookie as it was when the account was disabled (a
            # stolen copy, say), never one the portal has since cleared.
            session = requests.Session()
            session.cookies = copy.deepcopy(self.disabled_cookies)  # domains kept
            return session
        if actor not in self.sessions:
            session = requests.Session()
            if actor != "anonymous":
                login, password = LOGINS[actor]
                form = session.get(f"{self.base}/account/login", timeout=10).text
                token = _csrf(form)
                response = session.post(f"{self.base}/account/login", timeout=10,
                                        allow_redirects=False, data={
                                            "csrf_token": token, "login": login,
                                            "password": password})
                assert response.status_code == 302, (actor, response.text[:300])
            self.sessions[actor] = session
        return self.sessions[actor]

    def cookie(self, actor: str) -> str | None:
        session = self.session_for(actor)
        return "; ".join(f"{c.name}={c.value}" for c in session.cookies) or None


LOGINS = {"young": ("grid-young", PASSWORD), "pro_other": ("grid-pro", PASSWORD),
          "disabled_pro": ("grid-gone", PASSWORD), "moderator": ("moderation", DEMO_PASSWORD),
          "editor": ("redaction", DEMO_PASSWORD), "admin": ("admin", DEMO_PASSWORD)}


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    return match.group(1) if match else ""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    instance = tmp_path_factory.mktemp("grid")
    env = flask_env(instance, PORTAL_SECRET_KEY="grid-tests")
    run_flask(env, "portal", "setup")
    for pseudonym, role in (("grid-young", "young"), ("grid-pro", "professional"),
                            ("grid-gone", "professional")):
        run_flask(env, "portal", "create-user", "--pseudonym", pseudonym, "--role", role,
                  "--password", PASSWORD)
    port = free_port()
    process = start_process([FLASK, "portal", "serve", "--port", str(port), "--no-worker"], env,
                            instance / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, process)
        site = Portal(base, f"sqlite:///{instance / 'portal.db'}")
        _prepare(site)
        yield site
    finally:
        stop_process(process)


def _prepare(site: Portal) -> None:
    """The grid's "someone else's objects", and the disabled professional."""
    with site.engine.begin() as conn:
        # grid-pro works in a structure of its own, not the objects' one.
        owner_structure = conn.execute(sa.text(
            "SELECT p.structure_id FROM directory_persons p JOIN users u ON u.id = p.user_id "
            "JOIN booking_appointment_types t ON t.person_id = p.id ORDER BY p.id LIMIT 1")).scalar()
        conn.execute(sa.text(
            "UPDATE directory_persons SET user_id = (SELECT id FROM users WHERE pseudonym = 'grid-pro') "
            "WHERE id = (SELECT id FROM directory_persons WHERE user_id IS NULL AND structure_id != :s "
            "ORDER BY id LIMIT 1)"), {"s": owner_structure})
        # A question the assistant could not answer, for the editors' list.
        conn.execute(sa.text(
            "INSERT INTO assistant_open_questions (key, text, themes, unanswered, unhelpful, done, "
            "first_at, last_at) VALUES ('grid', 'Une question sans réponse', '', 1, 0, :f, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"f": False})
        # A proposed structure waiting for an administrator.
        conn.execute(sa.text(
            "INSERT INTO directory_pending_changes (entity, payload, note, created_at, updated_at) "
            "VALUES ('structure', '{}', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    site.owner_structure = owner_structure
    # The disabled professional signed in, then an administrator disabled them.
    site.disabled_cookies = copy.deepcopy(site.session_for("disabled_pro").cookies)
    admin = site.session_for("admin")
    gone = site.one("SELECT id FROM users WHERE pseudonym = 'grid-gone'")
    token = _csrf(admin.get(f"{site.base}/admin/users", timeout=10).text)
    assert admin.post(f"{site.base}/admin/users/{gone}/active", data={"csrf_token": token},
                      allow_redirects=False, timeout=10).status_code == 302
    # A conversation routed to the owner's structure, with a message.
    visitor = ChatClient(site.base)
    site.conversation = visitor.call("start", {"theme": "emploi", "structure_id": owner_structure,
                                               "message": "Bonjour, c'est privé"})
    assert site.conversation["ok"], site.conversation
    visitor.close()


def _values(site: Portal) -> dict:
    """URL values: other people's objects, made-up secret tokens."""
    if hasattr(site, "values"):
        return site.values
    person = site.one("SELECT p.id FROM directory_persons p JOIN booking_appointment_types t ON t.person_id = p.id "
                      "WHERE p.structure_id = :s ORDER BY p.id LIMIT 1", s=site.owner_structure)
    topic = site.one("SELECT id FROM forum_topics ORDER BY id LIMIT 1")
    site.values = {
        "user_id": site.one("SELECT user_id FROM directory_persons WHERE id = :p", p=person),
        "person_id": person, "entry_id": f"person-{person}", "structure_id": site.owner_structure,
        "entity": "structure", "entity_id": site.owner_structure,
        "appointment_id": site.one("SELECT id FROM booking_appointments ORDER BY id LIMIT 1") or 1,
        "type_id": site.one("SELECT id FROM booking_appointment_types WHERE person_id = :p", p=person),
        "rule_id": site.one("SELECT id FROM booking_weekly_ranges WHERE person_id = :p LIMIT 1", p=person) or 1,
        "kind": "range", "action": "new", "outcome": "done", "decision": "reject",
        "change_id": site.one("SELECT id FROM directory_pending_changes WHERE decided_at IS NULL "
                              "ORDER BY id LIMIT 1"),
        "conv_id": site.conversation["conversation_id"],
        "topic_id": topic,
        "post_id": site.one("SELECT id FROM forum_posts WHERE topic_id = :t ORDER BY id LIMIT 1",
                            t=topic),
        "category": site.one("SELECT c.slug FROM forum_categories c JOIN forum_topics t "
                             "ON t.category_id = c.id WHERE t.id = :t", t=topic),
        "slug": "x", "article_id": site.one("SELECT id FROM knowledge_articles ORDER BY id LIMIT 1"),
        "ref_slug": site.one("SELECT id FROM knowledge_articles ORDER BY id LIMIT 1"),
        "ref": site.one("SELECT id FROM knowledge_articles ORDER BY id LIMIT 1"),
        "question_id": site.one("SELECT id FROM assistant_open_questions ORDER BY id LIMIT 1"),
        "token": "made-up-token-AAAAAAAAAAAAAAAA", "code": "en", "filename": "css/portal.css",
        "name": "guide_searches", "fmt": "csv",
        "calendar_id": site.one("SELECT id FROM observatory_calendar ORDER BY id LIMIT 1") or 1,
        "territory_id": site.one("SELECT id FROM territories ORDER BY id LIMIT 1"),
        "secret": "made-up-secret",
    }
    return site.values


RULES = {}


def _rule(method: str, endpoint: str):
    if not RULES:
        app = create_app({"SECRET_KEY": "grid", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
        RULES["adapter"] = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            for m in rule.methods - {"HEAD", "OPTIONS"}:
                RULES.setdefault((m, rule.endpoint), rule)
    return RULES[(method, endpoint)]


def _url(method: str, endpoint: str, values: dict) -> str:
    """The route's URL, built by Werkzeug from the objects' values."""
    rule = _rule(method, endpoint)
    return RULES["adapter"].build(endpoint, {a: values[a] for a in rule.arguments}, method=method)


def refused(response: requests.Response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    location = response.headers.get("Location", "")
    return response.is_redirect and "/account/login" in location


def refused_token(response: requests.Response) -> bool:
    # A made-up secret link: "not valid" (400/404) or back to sign in.
    return refused(response) or response.status_code in (400, 410)


@pytest.mark.parametrize("method, endpoint", sorted(ROUTES), ids=lambda v: str(v))
def test_route(portal, method, endpoint):
    values = _values(portal) | ({"action": "hide"} if endpoint == "forum.moderate" else {})
    url = _url(method, endpoint, values)
    # Secret links, and the transcript form that needs a conversation's token.
    token_route = "token" in _rule(method, endpoint).arguments or endpoint == "chat.transcript"
    for actor in ACTORS:
        session = portal.session_for(actor)
        if method == "GET":
            response = session.get(portal.base + url, allow_redirects=False, timeout=20)
        else:
            token = _csrf(session.get(f"{portal.base}/account/login", timeout=10).text) or \
                _csrf(session.get(f"{portal.base}/account/", timeout=10).text)
            response = session.post(portal.base + url, data={"csrf_token": token},
                                    allow_redirects=False, timeout=20,
                                    headers={"X-CSRFToken": token})
        allowed = actor in ROUTES[(method, endpoint)]
        was_refused = refused_token(response) if token_route else refused(response)
        assert was_refused != allowed, (actor, method, url, response.status_code,
                                        response.headers.get("Location"))
        if actor != "disabled_pro" and endpoint in ("accounts.logout", "accounts.sign_out_everywhere", "accounts.delete_account",
                        "accounts.change_password"):
            portal.sessions.pop(actor, None)  # signed out: the next cell signs in again


def _payload(site: Portal) -> dict:
    conv_id = site.conversation["conversation_id"]
    return {"conversation_id": conv_id, "client_msg_id": "grid", "body": "Intrusion",
            "typing": True, "up_to_id": 10**6, "rating": 1, "email": "a@example.org",
            "online": True, "themes": [], "id": 1, "title": "t", "note": "n",
            "to_user_id": 1, "theme": "emploi", "resume_token": "made-up-token-AAAAAAAA",
            "topic_id": _values(site)["topic_id"]}


@pytest.fixture(scope="module")
def closing(portal):
    """Sockets closed in the background, all awaited before the server stops.

    The python-socketio client's disconnect tells the server at once (its
    Engine.IO close packet), then waits up to 3 s for the WebSocket's closing
    handshake: 7 actors a cell made each cell ~21 s of waiting on nothing."""
    closers: list[threading.Thread] = []
    yield closers
    for closer in closers:
        closer.join(timeout=10)


@pytest.mark.parametrize("namespace, event", sorted(EVENTS), ids=lambda v: str(v))
def test_socket_event(portal, closing, namespace, event):
    for actor in ACTORS:
        cookie = portal.cookie(actor)
        allowed = actor in EVENTS[(namespace, event)]
        client = socketio.Client(reconnection=False)
        try:
            client.connect(portal.base, namespaces=[namespace], transports=["websocket"],
                           headers={"Cookie": cookie} if cookie else {}, wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            assert not allowed, (actor, namespace, event, "connection refused")
            continue
        try:
            if event in ("connect", "disconnect"):
                # Rights come per event, never from the connection.
                assert allowed, (actor, namespace, event, "connected")
                continue
            ack = client.call(event, _payload(portal), namespace=namespace, timeout=15)
            assert bool(ack and ack.get("ok")) == allowed, (actor, namespace, event, ack)
            if not allowed:
                assert "privé" not in str(ack), (actor, event, ack)  # nothing of it leaks
        finally:
            closer = threading.Thread(target=client.disconnect, daemon=True)
            closer.start()
            closing.append(closer)
