"""Scoped roles: a role holds in the account's territories (or everywhere),
and the staff pages — the guide's review, the administrators' accounts, the
forum's moderation queue — show only those territories."""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.directory.models import PendingChange, Person, Structure, StructureKind
from portal.extensions import db
from portal.forum.models import ForumCategory
from portal.forum.operations import create_topic
from portal.geo.gazetteer import get_gazetteer
from portal.territories.access import may_act, scope_ids, structure_territory_id
from portal.territories.models import RoleScope
from portal.territories.operations import set_category_territory, set_owner, set_scopes
from tests.support import csrf_token


def _structure(database, commune: str, name: str) -> Structure:
    place = get_gazetteer().by_insee(commune)
    structure = Structure(name=name, slug=name.lower().replace(" ", "-"),
                          kind=StructureKind.MISSION_LOCALE, commune_insee=place.insee,
                          commune_name=place.name, country=place.country, lat=place.lat,
                          lon=place.lon, themes=["emploi"])
    database.session.add(structure)
    database.session.flush()
    return structure


@pytest.fixture
def regional(create_user, douaisis):
    """An administrator, a moderator and an editor of the Douaisis only."""
    people = {role: create_user(role=role, pseudonym=f"{role}-douai")
              for role in ("admin", "moderator", "editor")}
    for user in people.values():
        set_scopes(user, [douaisis])
    return people


def test_may_act(database, create_user, default_territory, douaisis, regional):
    national = create_user(role="editor")
    assert scope_ids(national) is None  # no row: everywhere, as before territories
    assert may_act(national, Role.EDITOR, default_territory)
    assert may_act(national, Role.EDITOR, None)
    editor = regional["editor"]
    assert may_act(editor, Role.EDITOR, douaisis)
    assert not may_act(editor, Role.EDITOR, default_territory)
    assert not may_act(editor, Role.EDITOR, None)  # the whole install's objects
    assert not may_act(editor, Role.MODERATOR, douaisis)  # not their role
    admin = regional["admin"]
    assert may_act(admin, Role.MODERATOR, douaisis.id)  # administrators hold every role…
    assert not may_act(admin, Role.MODERATOR, default_territory.id)  # …in their territories
    everywhere = create_user(role="moderator")
    set_scopes(everywhere, [], whole_install=True)
    assert may_act(everywhere, Role.MODERATOR, default_territory)
    assert not may_act(None, Role.EDITOR, douaisis)


def test_a_structure_belongs_to_the_territory_of_its_commune_unless_given_one(
        database, default_territory, douaisis):
    mouscron = _structure(database, "BE-54007", "Infor Jeunes test")
    douai = _structure(database, "59178", "Mission locale de Douai test")
    assert structure_territory_id(mouscron) == default_territory.id
    assert structure_territory_id(douai) == douaisis.id
    set_owner(mouscron.id, douaisis)
    assert structure_territory_id(mouscron) == douaisis.id


def test_the_guide_review_shows_only_the_territorys_changes(
        client, login, database, create_user, default_territory, douaisis, regional):
    lille = _structure(database, "59350", "Point jeunes Lille test")
    douai = _structure(database, "59178", "Point jeunes Douai test")
    changes = {}
    for name, payload, entity_id, entity in (
            ("new-lille", {"name": "Nouvelle structure à Lille", "commune_insee": "59350"}, None,
             "structure"),
            ("join-douai", {"role": "Conseillère"}, douai.id, "person"),
            ("join-lille", {"role": "Conseiller"}, lille.id, "person")):
        change = PendingChange(entity=entity, entity_id=entity_id, payload=payload)
        database.session.add(change)
        database.session.flush()
        changes[name] = change
    login(regional["admin"])
    page = client.get("/guide/review").get_data(as_text=True)
    assert "Point jeunes Douai test" in page
    assert "Nouvelle structure à Lille" not in page and "Point jeunes Lille test" not in page
    token = csrf_token(client, "/guide/review")
    for name in ("new-lille", "join-lille"):
        response = client.post(f"/guide/review/{changes[name].id}/approve",
                               data={"csrf_token": token})
        assert response.status_code == 404
        database.session.refresh(changes[name])
        assert changes[name].decision is None
    # Their editing stops at the border too.
    assert client.get(f"/guide/structures/{lille.id}/edit").status_code == 404
    assert client.get(f"/guide/structures/{douai.id}/edit").status_code == 200


def test_administrators_list_and_manage_only_their_territorys_accounts(
        client, login, database, create_user, default_territory, douaisis, regional):
    lille = _structure(database, "59350", "Structure de Lille test")
    douai = _structure(database, "59178", "Structure de Douai test")
    pro_lille = create_user(role="professional", pseudonym="pro-lille-x")
    pro_douai = create_user(role="professional", pseudonym="pro-douai-x")
    unattached = create_user(role="professional", pseudonym="pro-sans-structure")
    young = create_user(role="young", pseudonym="jeune-partout")
    for pro, structure in ((pro_lille, lille), (pro_douai, douai)):
        database.session.add(Person(structure=structure, user_id=pro.id, first_name="A",
                                    last_name=pro.pseudonym, role="Conseil"))
    database.session.flush()
    login(regional["admin"])
    page = client.get("/admin/users?q=-").get_data(as_text=True)
    assert "pro-douai-x" in page and "editor-douai" in page and "pro-sans-structure" in page
    assert "pro-lille-x" not in page and "jeune-partout" not in page
    token = csrf_token(client, "/admin/users")
    for target in (pro_lille, young):
        assert client.post(f"/admin/users/{target.id}/active",
                           data={"csrf_token": token}).status_code == 404
        assert client.post(f"/admin/users/{target.id}/role",
                           data={"csrf_token": token, "role": "editor"}).status_code == 404
    # A role they give holds in their territories only, never everywhere.
    assert client.post(f"/admin/users/{pro_douai.id}/role",
                       data={"csrf_token": token, "role": "admin"}).status_code == 302
    database.session.refresh(pro_douai)
    assert pro_douai.role == Role.ADMIN
    assert set(database.session.scalars(db.select(RoleScope.territory_id).where(
        RoleScope.user_id == pro_douai.id))) == {douaisis.id}
    del unattached


def test_the_moderation_queue_shows_only_the_territorys_local_categories(
        client, login, database, create_user, default_territory, douaisis, regional):
    categories = database.session.scalars(db.select(ForumCategory).order_by(ForumCategory.id)
                                          .limit(2)).all()
    set_category_territory(categories[0].id, default_territory)
    set_category_territory(categories[1].id, douaisis)
    author = create_user(role="young", pseudonym="nouvelle-plume")
    _, held_lille = create_topic(categories[0], author, title="Question lilloise",
                                 body="Un premier message qui attend la modération.")
    _, held_douai = create_topic(categories[1], author, title="Question douaisienne",
                                 body="Un autre premier message qui attend.")
    database.session.flush()
    assert held_lille.held_reason and held_douai.held_reason
    login(regional["moderator"])
    page = client.get("/forum/moderation/").get_data(as_text=True)
    assert "Question douaisienne" in page and "Question lilloise" not in page
    token = csrf_token(client, "/forum/moderation/")
    assert client.post(f"/forum/moderation/posts/{held_lille.id}/approve",
                       data={"csrf_token": token}).status_code == 404
