"""The guide's public JSON API (flask-smorest; described at /api/v1/openapi.json)."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_smorest import Blueprint

from portal.core.time import utcnow
from portal.directory.lookup import (
    commune_names,
    hit_payload,
    parse_entry_key,
    published_person,
    published_service,
    published_structure,
    search_guide,
)
from portal.directory.schemas import (
    CommuneArgs,
    CommuneSchema,
    DirectorySearchArgs,
    EntrySchema,
    SearchPageSchema,
)
from portal.directory.search import entry_key, path
from portal.extensions import limiter
from portal.geo import hours
from portal.geo.gazetteer import get_gazetteer
from portal.geo.places import UnknownPlace

api_bp = Blueprint("directory_api", __name__, url_prefix="/api/v1",
                   description="Communes and the guide of resource persons and structures.")


@api_bp.route("/communes")
class Communes(MethodView):
    @api_bp.arguments(CommuneArgs, location="query")
    @api_bp.response(200, CommuneSchema(many=True))
    def get(self, args):
        """Communes matching a name, postal code or INSEE code, best first."""
        return [c.to_dict() for c in get_gazetteer().search(args["q"], limit=args["limit"])]


@api_bp.route("/directory/search")
class DirectorySearch(MethodView):
    decorators = [limiter.limit("120 per minute")]

    @api_bp.arguments(DirectorySearchArgs, location="query")
    @api_bp.response(200, SearchPageSchema)
    @api_bp.alt_response(422, description="A parameter is invalid, or the place is unknown "
                                          "(close names are suggested).")
    def get(self, args):
        """Search the guide: text, themes, age, place and radius, open now."""
        try:
            found = search_guide(args)
        except UnknownPlace as exc:
            abort(422, description=f"Unknown place “{exc.text}”. Did you mean: "
                                   + ", ".join(c.name for c in exc.suggestions[:5]) + "?"
                  if exc.suggestions else f"Unknown place “{exc.text}”.")
        page, place = found.page, found.place
        names = commune_names(page.facets.get("communes", {}))
        return {
            "total": page.total, "page": page.page, "per_page": page.per_page,
            "place": {"name": place.label, "lat": place.lat, "lon": place.lon,
                      "insee": place.commune.insee if place.commune else None} if place else None,
            "results": [hit_payload(hit) for hit in page.hits],
            "facets": {"themes": page.facets.get("themes", {}), "communes": [
                {"insee": code, "name": names.get(code, code), "count": count}
                for code, count in page.facets.get("communes", {}).items()]},
        }


@api_bp.route("/directory/entries/<entry_id>")
class DirectoryEntry(MethodView):
    @api_bp.response(200, EntrySchema)
    @api_bp.alt_response(404, description="No published entry has this id.")
    def get(self, entry_id):
        """One entry of the guide: `structure-12`, `person-34` or `service-56`."""
        doc_type, doc_id = parse_entry_key(entry_id)
        if doc_type == "structure":
            return structure_payload(published_structure(doc_id))
        if doc_type == "person":
            return person_payload(published_person(doc_id))
        return service_payload(published_service(doc_id))


def _place(structure) -> dict:
    return {"address": f"{structure.address}, {structure.postal_code} {structure.commune_name}",
            "commune": {"insee": structure.commune_insee, "name": structure.commune_name},
            "lat": structure.lat, "lon": structure.lon}


def structure_payload(s) -> dict:
    return {
        "id": entry_key("structure", s.id), "type": "structure", "name": s.name,
        "kind": s.kind.value, "description": s.description, "themes": s.themes,
        "age_min": s.age_min, "age_max": s.age_max, "languages": s.languages,
        "channels": sorted({c for p in s.persons for c in p.channels}), "phone": s.phone,
        "email": s.email, "website": s.website, "opening_hours": s.opening_hours,
        "open_now": hours.is_open(s.opening_hours, s.country, utcnow()), "last_checked_at": s.last_checked_at,
        "persons": [{"id": entry_key("person", p.id), "name": p.name, "role": p.role}
                    for p in s.persons if p.status.value == "published"],
        "services": [{"id": entry_key("service", sv.id), "name": sv.name} for sv in s.services],
        "url": path("directory.structure", structure_id=s.id, slug=s.slug), **_place(s),
    }


def person_payload(p) -> dict:
    s = p.structure
    return {
        "id": entry_key("person", p.id), "type": "person", "name": p.name, "role": p.role,
        "description": p.description, "themes": p.themes, "age_min": p.age_min,
        "age_max": p.age_max, "languages": p.languages, "channels": p.channels,
        "phone": p.phone if "phone" in p.channels else None, "last_checked_at": p.last_checked_at,
        "structure": {"id": entry_key("structure", s.id), "name": s.name},
        "opening_hours": s.opening_hours, "open_now": hours.is_open(s.opening_hours, s.country, utcnow()),
        "url": path("directory.person", person_id=p.id), **_place(s),
    }


def service_payload(sv) -> dict:
    s = sv.structure
    return {
        "id": entry_key("service", sv.id), "type": "service", "name": sv.name,
        "description": sv.description, "themes": sv.themes, "age_min": sv.age_min,
        "age_max": sv.age_max, "languages": sv.languages, "last_checked_at": s.last_checked_at,
        "structure": {"id": entry_key("structure", s.id), "name": s.name},
        "url": path("directory.structure", structure_id=s.id, slug=s.slug) + f"#service-{sv.id}",
        **_place(s),
    }
