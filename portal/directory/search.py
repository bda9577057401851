"""What the guide gives the search index: documents, and which rows change them.

Registered with ``search_index.registry`` when the directory blueprint loads.
A person and a service carry their structure's place and name, so a change to
a structure also re-indexes its persons and services.
"""

from __future__ import annotations

from functools import lru_cache

from flask import current_app
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from portal.core.themes import SUBTHEME_PARENT, theme_labels
from portal.directory.models import EntryStatus, Person, Service, Structure, StructureKind
from portal.extensions import db
from portal.territories.access import served_communes
from search_index.query import KEYWORDS_MARK
from search_index.registry import register_documents, register_source


def entry_key(doc_type: str, doc_id: int) -> str:
    """The public id of a guide entry: ``person-12``."""
    return f"{doc_type}-{doc_id}"


def path(endpoint: str, **values) -> str:
    """A site-relative URL that also works outside a request (``flask search
    rebuild`` builds documents from the command line)."""
    return current_app.url_map.bind("").build(endpoint, values)


def with_parents(codes) -> list[str]:
    """Sub-theme codes also count for their field ("logement" → "autonomie")."""
    out = list(dict.fromkeys(codes))
    for code in codes:
        parent = SUBTHEME_PARENT.get(code)
        if parent and parent not in out:
            out.append(parent)
    return out


@lru_cache(maxsize=1)
def _words_table() -> dict:
    """Every theme and kind in words, in every language of the portal, so that
    "logement", "housing" or "huisvesting" find an entry tagged with the
    housing theme. Built once per process: rebuilding 100,000 entries must not
    translate the same labels 100,000 times."""
    table = {}
    labels = {**theme_labels(), **{kind: kind.label for kind in StructureKind}}
    for locale in current_app.config["LOCALES"]:
        with force_locale(locale):
            for key, label in labels.items():
                table.setdefault(key, []).append(str(label))
    return {key: " ".join(dict.fromkeys(words)) for key, words in table.items()}


def theme_words(codes) -> str:
    table = _words_table()
    return " ".join(table[code] for code in codes if code in table)


def _kind_words(kind) -> str:
    return _words_table().get(kind, "")


def _text(prose: list, keywords: list) -> str:
    """What a reader sees in a snippet, then (after KEYWORDS_MARK) the words
    the entry is also found by: its kind and themes in every language, its
    address. Both are searched alike; only the prose is ever shown."""
    sentences = [t.strip() for t in prose if t and t.strip()]
    readable = " ".join(t if t[-1] in ".!?" else t + "." for t in sentences)
    return readable + "\n" + KEYWORDS_MARK + " ".join(filter(None, keywords))


def _place(structure: Structure) -> dict:
    return {
        "structure_id": structure.id, "kind": structure.kind.value,
        "commune_insee": structure.commune_insee, "commune_name": structure.commune_name,
        "postal_code": structure.postal_code, "lat": structure.lat, "lon": structure.lon,
        "opening_hours": structure.opening_hours, "country": structure.country,
    }


def structure_document(s: Structure) -> dict:
    services = " ".join(f"{sv.name}. {sv.description}" for sv in s.services)
    return {
        "type": "structure", "id": s.id, "name": s.name, "structure": None,
        "text": _text([s.description, services],
                      [_kind_words(s.kind), theme_words(s.themes), s.address, s.commune_name]),
        "themes": with_parents(s.themes), "age_min": s.age_min, "age_max": s.age_max,
        "languages": s.languages, "channels": _structure_channels(s),
        "last_checked_at": s.last_checked_at, "published": s.status == EntryStatus.PUBLISHED,
        "url": path("directory.structure", structure_id=s.id, slug=s.slug),
        **_place(s),
    }


def _structure_channels(s: Structure) -> list[str]:
    channels = {c for p in s.persons if p.status == EntryStatus.PUBLISHED for c in p.channels}
    if s.phone:
        channels.add("phone")
    if s.email:
        channels.add("email")
    return sorted(channels)


def person_document(p: Person) -> dict:
    s = p.structure
    return {
        "type": "person", "id": p.id, "name": p.name, "structure": s.name,
        "text": _text([p.role, p.description], [theme_words(p.themes), s.commune_name]),
        "themes": with_parents(p.themes), "age_min": p.age_min, "age_max": p.age_max,
        "languages": p.languages, "channels": sorted(p.channels),
        # A person is as fresh as their own entry.
        "last_checked_at": p.last_checked_at,
        "published": p.status == EntryStatus.PUBLISHED and s.status == EntryStatus.PUBLISHED,
        "url": path("directory.person", person_id=p.id),
        **_place(s),
    }


def service_document(sv: Service) -> dict:
    s = sv.structure
    return {
        "type": "service", "id": sv.id, "name": sv.name, "structure": s.name,
        "text": _text([sv.description], [theme_words(sv.themes), s.commune_name]),
        "themes": with_parents(sv.themes), "age_min": sv.age_min, "age_max": sv.age_max,
        "languages": sv.languages, "channels": _structure_channels(s),
        "last_checked_at": s.last_checked_at, "published": s.status == EntryStatus.PUBLISHED,
        "url": path("directory.structure", structure_id=s.id, slug=s.slug) + f"#service-{sv.id}",
        **_place(s),
    }


def _fetch(model, loader_options, to_document):
    def fetch(ids: list[int]) -> list[dict]:
        rows = db.session.scalars(
            db.select(model).where(model.id.in_(ids)).options(*loader_options)).all()
        # territories: the communes each entry's structure serves beyond its
        # own, one query per chunk, so the search finds it across a border.
        served = served_communes(
            row.id if model is Structure else row.structure_id for row in rows)
        return [to_document(row) | {"served": served.get(
            row.id if model is Structure else row.structure_id, [])} for row in rows]

    return fetch


def _all_ids(model):
    return lambda: db.session.scalars(db.select(model.id).order_by(model.id))


def _structure_changed(structure: Structure, deleted: bool):
    op = "delete" if deleted else "upsert"
    changes = [("structure", structure.id, op)]
    changes += [("person", p.id, op) for p in structure.persons if p.id]
    changes += [("service", sv.id, op) for sv in structure.services if sv.id]
    return changes


def _person_changed(person: Person, deleted: bool):
    # The structure's channels are the union of its people's.
    return [("person", person.id, "delete" if deleted else "upsert"),
            ("structure", person.structure_id, "upsert")]


def _service_changed(service: Service, deleted: bool):
    return [("service", service.id, "delete" if deleted else "upsert"),
            ("structure", service.structure_id, "upsert")]


def register() -> None:
    register_documents("structure", _fetch(Structure, [selectinload(Structure.persons),
                                                       selectinload(Structure.services)],
                                           structure_document), _all_ids(Structure))
    register_documents("person", _fetch(Person, [selectinload(Person.structure)
                                                 .selectinload(Structure.persons)],
                                        person_document), _all_ids(Person))
    register_documents("service", _fetch(Service, [selectinload(Service.structure)
                                                   .selectinload(Structure.persons)],
                                         service_document), _all_ids(Service))
    register_source(Structure, _structure_changed)
    register_source(Person, _person_changed)
    register_source(Service, _service_changed)
