"""Results never stop at a border: an entry is found from the communes it
serves, beyond the radius and across the border, through the real index."""

from __future__ import annotations

from portal.core.commit import commit
from portal.directory.models import Service
from portal.geo.distance import haversine_km
from portal.geo.gazetteer import get_gazetteer
from portal.territories.operations import set_served_area


def _names(client, **params):
    response = client.get("/api/v1/directory/search", query_string=params)
    assert response.status_code == 200, response.json
    return {r["name"]: r for r in response.json["results"]}


def test_a_mouscron_service_reaches_a_young_person_in_tourcoing(client, database,
                                                                create_structure):
    gazetteer = get_gazetteer()
    tourcoing, mouscron = gazetteer.by_insee("59599"), gazetteer.by_insee("BE-54007")
    assert haversine_km(tourcoing.lat, tourcoing.lon, mouscron.lat, mouscron.lon) > 3
    serving = create_structure("Infor Jeunes Mouscron logement", commune="BE-54007",
                               description="Trouver un logement quand on est jeune.")
    serving.services.append(Service(name="Permanence kot", description="Logement étudiant.",
                                    themes=["logement"]))
    create_structure("AMO Mouscron logement", commune="BE-54007",
                     description="Logement des jeunes, accompagnement.")
    local = create_structure("Logement Jeunes Tourcoing", commune="59599",
                             description="Trouver un logement.")
    commit()
    near_tourcoing = {"q": "logement", "near": "59200", "radius_km": 2}
    assert set(_names(client, **near_tourcoing)) == {local.name}
    set_served_area(serving.id, ["59599"])
    commit()
    found = _names(client, **near_tourcoing)
    assert set(found) == {local.name, serving.name, "Permanence kot"}
    assert found[serving.name]["distance_km"] > 2  # beyond the radius, and still found
    # From elsewhere the radius still holds: Lille is not served.
    assert serving.name not in _names(client, q="logement", near="59000", radius_km=2)
    set_served_area(serving.id, [])
    commit()
    assert set(_names(client, **near_tourcoing)) == {local.name}
