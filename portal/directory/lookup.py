"""Reading the guide: the search behind the page and the API, and one entry."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import abort
from sqlalchemy.orm import selectinload

from portal.core.bounds import MAX_ID
from portal.core.time import utcnow
from portal.directory.models import EntryStatus, Person, Service, Structure
from portal.directory.search import entry_key
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.geo.places import Place, resolve_place
from search_index.searcher import DirectoryPage, DirectoryQuery, search_directory

#: The number of an entry key (``person-34``).
ENTRY_NUMBER = re.compile(r"[0-9]{1,10}")


@dataclass
class GuideSearch:
    page: DirectoryPage
    place: Place | None
    sort: str


def search_guide(args: dict) -> GuideSearch:
    """Run a search from validated arguments (schemas.DirectorySearchArgs).

    Raises ``portal.geo.places.UnknownPlace`` for a place that resolves to
    nothing (with close names to suggest).
    """
    place = resolve_place(args["near"]) if args.get("near") else None
    sort = args.get("sort") or ("distance" if place and not args.get("q") else "relevance")
    now = utcnow()
    query = DirectoryQuery(
        text=args.get("q") or "", themes=tuple(args.get("theme") or ()), age=args.get("age"),
        near=(place.lat, place.lon) if place else None, radius_km=args.get("radius_km"),
        open_at=now if args.get("open_now") else None, sort=sort, page=args.get("page") or 1,
        per_page=args.get("per_page"),
        types=(args["type"],) if args.get("type") else None, now=now,
        # territories: entries serving the reader's commune, wherever they are.
        served=(place.commune.insee,) if place and place.commune else ())
    return GuideSearch(search_directory(query), place, sort)


def commune_names(insee_codes) -> dict[str, str]:
    gazetteer = get_gazetteer()
    names = {}
    for code in insee_codes:
        commune = gazetteer.by_insee(code)
        names[code] = commune.name if commune else code
    return names


def structure_addresses(structure_ids) -> dict[int, str]:
    """The street address of each structure shown (one query for a page of hits)."""
    ids = {i for i in structure_ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(db.select(Structure.id, Structure.address)
                              .where(Structure.id.in_(ids)))
    return {sid: address or "" for sid, address in rows}


def hit_payload(hit) -> dict:
    return {
        "id": entry_key(hit.type, hit.id), "type": hit.type, "name": hit.name,
        "structure": hit.structure, "themes": list(hit.themes),
        "commune": {"insee": hit.commune_insee, "name": hit.commune_name},
        "lat": hit.lat, "lon": hit.lon, "distance_km": hit.distance_km,
        "channels": list(hit.channels), "url": hit.url,
    }


def parse_entry_key(key: str) -> tuple[str, int]:
    doc_type, _, raw_id = key.partition("-")
    # ASCII digits within the ids' range: str.isdigit() also takes "²", which int() refuses.
    if doc_type not in ("structure", "person", "service") or not ENTRY_NUMBER.fullmatch(raw_id) \
            or int(raw_id) > MAX_ID:
        abort(404)
    return doc_type, int(raw_id)


def published_structure(structure_id: int) -> Structure:
    structure = db.session.scalar(
        db.select(Structure).where(Structure.id == structure_id)
        .options(selectinload(Structure.persons), selectinload(Structure.services)))
    if structure is None or structure.status != EntryStatus.PUBLISHED:
        abort(404)
    return structure


def published_person(person_id: int) -> Person:
    person = db.session.scalar(
        db.select(Person).where(Person.id == person_id).options(selectinload(Person.structure)))
    if (person is None or person.status != EntryStatus.PUBLISHED
            or person.structure.status != EntryStatus.PUBLISHED):
        abort(404)
    return person


def published_service(service_id: int) -> Service:
    service = db.session.get(Service, service_id)
    if service is None or service.structure.status != EntryStatus.PUBLISHED:
        abort(404)
    return service
