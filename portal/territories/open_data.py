"""The guide in the data·inclusion schema (https://data.inclusion.gouv.fr):
export of its structures and services, and import of a data·inclusion file —
so that a CRIJ starts its guide from the national open data, and CRIJs
exchange theirs.

What the schema carries is what travels: name, place, contact, hours,
description, the network a structure belongs to (``reseaux_porteurs``, from
its kind), and for services their themes (``thematiques``, through the
table below), cost, ages and served area (``zone_eligibilite``). People
are never exported. A Belgian municipality has no INSEE code: its entries
go with their position and commune name, and come back through the
gazetteer's nearest commune.
"""

from __future__ import annotations

import re
from datetime import date

from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.directory import EntryStatus, Service, Structure, StructureKind
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.territories.models import ServedCommune, TerritoryCommune

SOURCE = "passerelle"

K = StructureKind
#: Our kinds as data·inclusion networks; a kind without one travels without.
NETWORK_OF_KIND = {
    K.MISSION_LOCALE: "mission-locale", K.PIJ: "reseau-information-jeunesse",
    K.CRIJ: "reseau-information-jeunesse", K.INFOR_JEUNES: "reseau-information-jeunesse",
    K.CAF: "caf", K.FRANCE_TRAVAIL: "france-travail", K.FJT: "residences-fjt",
    K.SOCIAL: "maisons-des-solidarites", K.CPAS: "ccas-cias", K.MUNICIPAL: "communes",
}
KIND_OF_NETWORK = {
    "mission-locale": K.MISSION_LOCALE, "reseau-information-jeunesse": K.PIJ,
    "caf": K.CAF, "france-travail": K.FRANCE_TRAVAIL, "residences-fjt": K.FJT,
    "maisons-des-solidarites": K.SOCIAL, "ccas-cias": K.SOCIAL, "communes": K.MUNICIPAL,
    "maisons-de-l-emploi": K.FRANCE_TRAVAIL, "mjc": K.ASSOCIATION,
    "ecoles-de-la-deuxieme-chance": K.OTHER,
}
#: Belgium names the same networks differently.
BELGIAN_KIND = {K.PIJ: K.INFOR_JEUNES, K.SOCIAL: K.CPAS}

#: Each theme code (docs: the five fields) as one data·inclusion thematique,
#: one to one so that an exchange between two Passerelles keeps the themes.
THEMATIQUE_OF_THEME = {
    "decrochage": "remobilisation--bien-etre-confiance-en-soi",
    "scolaire": "se-former--trouver-sa-formation",
    "universitaire": "se-former--monter-son-dossier-de-formation",
    "apprentissage": "preparer-sa-candidature--valoriser-ses-competences",
    "orientation": "choisir-un-metier--confirmer-son-choix-de-metier",
    "metiers": "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
    "marche-emploi": "choisir-un-metier--connaitre-les-opportunites-demploi",
    "parcours": "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
    "emploi": "trouver-un-emploi--repondre-a-des-offres-demploi",
    "alternance": "trouver-un-emploi--faire-des-candidatures-spontanees",
    "discriminations": "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
    "creation-entreprise": "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
    "insertion": "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "autonomie": "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "ressources": "difficultes-financieres--acquerir-une-autonomie-budgetaire",
    "logement": "logement-hebergement--louer-un-logement",
    "sante": "sante--acces-aux-soins",
    "mobilite": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "engagement": "remobilisation--benevolat-action-citoyenne",
    "service-civique": "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
    "expression": "remobilisation--lien-social",
    "culture-sport": "remobilisation--activites-sportives-et-culturelles",
    "mobilite-internationale": "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger",
}
THEME_OF_THEMATIQUE = {v: k for k, v in THEMATIQUE_OF_THEME.items()}
#: Any other thematique counts for the field of its category.
THEME_OF_CATEGORY = {
    "choisir-un-metier": "orientation", "se-former": "orientation",
    "creer-une-entreprise": "emploi", "preparer-sa-candidature": "emploi",
    "trouver-un-emploi": "emploi", "difficultes-administratives-ou-juridiques": "autonomie",
    "difficultes-financieres": "ressources", "equipement-et-alimentation": "ressources",
    "famille": "autonomie", "numerique": "autonomie", "logement-hebergement": "logement",
    "mobilite": "mobilite", "sante": "sante", "remobilisation": "engagement",
    "lecture-ecriture-calcul": "decrochage", "souvrir-a-linternational": "mobilite-internationale",
}
AGES = re.compile(r"(\d{1,2}) à (\d{1,2}) ans")
POSTAL = re.compile(r"^\d{5}$")


def _ext_id(kind: str, row_id: int) -> str:
    return f"{SOURCE}--{kind}-{row_id}"


def _exported_structures(territory_id: int | None = None):
    stmt = (db.select(Structure).where(Structure.status == EntryStatus.PUBLISHED)
            .order_by(Structure.id))
    if territory_id is not None:
        # Whose commune is in the territory (served areas are the services').
        stmt = stmt.where(Structure.commune_insee.in_(
            db.select(TerritoryCommune.code).where(TerritoryCommune.territory_id == territory_id)))
    return [s for s in db.session.scalars(stmt) if not s.is_expired]


def _place(structure: Structure) -> dict:
    french = structure.country == "FR"
    return {
        "commune": structure.commune_name,
        "code_postal": structure.postal_code if POSTAL.match(structure.postal_code or "") else None,
        "code_insee": structure.commune_insee if french else None,
        "adresse": structure.address or None,
        "longitude": structure.lon, "latitude": structure.lat,
        "telephone": structure.phone or None, "courriel": structure.email or None,
    }


def _day(structure) -> str:
    return min(structure.last_checked_at.date(), date.today()).isoformat()


def structure_record(structure: Structure) -> dict:
    network = NETWORK_OF_KIND.get(structure.kind)
    return {
        "source": SOURCE, "id": _ext_id("structure", structure.id),
        "nom": structure.name.rstrip(".")[:150], "date_maj": _day(structure),
        "description": structure.description if len(structure.description or "") >= 5 else None,
        "lien_source": external_url("directory.structure", structure_id=structure.id,
                                    slug=structure.slug),
        "siret": None, **_place(structure), "complement_adresse": None,
        "site_web": structure.website or None, "horaires_accueil": structure.opening_hours or None,
        "accessibilite_lieu": None, "reseaux_porteurs": [network] if network else None,
    }


def service_record(service: Service, served: list[str]) -> dict:
    structure = service.structure
    description = service.description if len(service.description or "") >= 5 else service.name
    thematiques = sorted({THEMATIQUE_OF_THEME[t] for t in service.themes
                          if t in THEMATIQUE_OF_THEME})
    zone = [c for c in served if not c.startswith("BE-")]
    return {
        "source": SOURCE, "structure_id": _ext_id("structure", structure.id),
        "id": _ext_id("service", service.id), "nom": service.name.rstrip(".")[:150],
        "description": description, "date_maj": _day(structure),
        "lien_source": external_url("directory.structure", structure_id=structure.id,
                                    slug=structure.slug),
        "type": None, "thematiques": thematiques or None,
        "frais": "gratuit" if service.free_of_charge else "payant",
        "publics": ["jeunes"],
        "publics_precisions": f"De {service.age_min} à {service.age_max} ans.",
        **_place(structure), "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": ([structure.commune_insee] if structure.country == "FR" else [])
        + zone or None,
    }


def export_structures(territory_id: int | None = None) -> list[dict]:
    return [structure_record(s) for s in _exported_structures(territory_id)]


def export_services(territory_id: int | None = None) -> list[dict]:
    structures = _exported_structures(territory_id)
    served: dict[int, list[str]] = {}
    ids = [s.id for s in structures]
    for structure_id, code in db.session.execute(
            db.select(ServedCommune.structure_id, ServedCommune.code)
            .where(ServedCommune.structure_id.in_(ids)).order_by(ServedCommune.code)):
        served.setdefault(structure_id, []).append(code)
    return [service_record(service, served.get(s.id, []))
            for s in structures for service in s.services]


# --- import ---------------------------------------------------------------------

def _reasons(error) -> list[str]:
    return [f"{'.'.join(map(str, e['loc'])) or '-'}: {e['msg']}" for e in error.errors()]


def _commune(record: dict):
    gazetteer = get_gazetteer()
    if record.get("code_insee") and (found := gazetteer.by_insee(record["code_insee"])):
        return found
    if record.get("latitude") is not None and record.get("longitude") is not None:
        found = gazetteer.nearest(record["latitude"], record["longitude"], max_km=5)
        if found is not None:
            return found
    if record.get("commune"):
        return gazetteer.resolve(record["commune"])
    return None


def _key(name: str, commune_code: str) -> tuple[str, str]:
    from portal.core.text import fold

    return fold(name).strip(), commune_code


def import_records(structures: list, services: list) -> dict:
    """Import data·inclusion records: a new structure waits, unpublished,
    in the guide's review (with its services); one already in the guide
    (same name in the same commune) is matched and left as the guide has
    it; a record the schema refuses, or whose place is unknown, is rejected
    with the reasons. Returns the report."""
    import pydantic
    from data_inclusion.schema.v1 import Service as DIService
    from data_inclusion.schema.v1 import Structure as DIStructure

    from portal.directory import PendingChange, structure_slug

    report = {"created": [], "matched": [], "rejected": [], "services": 0,
              "services_rejected": []}
    # Services first: a structure is written once, with its services, so the
    # search index reads each of them once.
    services_of: dict[str, list[dict]] = {}
    for raw in services:
        ident = raw.get("id") if isinstance(raw, dict) else None
        try:
            record = DIService.model_validate(raw)
        except pydantic.ValidationError as error:
            report["services_rejected"].append({"id": ident, "reasons": _reasons(error)})
            continue
        data = record.model_dump(mode="json")
        services_of.setdefault(data["structure_id"], []).append(data)
    existing = {_key(name, code): sid for sid, name, code in db.session.execute(
        db.select(Structure.id, Structure.name, Structure.commune_insee)
        .where(Structure.status != EntryStatus.ARCHIVED))}
    today = utcnow()
    served_of: dict[int, set[str]] = {}
    for raw in structures:
        ident = raw.get("id") if isinstance(raw, dict) else None
        try:
            record = DIStructure.model_validate(raw)
        except pydantic.ValidationError as error:
            report["rejected"].append({"id": ident, "reasons": _reasons(error)})
            continue
        data = record.model_dump(mode="json")
        commune = _commune(data)
        if commune is None:
            report["rejected"].append({"id": ident, "reasons": ["commune: unknown place"]})
            continue
        key = _key(data["nom"], commune.insee)
        if key in existing:
            # Kept as the guide has it: a local CRIJ's edits win over the file.
            report["matched"].append({"id": ident, "structure_id": existing[key]})
            continue
        networks = data.get("reseaux_porteurs") or []
        kind = next((KIND_OF_NETWORK[n] for n in networks if n in KIND_OF_NETWORK), K.OTHER)
        if commune.country == "BE":
            kind = BELGIAN_KIND.get(kind, kind)
        checked = date.fromisoformat(data["date_maj"])
        structure = Structure(
            slug=structure_slug(data["nom"]), name=data["nom"], kind=kind,
            description=data.get("description") or "", address=data.get("adresse") or "",
            postal_code=data.get("code_postal") or (commune.postal_codes[0]
                                                    if commune.postal_codes else ""),
            commune_insee=commune.insee, commune_name=commune.name, country=commune.country,
            lat=data["latitude"] if data.get("latitude") is not None else commune.lat,
            lon=data["longitude"] if data.get("longitude") is not None else commune.lon,
            phone=data.get("telephone"), email=data.get("courriel"),
            website=data.get("site_web"), opening_hours=data.get("horaires_accueil"),
            themes=[], status=EntryStatus.PENDING,
            last_checked_at=today.replace(year=checked.year, month=checked.month,
                                          day=checked.day))
        served: set[str] = set()
        for service in services_of.get(data["id"], []):
            served |= _add_service(structure, service)
            report["services"] += 1
        db.session.add(structure)
        db.session.flush()
        db.session.add(PendingChange(entity="import", entity_id=structure.id,
                                     payload={"source": data["source"], "id": data["id"]}))
        existing[key] = structure.id
        if served - {structure.commune_insee}:
            served_of[structure.id] = served - {structure.commune_insee}
        report["created"].append({"id": ident, "structure_id": structure.id})
    from portal.territories.operations import set_served_area

    for structure_id, codes in served_of.items():
        set_served_area(structure_id, sorted(codes))
    db.session.flush()
    return report


def _add_service(structure: Structure, data: dict) -> set[str]:
    """Add a data·inclusion service to a new structure; the communes of its
    eligibility zone that the gazetteer knows (departments and EPCI are not
    a served area of communes: left out)."""
    themes = []
    for code in data.get("thematiques") or []:
        theme = THEME_OF_THEMATIQUE.get(code) or THEME_OF_CATEGORY.get(code.split("--")[0])
        if theme and theme not in themes:
            themes.append(theme)
    ages = AGES.search(data.get("publics_precisions") or "")
    age_min, age_max = (int(ages[1]), int(ages[2])) if ages else (13, 30)
    structure.services.append(Service(name=data["nom"], description=data["description"],
                                      free_of_charge=data.get("frais") != "payant",
                                      themes=themes, age_min=age_min, age_max=age_max))
    structure.themes = list(dict.fromkeys([*structure.themes, *themes]))
    gazetteer = get_gazetteer()
    return {c for c in data.get("zone_eligibilite") or []
            if len(c) == 5 and not c.startswith("99") and gazetteer.by_insee(c)}
