"""Entries stay fresh: professionals edit them, stale ones are flagged,
expired ones leave the searches until someone checks them again."""

import re
from datetime import timedelta

from portal.accounts.models import ProfessionalStatus
from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import PendingChange, Structure
from portal.directory.tasks import remind_stale_entries
from tests.support import csrf_token


def _names(client, **params):
    body = client.get("/api/v1/directory/search", query_string=params).json
    return {r["name"] for r in body["results"]}


def _pro(create_user, **fields):
    return create_user(role="professional", email=fields.pop("email", "pro@example.org"),
                       full_name="Alex Pro", professional_status=ProfessionalStatus.VERIFIED,
                       **fields)


def test_an_edit_by_a_professional_is_found_by_the_next_search(
        client, login, create_user, create_structure, create_person, database):
    structure = create_structure("Maison des jeunes", commune="59512")
    user = _pro(create_user)
    person = create_person(structure, first_name="Alex", user_id=user.id, themes=("emploi",))
    login(user)
    assert "Alex Exemple" not in _names(client, q="trottinette")
    page = f"/guide/persons/{person.id}/edit"
    token = csrf_token(client, page)
    response = client.post(page, data={
        "csrf_token": token, "first_name": "Alex", "last_name": "Exemple", "role": "Conseiller",
        "description": "Aide pour réparer ta trottinette et trouver un stage.",
        "themes": ["mobilite"], "age_min": 16, "age_max": 25, "languages": ["fr"],
        "channels": ["email"], "email": "alex@example.org", "phone": ""})
    assert response.status_code == 302
    assert "Alex Exemple" in _names(client, q="trottinette")
    database.session.refresh(person)
    assert person.themes == ["mobilite", "autonomie"]
    assert utcnow() - person.last_checked_at < timedelta(minutes=1)


def test_professionals_cannot_edit_someone_elses_entry(client, login, create_user, create_structure,
                                                     create_person):
    structure = create_structure()
    other = create_person(structure, first_name="Other")
    mine = _pro(create_user)
    create_person(structure, first_name="Me", user_id=mine.id)
    login(mine)
    assert client.get(f"/guide/persons/{other.id}/edit").status_code == 403
    assert client.get(f"/guide/structures/{structure.id}/edit").status_code == 403


def test_a_structure_editor_may_edit_the_structure(client, login, create_user, create_structure,
                                                  create_person):
    structure = create_structure()
    user = _pro(create_user)
    create_person(structure, user_id=user.id, can_edit_structure=True)
    login(user)
    assert client.get(f"/guide/structures/{structure.id}/edit").status_code == 200


def test_an_entry_unchecked_for_13_months_leaves_searches_and_comes_back_when_checked(
        client, login, create_user, create_structure, database):
    old = create_structure("Vieille adresse logement", months_unchecked=13)
    create_structure("Adresse logement récente")
    names = _names(client, q="logement", near="59100", radius_km=10)
    assert "Adresse logement récente" in names and "Vieille adresse logement" not in names
    # Still reachable by its address, with a warning.
    page = client.get(f"/guide/structures/{old.id}", follow_redirects=True,
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "more than a year ago" in page
    login(create_user(role="admin"))
    token = csrf_token(client, "/guide/review")
    client.post(f"/guide/structure/{old.id}/confirm", data={"csrf_token": token})
    assert "Vieille adresse logement" in _names(client, q="logement", near="59100", radius_km=10)


def test_stale_entries_are_flagged_to_their_owners_once(app, create_structure, create_person,
                                                        create_user, mailbox, database):
    stale = create_structure("Structure à vérifier", months_unchecked=7, email="accueil@example.org")
    owner = _pro(create_user, email="owner@example.org")
    create_person(stale, user_id=owner.id, can_edit_structure=True)
    create_structure("Structure à jour", email="fresh@example.org")
    with app.test_request_context():
        remind_stale_entries.call_local()
    recipients = sorted(m["To"] for m in mailbox)
    assert "owner@example.org" in recipients and "fresh@example.org" not in recipients
    link = re.search(r"https?://\S+/guide/check/\S+", mailbox[0].get_content()).group(0)
    count = len(mailbox)
    with app.test_request_context():
        remind_stale_entries.call_local()
    assert len(mailbox) == count  # not twice for the same period
    # One click on the link re-checks the entry.
    client = app.test_client()
    path = link.split("://", 1)[1].split("/", 1)[1]
    token = csrf_token(client, "/" + path)
    assert client.post("/" + path, data={"csrf_token": token}).status_code == 200
    database.session.refresh(stale)
    assert not stale.is_stale


def test_a_new_structure_waits_for_an_administrator(client, login, create_user, database, mailbox):
    user = _pro(create_user)
    login(user)
    token = csrf_token(client, "/guide/structures/new")
    response = client.post("/guide/structures/new", data={
        "csrf_token": token, "name": "Nouvelle asso jeunesse", "kind": "association",
        "description": "Accompagnement des jeunes vers le logement.", "address": "3 rue Neuve",
        "commune": "Wattrelos", "themes": ["logement"], "age_min": 16, "age_max": 25,
        "languages": ["fr"], "opening_hours": "Mo-Fr 09:00-17:00"})
    assert response.status_code == 302
    assert database.session.query(Structure).filter_by(name="Nouvelle asso jeunesse").count() == 0
    change = database.session.query(PendingChange).one()
    assert "Nouvelle asso jeunesse" not in _names(client, q="asso jeunesse")
    client.post("/account/logout", data={"csrf_token": token})
    login(create_user(role="admin"))
    token = csrf_token(client, "/guide/review")
    assert client.post(f"/guide/review/{change.id}/approve", data={"csrf_token": token}).status_code == 302
    assert "Nouvelle asso jeunesse" in _names(client, q="asso jeunesse")
    structure = database.session.query(Structure).filter_by(name="Nouvelle asso jeunesse").one()
    assert structure.commune_insee == "59650" and structure.persons[0].user_id == user.id


def test_opening_hours_are_validated(client, login, create_user, create_structure, create_person):
    structure = create_structure()
    user = _pro(create_user)
    create_person(structure, user_id=user.id, can_edit_structure=True)
    login(user)
    page = f"/guide/structures/{structure.id}/edit"
    token = csrf_token(client, page)
    response = client.post(page, data={
        "csrf_token": token, "name": structure.name, "kind": "cio", "address": "1 rue",
        "commune": "Roubaix", "themes": ["logement"], "age_min": 13, "age_max": 30,
        "opening_hours": "lundi matin"}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "not in the expected format" in response.get_data(as_text=True)
    assert 'value="lundi matin"' in response.get_data(as_text=True)


def test_commit_without_changes_writes_no_outbox(database):
    from search_index.models import SearchOutbox

    before = database.session.query(SearchOutbox).count()
    commit()
    assert database.session.query(SearchOutbox).count() == before
