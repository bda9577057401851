"""Creating and editing territories, giving staff their territories, and a
structure's owner territory and served communes. Operations flush, never
commit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.refusal import Refusal
from portal.extensions import db
from portal.territories import settings as rules
from portal.territories.communes import build_communes, centre_of, clean_sources
from portal.territories.models import (
    RoleScope,
    ServedCommune,
    StructureTerritory,
    Territory,
    TerritoryCommune,
)

#: The settings an edit may change, besides name, sources and hosts.
SETTINGS = ("controller_name", "legal_notice_url", "contact_email", "contact_phone",
            "sender_name", "sender_email", "sms_sender", "logo_url", "accent_colour",
            "map_lat", "map_lon", "map_radius_km", "chat_hours", "chat_retention_days",
            "contact_retention_days")


class TerritoryRefused(Refusal):
    pass


def _check(territory: Territory) -> None:
    problem = rules.colour_problem(territory.accent_colour)
    if problem:
        raise TerritoryRefused("contrast", problem, field="accent_colour")
    if bad := rules.bad_hosts(territory.hosts):
        raise TerritoryRefused("host", _l("These are not host names: %(hosts)s.",
                                          hosts=", ".join(bad)), field="hosts")
    taken = db.session.scalars(db.select(Territory).where(Territory.id != territory.id)).all()
    for other in taken:
        if other.slug == territory.slug:
            raise TerritoryRefused("slug_taken", _l("Another territory already has the short "
                                                    "name %(slug)s.", slug=territory.slug),
                                   field="slug", status=409)
        if shared := set(other.hosts or ()) & set(territory.hosts or ()):
            raise TerritoryRefused("host_taken", _l("%(hosts)s already shows the territory "
                                                    "%(name)s.", hosts=", ".join(sorted(shared)),
                                                    name=other.name),
                                   field="hosts", status=409)


def _set_communes(territory: Territory, sources: dict) -> None:
    built = build_communes(sources)
    if built.unknown:
        codes = ", ".join(code for found in built.unknown.values() for code in found)
        raise TerritoryRefused("unknown_codes", _l("These codes name no department, EPCI, "
                                                   "arrondissement or commune: %(codes)s.",
                                                   codes=codes), field="sources")
    if not built.codes:
        raise TerritoryRefused("empty", _l("A territory needs at least one commune."),
                               field="sources")
    territory.sources = clean_sources(sources)
    wanted = set(built.codes)
    territory.communes = [c for c in territory.communes if c.code in wanted] + [
        TerritoryCommune(code=code) for code in sorted(wanted - territory.commune_codes)]


def create_territory(*, slug: str, name: str, sources: dict, hosts=(), **settings) -> Territory:
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise TypeError(f"unknown settings {sorted(unknown)}")
    territory = Territory(slug=slug.strip().lower(), name=name.strip(),
                          hosts=rules.clean_hosts(hosts), communes=[],
                          **{"accent_colour": "#1d5c96", "map_radius_km": 15.0,
                             "chat_hours": "Mo-Fr 09:00-18:00", "chat_retention_days": 365,
                             "contact_retention_days": 90, "controller_name": "",
                             "legal_notice_url": "", "contact_email": "", "contact_phone": "",
                             "sender_name": "", "sender_email": "", "sms_sender": "",
                             "logo_url": ""} | settings)
    _set_communes(territory, sources)
    if territory.map_lat is None or territory.map_lon is None:
        territory.map_lat, territory.map_lon = centre_of(territory.commune_codes)
    _check(territory)
    db.session.add(territory)
    db.session.flush()
    return territory


def edit_territory(territory: Territory, *, name=None, sources=None, hosts=None,
                   **settings) -> Territory:
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise TypeError(f"unknown settings {sorted(unknown)}")
    # A refused edit leaves the territory as it was (the page shows the form
    # again and the request commits).
    with db.session.begin_nested():
        if name is not None:
            territory.name = name.strip()
        if hosts is not None:
            territory.hosts = rules.clean_hosts(hosts)
        if sources is not None:
            _set_communes(territory, sources)
        for key, value in settings.items():
            setattr(territory, key, value)
        if territory.map_lat is None or territory.map_lon is None:
            territory.map_lat, territory.map_lon = centre_of(territory.commune_codes)
        _check(territory)
        db.session.flush()
    return territory


def ensure_default_territory() -> Territory:
    """The fresh install's territory (settings.DEFAULT_TERRITORY), made once."""
    existing = db.session.scalar(db.select(Territory).order_by(Territory.id).limit(1))
    if existing is not None:
        return existing
    spec = dict(rules.DEFAULT_TERRITORY)
    return create_territory(slug=spec.pop("slug"), name=spec.pop("name"),
                            sources=spec.pop("sources"), **spec)


# --- staff --------------------------------------------------------------------

def set_scopes(user, territories, *, whole_install: bool = False) -> None:
    """Where ``user``'s role holds: these territories, or the whole install."""
    db.session.execute(db.delete(RoleScope).where(RoleScope.user_id == user.id))
    if whole_install:
        db.session.add(RoleScope(user_id=user.id, territory_id=None))
    else:
        for territory in {t.id: t for t in territories}.values():
            db.session.add(RoleScope(user_id=user.id, territory_id=territory.id))
    db.session.flush()


# --- structures ---------------------------------------------------------------

def set_owner(structure_id: int, territory: Territory) -> None:
    row = db.session.get(StructureTerritory, structure_id)
    if row is None:
        db.session.add(StructureTerritory(structure_id=structure_id, territory_id=territory.id))
    else:
        row.territory_id = territory.id
    db.session.flush()


def set_served_area(structure_id: int, codes) -> list[str]:
    """The communes this structure serves besides its own (by code); unknown
    codes are refused."""
    from portal.geo.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    cleaned, unknown = [], []
    for code in codes:
        commune = gazetteer.by_insee(code)
        (cleaned.append(commune.insee) if commune else unknown.append(code))
    if unknown:
        raise TerritoryRefused("unknown_codes", _l("These codes name no commune: %(codes)s.",
                                                   codes=", ".join(unknown)), field="served")
    db.session.execute(db.delete(ServedCommune).where(ServedCommune.structure_id == structure_id))
    for code in sorted(set(cleaned)):
        db.session.add(ServedCommune(structure_id=structure_id, code=code))
    # The structure's search documents carry its served communes: touching
    # it re-indexes it, its people and services (the guide's own rule).
    from portal.core.time import utcnow
    from portal.directory import Structure

    structure = db.session.get(Structure, structure_id)
    if structure is not None:
        structure.updated_at = utcnow()
    db.session.flush()
    return sorted(set(cleaned))


# --- forum ----------------------------------------------------------------------

def set_category_territory(category_id: int, territory: Territory | None) -> None:
    """Make a forum category local to ``territory`` (its moderators moderate
    it), or national again with None."""
    from portal.territories.models import LocalForumCategory

    row = db.session.get(LocalForumCategory, category_id)
    if territory is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(LocalForumCategory(category_id=category_id, territory_id=territory.id))
    else:
        row.territory_id = territory.id
    db.session.flush()
