"""Open data in the data·inclusion schema: the export validates with the
schema's own package; an import makes new entries wait for review, matches
existing ones and reports rejections; export → validate → import into an
empty install gives the same entries."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from sqlalchemy.orm import Session

from portal.core.commit import commit
from portal.directory.models import EntryStatus, PendingChange, Service, Structure, StructureKind
from portal.geo.gazetteer import get_gazetteer
from portal.territories.models import ServedCommune
from portal.territories.operations import set_served_area
from tests.support import flask_env, run_flask

ENTRIES = [
    # (commune, name, kind, description, services: (name, description, themes, free, ages))
    ("59599", "Mission locale de Tourcoing (test)", StructureKind.MISSION_LOCALE,
     "Accompagnement vers l'emploi et la formation des 16-25 ans.",
     [("Garantie jeunes", "Un accompagnement intensif d'un an vers l'emploi.",
       ["emploi", "insertion"], True, (16, 25))]),
    ("BE-54007", "Infor Jeunes Mouscron (test)", StructureKind.INFOR_JEUNES,
     "Information jeunesse : logement, jobs étudiants, droits.",
     [("Permanence logement", "Trouver un kot ou un premier appartement.",
       ["logement"], True, (15, 30)),
      ("Jobs étudiants", "Les règles du travail étudiant en Belgique.", ["emploi"], False,
       (15, 25))]),
    ("59350", "Association sans description", StructureKind.ASSOCIATION, "", []),
]


@pytest.fixture
def guide(database, fresh_index):
    made = []
    gazetteer = get_gazetteer()
    for code, name, kind, description, services in ENTRIES:
        commune = gazetteer.by_insee(code)
        structure = Structure(
            name=name, slug=name.lower().replace(" ", "-"), kind=kind, description=description,
            address="3 rue de l'Exemple", postal_code=commune.postal_codes[0],
            commune_insee=commune.insee, commune_name=commune.name, country=commune.country,
            lat=commune.lat + 0.001, lon=commune.lon, phone="03 20 00 00 00",
            email="accueil@example.org", website="https://example.org/structure",
            opening_hours="Mo-Fr 09:00-17:00", themes=["emploi"])
        for s_name, s_description, themes, free, (age_min, age_max) in services:
            structure.services.append(Service(name=s_name, description=s_description,
                                              themes=themes, free_of_charge=free,
                                              age_min=age_min, age_max=age_max))
        database.session.add(structure)
        made.append(structure)
    # An archived one never leaves.
    database.session.add(Structure(name="Fermée", slug="fermee", kind=StructureKind.OTHER,
                                   commune_insee="59350", commune_name="Lille", lat=50.6,
                                   lon=3.0, status=EntryStatus.ARCHIVED))
    database.session.flush()
    set_served_area(made[1].id, ["59599", "59512"])  # Mouscron serves Tourcoing and Roubaix
    commit()
    return made


def _exported(client):
    structures = client.get("/api/v1/open-data/data-inclusion/structures.json")
    services = client.get("/api/v1/open-data/data-inclusion/services.json")
    assert structures.status_code == 200 and services.status_code == 200
    return structures.get_json(), services.get_json()


def test_the_export_validates_with_the_data_inclusion_schema(client, guide):
    structures, services = _exported(client)
    assert {s["nom"] for s in structures} == {e[1] for e in ENTRIES}
    for record in structures:
        # Warnings too (the schema's "avertissements"), not only errors.
        DIStructure.model_validate(record, context={"ignore_warnings": False})
    for record in services:
        DIService.model_validate(record, context={"ignore_warnings": False})
    assert len(services) == 3
    mouscron = next(s for s in structures if s["nom"].startswith("Infor Jeunes"))
    assert mouscron["code_insee"] is None and mouscron["commune"] == "Mouscron"
    assert mouscron["reseaux_porteurs"] == ["reseau-information-jeunesse"]
    lodging = next(s for s in services if s["nom"] == "Permanence logement")
    assert lodging["zone_eligibilite"] == ["59512", "59599"]
    assert lodging["thematiques"] == ["logement-hebergement--louer-un-logement"]
    assert "private" not in json.dumps(structures)  # people are never exported


def test_an_unknown_territory_is_a_404_naming_it(client, guide):
    response = client.get("/api/v1/open-data/data-inclusion/structures.json?territory=nowhere")
    assert response.status_code == 404 and "nowhere" in response.get_json()["message"]
    lille = client.get("/api/v1/open-data/data-inclusion/structures.json?territory=lille")
    assert len(lille.get_json()) == 3  # Mouscron is in the default territory


def test_an_import_waits_for_review_matches_and_reports(app, database, guide, tmp_path):
    from portal.territories.open_data import import_records

    records = [
        {"source": "dora", "id": "dora--1", "nom": "Point jeunes de Douai",
         "date_maj": "2025-03-01", "code_insee": "59178", "commune": "Douai",
         "reseaux_porteurs": ["reseau-information-jeunesse"]},
        {"source": "dora", "id": "dora--2", "nom": "Mission locale de Tourcoing (test)",
         "date_maj": "2025-03-01", "code_insee": "59599"},  # already in the guide
        {"source": "dora", "id": "dora--3", "nom": "X", "date_maj": "2025-03-01",
         "code_insee": "59178"},  # too short a name
        {"source": "dora", "id": "dora--4", "nom": "Nulle part", "date_maj": "2025-03-01"},
        {"source": "dora", "id": "dora--5", "nom": "Demain", "date_maj": "2999-01-01",
         "code_insee": "59178"},
    ]
    services = [{"source": "dora", "structure_id": "dora--1", "id": "dora--s1",
                 "nom": "Aide au permis", "description": "Financer son permis de conduire.",
                 "date_maj": "2025-03-01", "thematiques": ["mobilite--preparer-un-permis"],
                 "zone_eligibilite": ["59178", "59017"]}]
    report = import_records(records, services)
    assert [r["id"] for r in report["created"]] == ["dora--1"]
    assert report["matched"] == [{"id": "dora--2", "structure_id": guide[0].id}]
    rejected = {r["id"]: " ".join(r["reasons"]) for r in report["rejected"]}
    assert set(rejected) == {"dora--3", "dora--4", "dora--5"}
    assert "nom" in rejected["dora--3"] and "commune" in rejected["dora--4"]
    assert "date_maj" in rejected["dora--5"]
    new = database.session.get(Structure, report["created"][0]["structure_id"])
    assert new.status == EntryStatus.PENDING and new.kind == StructureKind.PIJ
    assert [s.themes for s in new.services] == [["mobilite"]]
    assert {c.code for c in database.session.scalars(database.select(ServedCommune).where(
        ServedCommune.structure_id == new.id))} == {"59017"}
    assert database.session.scalar(database.select(PendingChange).where(
        PendingChange.entity == "import", PendingChange.entity_id == new.id)) is not None
    # The same file again: nothing new, everything matched.
    again = import_records(records[:2], [])
    assert again["created"] == [] and len(again["matched"]) == 2


def _carried(structure: Structure, served: set[str]) -> dict:
    """An entry as the schema carries it."""
    from portal.territories.open_data import NETWORK_OF_KIND

    return {"name": structure.name, "commune": structure.commune_insee,
            "address": structure.address, "postal_code": structure.postal_code,
            "lat": round(structure.lat, 5), "lon": round(structure.lon, 5),
            "phone": structure.phone, "email": structure.email,
            "website": (structure.website or "").rstrip("/"),
            "hours": structure.opening_hours, "description": structure.description,
            "network": NETWORK_OF_KIND.get(structure.kind), "served": served,
            "services": sorted((s.name, s.description, tuple(sorted(s.themes)),
                                s.free_of_charge, s.age_min, s.age_max)
                               for s in structure.services)}


def test_round_trip_into_an_empty_install(client, guide, tmp_path, database):
    structures, services = _exported(client)
    for record in structures:
        DIStructure.model_validate(record)
    for record in services:
        DIService.model_validate(record)
    (tmp_path / "structures.json").write_text(json.dumps(structures), encoding="utf-8")
    (tmp_path / "services.json").write_text(json.dumps(services), encoding="utf-8")
    before = sorted((_carried(s, {c.code for c in database.session.scalars(
        database.select(ServedCommune).where(ServedCommune.structure_id == s.id))})
        for s in guide), key=lambda e: e["name"])

    # The empty install: another instance, its schema from the migrations,
    # the import by its command line, as a CRIJ starting its guide would.
    other = tmp_path / "other"
    other.mkdir()
    env = flask_env(other, PORTAL_SECRET_KEY="other")
    run_flask(env, "db", "upgrade", "heads")
    engine = sa.create_engine(f"sqlite:///{other / 'portal.db'}")
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM directory_structures")) == 0
    result = run_flask(env, "directory", "import", str(tmp_path / "structures.json"),
                       str(tmp_path / "services.json"), "--report", str(tmp_path / "report.json"))
    assert "3 new structures waiting for review" in result.stdout, result.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["created"]) == 3 and not report["rejected"]
    with Session(engine) as session:
        after = sorted((_carried(s, {c.code for c in session.scalars(
            sa.select(ServedCommune).where(ServedCommune.structure_id == s.id))})
            for s in session.scalars(sa.select(Structure))), key=lambda e: e["name"])
        waiting = session.scalar(sa.select(sa.func.count()).select_from(PendingChange)
                                 .where(PendingChange.entity == "import"))
        statuses = set(session.scalars(sa.select(Structure.status)))
    engine.dispose()
    assert statuses == {EntryStatus.PENDING}
    assert waiting == 3
    # Served areas travel in the services' zone_eligibilite, and a structure
    # without services has none to carry.
    assert after == before
