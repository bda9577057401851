"""The guide's search through the public API, as a partner site would use it."""

import pytest

from portal.geo.distance import haversine_km
from portal.geo.gazetteer import get_gazetteer


@pytest.fixture
def roubaix_area(create_structure, create_person):
    """Housing help at known distances from Roubaix (59100)."""
    made = {
        "roubaix": create_structure("Foyer Horizon Roubaix", commune="59512",
                                    description="Aide au logement des jeunes, hébergement."),
        "tourcoing": create_structure("Logement Jeunes Tourcoing", commune="59599",
                                      description="Trouver un logement, colocation."),
        "lille": create_structure("Point logement Lille", commune="59350",
                                  description="Logement et hébergement d'urgence."),
        "seclin": create_structure("Accueil logement Seclin", commune="59560",
                                   description="Logement temporaire."),
        "job": create_structure("Emploi Roubaix", commune="59512", themes=("emploi",),
                                description="Trouver un emploi ou une alternance."),
    }
    made["person"] = create_person(made["roubaix"], first_name="Samia", channels=("email", "chat"),
                                   role="Conseillère logement")
    return made


def _search(client, **params):
    response = client.get("/api/v1/directory/search", query_string=params)
    assert response.status_code == 200, response.json
    return response.json


def test_housing_near_roubaix_within_5_km_nearest_first(client, roubaix_area):
    body = _search(client, q="logement", near="59100", radius_km=5, sort="distance")
    roubaix = get_gazetteer().by_insee("59512")
    assert body["total"] == len(body["results"]) > 0
    distances = [r["distance_km"] for r in body["results"]]
    assert distances == sorted(distances)
    for r in body["results"]:
        assert r["distance_km"] <= 5
        assert abs(haversine_km(roubaix.lat, roubaix.lon, r["lat"], r["lon"]) - r["distance_km"]) < 0.11
    names = {r["name"] for r in body["results"]}
    assert "Foyer Horizon Roubaix" in names and "Logement Jeunes Tourcoing" in names
    assert "Accueil logement Seclin" not in names  # ~17 km away
    assert "Emploi Roubaix" not in names


def test_typos_still_find_housing(client, roubaix_area):
    names = {r["name"] for r in _search(client, q="logemnt", near="59100", radius_km=15)["results"]}
    assert "Foyer Horizon Roubaix" in names


def test_results_carry_ids_types_channels_and_urls(client, roubaix_area):
    body = _search(client, q="logement", near="Roubaix", radius_km=2, type="person")
    [person] = body["results"]
    assert person["id"] == f"person-{roubaix_area['person'].id}"
    assert person["type"] == "person" and person["structure"] == "Foyer Horizon Roubaix"
    assert set(person["channels"]) == {"chat", "email"}
    assert client.get(person["url"]).status_code == 200
    entry = client.get(f"/api/v1/directory/entries/{person['id']}").json
    assert entry["name"] == "Samia Exemple" and entry["structure"]["name"] == "Foyer Horizon Roubaix"
    assert "email" not in entry or entry.get("email") is None  # the person's address is never published


def test_facets_count_every_match(client, roubaix_area):
    body = _search(client, near="Lille", radius_km=30, per_page=1)
    assert body["total"] >= 5 and len(body["results"]) == 1
    assert body["facets"]["themes"]["autonomie"] >= 4
    communes = {c["insee"]: c["count"] for c in body["facets"]["communes"]}
    assert communes["59512"] >= 2


@pytest.mark.parametrize("params, field", [
    ({"radius_km": "far"}, "radius_km"), ({"age": 99}, "age"), ({"theme": "nope"}, "theme"),
    ({"sort": "distance"}, "sort"), ({"per_page": 500}, "per_page"),
])
def test_bad_parameters_get_422_naming_them(client, database, params, field):
    response = client.get("/api/v1/directory/search", query_string=params)
    assert response.status_code == 422
    assert field in str(response.json["errors"])


def test_unknown_place_gets_422_with_close_names(client, database):
    response = client.get("/api/v1/directory/search", query_string={"near": "Roubaiks"})
    assert response.status_code in (200, 422)  # a near miss may resolve; a far one must not
    response = client.get("/api/v1/directory/search", query_string={"near": "Lile"})
    assert response.status_code == 422 and "Lille" in response.json["message"]


def test_unknown_entry_is_404_json(client, database):
    for key in ("person-999999", "nonsense", "structure-abc"):
        response = client.get(f"/api/v1/directory/entries/{key}")
        assert response.status_code == 404 and response.is_json


def test_communes_api(client, database):
    body = client.get("/api/v1/communes", query_string={"q": "marcq en baroeul"}).json
    assert body[0]["name"] == "Marcq-en-Barœul" and body[0]["insee"] == "59378"
    for q, expected in (("Mouscron", "Mouscron"), ("Kortrijk", "Kortrijk"), ("Courtrai", "Kortrijk")):
        first = client.get("/api/v1/communes", query_string={"q": q}).json[0]
        assert first["name"] == expected and first["country"] == "BE"
    assert client.get("/api/v1/communes").status_code == 422


def test_openapi_describes_the_guide(client, database):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/communes", "/api/v1/directory/search",
            "/api/v1/directory/entries/{entry_id}"} <= set(paths)
