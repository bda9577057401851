"""The territories' administration pages: a national administrator sees and
creates every territory; a regional one only theirs (others are 404, not
even named); a form keeps what was typed and says what is wrong."""

from __future__ import annotations

import pytest

from portal.territories.models import RoleScope, Territory
from portal.territories.operations import set_scopes
from tests.support import csrf_token, submit

FORM = {"name": "Cambrésis", "slug": "cambresis", "hosts": "cambrai.test",
        "departments": "", "epcis": "", "arrondissements": "592", "communes": "59178",
        "accent_colour": "#004d40", "map_radius_km": "20", "chat_hours": "Mo-Fr 10:00-17:00",
        "chat_retention_days": "180", "contact_retention_days": "60",
        "controller_name": "CRIJ de test", "sender_email": "crij@example.org"}


@pytest.mark.parametrize("role", ["young", "professional", "moderator", "editor", "facilitator"])
def test_only_administrators_reach_the_territories(client, create_user, login, role, database,
                                                  default_territory):
    login(create_user(role=role))
    # Staff see the list of their territories; nobody else does.
    assert client.get("/admin/territories/").status_code == (403 if role in (
        "young", "professional") else 200)
    assert client.get(f"/admin/territories/{default_territory.id}").status_code in (403, 404)
    assert client.get("/admin/territories/new").status_code == 403


def test_a_national_administrator_creates_a_territory(client, create_user, login, database):
    admin = create_user(role="admin")
    login(admin)
    response = submit(client, "/admin/territories/new", FORM)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    territory = database.session.scalar(database.select(Territory).where(
        Territory.slug == "cambresis"))
    assert territory.hosts == ["cambrai.test"] and "59178" in territory.commune_codes
    assert territory.chat_retention_days == 180 and territory.sender_email == "crij@example.org"
    # A national administrator stays national: no scope row given.
    assert database.session.scalar(database.select(RoleScope).where(
        RoleScope.user_id == admin.id)) is None
    page = client.get(f"/admin/territories/{territory.id}").get_data(as_text=True)
    assert "Cambrai" in page and "Douai" in page


def test_a_refused_form_keeps_what_was_typed_and_names_the_problem(client, create_user, login,
                                                                   database):
    login(create_user(role="admin"))
    response = submit(client, "/admin/territories/new",
                      FORM | {"accent_colour": "#ffee00", "communes": "59178 99999"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "4,5:1" in page or "4.5:1" in page
    assert 'value="Cambrésis"' in page and 'value="#ffee00"' in page
    response = submit(client, "/admin/territories/new", FORM | {"communes": "59178 99999"})
    page = response.get_data(as_text=True)
    assert "99999" in page and 'value="Cambrésis"' in page
    assert database.session.scalar(database.select(Territory).where(
        Territory.slug == "cambresis")) is None


def test_a_regional_administrator_sees_and_edits_only_their_territories(
        client, create_user, login, database, default_territory, douaisis):
    regional = create_user(role="admin")
    set_scopes(regional, [douaisis])
    login(regional)
    listing = client.get("/admin/territories/").get_data(as_text=True)
    table = listing[listing.index("<tbody>"):]
    assert "Douaisis" in table and default_territory.name not in table
    assert client.get(f"/admin/territories/{default_territory.id}").status_code == 404
    token = csrf_token(client, f"/admin/territories/{douaisis.id}")
    assert client.post(f"/admin/territories/{default_territory.id}",
                       data=FORM | {"csrf_token": token}).status_code == 404
    database.session.refresh(default_territory)
    assert default_territory.name != "Cambrésis"
    # What they create, they administer.
    assert submit(client, "/admin/territories/new", FORM).status_code == 302
    created = database.session.scalar(database.select(Territory).where(
        Territory.slug == "cambresis"))
    assert client.get(f"/admin/territories/{created.id}").status_code == 200


def test_giving_a_territory_to_an_editor(client, create_user, login, database, douaisis,
                                         default_territory):
    regional = create_user(role="admin")
    set_scopes(regional, [douaisis])
    editor = create_user(role="editor", pseudonym="editrice")
    scoped = create_user(role="editor", pseudonym="editrice-locale")
    set_scopes(scoped, [default_territory])
    login(regional)
    url = f"/admin/territories/{douaisis.id}/staff"
    # An account acting everywhere is not narrowed by a regional administrator…
    submit(client, url, {"pseudonym": "editrice"}, form_url=f"/admin/territories/{douaisis.id}")
    assert database.session.scalar(database.select(RoleScope).where(
        RoleScope.user_id == editor.id)) is None
    # …one already limited to territories gets this one too.
    submit(client, url, {"pseudonym": "editrice-locale"},
           form_url=f"/admin/territories/{douaisis.id}")
    ids = set(database.session.scalars(database.select(RoleScope.territory_id).where(
        RoleScope.user_id == scoped.id)))
    assert ids == {default_territory.id, douaisis.id}
