"""Territory isolation: every route of the URL map and every socket event,
for each scoped staff role of one territory (Douaisis), against the objects
of another (the arrondissement de Lille).

``TERRITORY_RULES`` says, for each route and event of the authorisation
grid's table (``ROUTES``, ``EVENTS``: reused, not copied), how territories
apply to it. A route or an event without a rule fails
:func:`test_every_route_and_event_has_a_territory_rule` — a new code path
cannot ship without saying how it stops at a territory's edge.

- ``SCOPED``: acts on one object of a territory: refused (401, 403, 404 or
  the sign-in page) for staff of another territory;
- ``NATIONAL``: belongs to the whole install (national sheets, settings):
  refused for staff limited to territories;
- ``LISTED``: lists objects: the other territory's never appear;
- ``SHARED``: the same for every territory by design (public pages, one's
  own account, a professional's own entry, secret links, accounts that
  exist everywhere): the grid checks its roles, nothing to isolate.

In-process (test client, Socket.IO test client) to stay cheap: one set of
objects, four actors.
"""

from __future__ import annotations

import re

import pytest

from portal.accounts import audit
from portal.accounts.models import ProfessionalStatus
from portal.chat.operations import start_conversation
from portal.directory.models import PendingChange, Person, Structure, StructureKind
from portal.extensions import db
from portal.extensions import socketio as portal_socketio
from portal.forum.models import ForumCategory
from portal.forum.operations import create_topic
from portal.geo.gazetteer import get_gazetteer
from portal.territories.models import Territory
from portal.territories.operations import create_territory, set_category_territory, set_scopes
from tests.conftest import FreshContextClient
from tests.security.test_authorisation_grid import EVENTS, ROUTES
from tests.support import csrf_token, submit

SCOPED, NATIONAL, LISTED, SHARED = "scoped", "national", "listed", "shared"
PASSWORD = "un mot de passe"

TERRITORY_RULES = {key: SHARED for key in ROUTES} | {
    # administrators
    ("GET", "admin.dashboard"): LISTED, ("GET", "admin.users"): LISTED,
    ("GET", "admin.audit"): LISTED,
    ("POST", "admin.verify"): SCOPED, ("POST", "admin.reject"): SCOPED,
    ("POST", "admin.change_role"): SCOPED, ("POST", "admin.toggle_active"): SCOPED,
    ("GET", "chat.settings"): NATIONAL, ("POST", "chat.settings"): NATIONAL,
    ("GET", "chat.history"): LISTED, ("GET", "chat.conversation"): SCOPED,
    ("GET", "directory.review"): LISTED, ("POST", "directory.decide"): SCOPED,
    ("GET", "directory.edit_person"): SCOPED, ("POST", "directory.edit_person"): SCOPED,
    ("GET", "directory.edit_structure"): SCOPED, ("POST", "directory.edit_structure"): SCOPED,
    ("POST", "directory.confirm"): SCOPED,
    ("GET", "territories.index"): LISTED, ("GET", "territories.edit"): SCOPED,
    ("POST", "territories.edit"): SCOPED, ("POST", "territories.add_staff"): SCOPED,
    ("POST", "territories.remove_staff"): SCOPED,
    # editors: the information base and the assistant's questions are national
    ("GET", "knowledge.manage"): NATIONAL, ("GET", "knowledge.new"): NATIONAL,
    ("POST", "knowledge.new"): NATIONAL, ("GET", "knowledge.edit"): NATIONAL,
    ("POST", "knowledge.edit"): NATIONAL,
    ("GET", "assistant.open_questions"): NATIONAL, ("POST", "assistant.question_done"): NATIONAL,
    ("GET", "forum.manage_categories"): NATIONAL, ("POST", "forum.manage_categories"): NATIONAL,
    # moderators: a local category's posts
    ("GET", "forum.moderation"): LISTED, ("GET", "forum.moderation_log"): LISTED,
    ("POST", "forum.moderate"): SCOPED, ("GET", "forum.edit_post"): SCOPED,
    ("POST", "forum.edit_post"): SCOPED, ("POST", "forum.highlight"): SCOPED,
    ("GET", "forum.topic"): SCOPED,  # the held topic: readable by its territory's moderators
}
# Suspending posting concerns an account, and a young person's account is
# the same in every territory: SHARED (forum.suspend), as creating a
# territory is (territories.new: its creator administers it).

EVENT_RULES = {key: SHARED for key in EVENTS} | {
    # An administrator opens the conversations of their territories' structures.
    ("/chat", "open"): SCOPED,
}

STAFF = ("admin", "moderator", "editor", "facilitator")


def test_every_route_and_event_has_a_territory_rule(app):
    routes = {(method, rule.endpoint) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    events = {(namespace, name[3:]) for namespace, handler in
              portal_socketio.server.namespace_handlers.items()
              for name in dir(handler) if name.startswith("on_")}
    assert sorted(routes - TERRITORY_RULES.keys()) == [], "routes without a territory rule"
    assert sorted(events - EVENT_RULES.keys()) == [], "events without a territory rule"
    assert sorted(TERRITORY_RULES.keys() - routes) == [] and sorted(EVENT_RULES.keys() - events) == []


@pytest.fixture
def lille_objects(database, create_user):
    """Objects of the default territory, with names to look for in pages."""
    lille = database.session.scalar(db.select(Territory).where(Territory.slug == "lille"))
    commune = get_gazetteer().by_insee("59350")
    structure = Structure(name="Structure-lilloise-secrete", slug="structure-lilloise",
                          kind=StructureKind.PIJ, commune_insee=commune.insee,
                          commune_name=commune.name, lat=commune.lat, lon=commune.lon,
                          themes=["emploi"])
    database.session.add(structure)
    pro = create_user(role="professional", pseudonym="pro-lillois-secret",
                      professional_status=ProfessionalStatus.PENDING)
    person = Person(structure=structure, user_id=pro.id, first_name="Pro", last_name="Lillois",
                    role="Conseil")
    database.session.add(person)
    database.session.flush()
    change = PendingChange(entity="person", entity_id=structure.id, submitted_by_id=pro.id,
                           payload={"role": "Conseil"})
    database.session.add(change)
    category = database.session.scalars(db.select(ForumCategory).order_by(ForumCategory.id)).first()
    set_category_territory(category.id, lille)
    author = create_user(role="young", pseudonym="plume-lilloise")
    topic, post = create_topic(category, author, title="Sujet-lillois-secret",
                               body="Un premier message retenu pour la modération.")
    conv, _ = start_conversation(theme="emploi", locale="fr", ip=None, structure_id=structure.id)
    admin = create_user(role="admin", pseudonym="admin-national")
    audit.record(admin, "professional_verified", target=pro)
    database.session.flush()
    return {"territory": lille, "structure": structure, "person": person, "pro": pro,
            "change": change, "category": category, "topic": topic, "post": post, "conv": conv,
            "markers": ("Structure-lilloise-secrete", "pro-lillois-secret", "Sujet-lillois-secret",
                        f"/chat/conversations/{conv.id}", "Arrondissement de Lille")}


@pytest.fixture
def douaisis_staff(database, create_user):
    douaisis = create_territory(slug="douaisis-iso", name="Douaisis isolé",
                                sources={"arrondissements": ["593"]})
    people = {}
    for role in STAFF:
        people[role] = create_user(role=role, pseudonym=f"{role}-douaisis-iso")
        set_scopes(people[role], [douaisis])
    return people


def _values(o: dict) -> dict:
    return {"user_id": o["pro"].id, "person_id": o["person"].id,
            "structure_id": o["structure"].id, "entity": "structure",
            "entity_id": o["structure"].id, "change_id": o["change"].id, "decision": "approve",
            "conv_id": o["conv"].id, "topic_id": o["topic"].id, "post_id": o["post"].id,
            "category": o["category"].slug, "slug": o["topic"].slug, "action": "approve",
            "territory_id": o["territory"].id, "article_id": 1, "question_id": 1}


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and "/account/login" in response.headers.get("Location", "")


def _client(app, user):
    app.test_client_class = FreshContextClient
    client = app.test_client()
    response = submit(client, "/account/login", {"login": user.pseudonym, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_staff_of_one_territory_reach_nothing_of_another(app, database, lille_objects,
                                                         douaisis_staff):
    values = _values(lille_objects)
    adapter = app.url_map.bind("localhost")
    rules = {}
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            rules.setdefault((method, rule.endpoint), rule)
    leaks = []
    for role, user in douaisis_staff.items():
        client = _client(app, user)
        token = csrf_token(client, "/account/")
        for (method, endpoint), kind in sorted(TERRITORY_RULES.items()):
            if kind == SHARED:
                continue
            rule = rules[(method, endpoint)]
            url = adapter.build(endpoint, {a: values[a] for a in rule.arguments}, method=method)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data={"csrf_token": token, "role": "admin",
                                                  "pseudonym": user.pseudonym})
            if kind in (SCOPED, NATIONAL):
                if not _refused(response):
                    leaks.append((role, method, endpoint, response.status_code))
            else:  # LISTED
                # Which territory an address shows is public (the address says it).
                body = re.sub(r'<p class="territory-here">.*?</p>', "",
                              response.get_data(as_text=True), flags=re.S)
                seen = [m for m in lille_objects["markers"] if m in body]
                if seen and not _refused(response):
                    leaks.append((role, method, endpoint, seen))
    assert leaks == []
    # Nothing was changed on the way.
    database.session.refresh(lille_objects["change"])
    database.session.refresh(lille_objects["pro"])
    assert lille_objects["change"].decision is None
    assert lille_objects["pro"].role.value == "professional" and lille_objects["pro"].is_active


def test_socket_events_of_one_territory_reach_nothing_of_another(app, database, lille_objects,
                                                                 douaisis_staff, client):
    from flask_socketio import SocketIOTestClient

    conv = lille_objects["conv"]
    for (namespace, event), kind in sorted(EVENT_RULES.items()):
        if kind == SHARED:
            continue
        for role, user in douaisis_staff.items():
            http = _client(app, user)
            socket = SocketIOTestClient(app, portal_socketio, namespace=namespace,
                                        flask_test_client=http)
            if role == "admin":  # the one who would pass without territories
                assert socket.is_connected(namespace), (role, namespace)
            try:
                ack = socket.emit(event, {"conversation_id": conv.id}, namespace=namespace,
                                  callback=True) if socket.is_connected(namespace) else None
            finally:
                if socket.is_connected(namespace):
                    socket.disconnect(namespace=namespace)
            assert not (ack and ack.get("ok")), (role, event, ack)
            assert "conversation" not in (ack or {}), (role, event)


def test_the_same_staff_reach_their_own_territory(app, database, douaisis_staff):
    """The rules above are not refusals for everyone: in their territory,
    the Douaisis administrator edits a Douaisis structure and its territory."""
    commune = get_gazetteer().by_insee("59178")
    structure = Structure(name="Structure douaisienne", slug="structure-douai",
                          kind=StructureKind.PIJ, commune_insee=commune.insee,
                          commune_name=commune.name, lat=commune.lat, lon=commune.lon)
    database.session.add(structure)
    database.session.flush()
    client = _client(app, douaisis_staff["admin"])
    assert client.get(f"/guide/structures/{structure.id}/edit").status_code == 200
    territory = database.session.scalar(db.select(Territory).where(Territory.slug == "douaisis-iso"))
    assert client.get(f"/admin/territories/{territory.id}").status_code == 200
    assert "Structure douaisienne" not in client.get("/guide/review").get_data(as_text=True)
