"""The guide's pages work without JavaScript: a form, a list, links."""

from portal.directory.models import EntryStatus


def test_search_page_lists_results_with_distances_and_facets(client, create_structure,
                                                             create_person):
    structure = create_structure("Mission locale de Roubaix", commune="59512",
                                 description="Logement, emploi et santé des jeunes.",
                                 opening_hours="Mo-Su 00:00-24:00")
    create_person(structure, first_name="Inès")
    page = client.get("/guide/", query_string={"q": "logement", "near": "59100", "radius_km": 5},
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Mission locale de Roubaix" in page and "Inès Exemple" in page
    assert "within 5 km of Roubaix" in page
    assert " km</strong>" in page
    assert "<mark>" in page  # highlights
    assert 'href="/guide/structures/' in page


def test_search_form_keeps_input_and_explains_unknown_places(client, database):
    response = client.get("/guide/", query_string={"q": "stage", "near": "Lile"},
                          headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert 'value="stage"' in page and 'value="Lile"' in page
    assert "We do not know the place" in page and "Lille" in page


def test_search_page_refuses_bad_values_in_the_page_language(client, database):
    response = client.get("/guide/", query_string={"q": "x", "age": "200"},
                          headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_structure_page_shows_hours_people_and_freshness(client, create_structure, create_person,
                                                         create_service):
    structure = create_structure("CIO Lille Centre", commune="59350", kind="cio",
                                 opening_hours="Mo-Fr 09:00-17:00", phone="01 99 00 12 34")
    create_person(structure, first_name="Léo", role="Psychologue de l'Éducation nationale")
    create_service(structure, name="Atelier orientation")
    response = client.get(f"/guide/structures/{structure.id}", headers={"Accept-Language": "en"})
    assert response.status_code == 301  # to the address with the slug
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    for text in ("CIO Lille Centre", "Léo Exemple", "Atelier orientation", "09:00–17:00",
                 "Information checked on", "tel:0199001234"):
        assert text in page


def test_unpublished_entries_are_not_shown(client, create_structure, create_person):
    structure = create_structure(status=EntryStatus.PENDING)
    person = create_person(structure)
    assert client.get(f"/guide/structures/{structure.id}").status_code == 404
    assert client.get(f"/guide/persons/{person.id}").status_code == 404
    assert client.get(f"/api/v1/directory/entries/person-{person.id}").status_code == 404
