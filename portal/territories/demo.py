"""Demo: a second, small territory beside the fresh install's one, an editor
limited to it, and a Mouscron service that serves Tourcoing and its
neighbours across the border. Fictional, like all demo data."""

from __future__ import annotations

from portal.core.demo import DEMO_ADMIN, seeding_demo, seeding_demo_content
from portal.extensions import db

SECOND = {"slug": "douaisis", "name": "Douaisis (démonstration)",
          "sources": {"arrondissements": ["593"]}, "hosts": ["douai.localhost"],
          "controller_name": "Point Information Jeunesse du Douaisis (démonstration)",
          "sender_name": "Passerelle Douaisis", "accent_colour": "#7a3b00"}
#: An administrator and an editor of the second territory only (demo password).
SECOND_ADMIN = {"pseudonym": "admin-douai", "email": "admin-douai@passerelle.example"}
SECOND_EDITOR = {"pseudonym": "redaction-douai", "email": "redaction-douai@passerelle.example"}
#: Communes the Mouscron Infor Jeunes also serves, across the border.
MOUSCRON_SERVES = ["59599", "59512", "59650", "59279", "59163"]  # Tourcoing, Roubaix, Wattrelos, Halluin, Croix


@seeding_demo.connect
def _seed_territories(sender, count=None, **_):
    from portal.accounts import Role, create_staff_user, find_by_login
    from portal.territories.models import Territory
    from portal.territories.operations import (
        create_territory,
        ensure_default_territory,
        set_scopes,
    )

    ensure_default_territory()
    second = db.session.scalar(db.select(Territory).where(Territory.slug == SECOND["slug"]))
    if second is None:
        spec = dict(SECOND)
        second = create_territory(slug=spec.pop("slug"), name=spec.pop("name"),
                                  sources=spec.pop("sources"), **spec)
    for role, spec in ((Role.ADMIN, SECOND_ADMIN), (Role.EDITOR, SECOND_EDITOR)):
        if find_by_login(spec["pseudonym"]) is None:
            set_scopes(create_staff_user(role=role, password=DEMO_ADMIN["password"], **spec),
                       [second])


@seeding_demo_content.connect
def _seed_served_areas(sender, count=None, **_):
    from portal.directory import Structure, StructureKind
    from portal.territories.operations import set_served_area

    if count is not None:
        return  # the benchmark's national set has no Belgian entries
    structure_id = db.session.scalar(
        db.select(Structure.id).where(Structure.commune_insee == "BE-54007",
                                      Structure.kind == StructureKind.INFOR_JEUNES)
        .order_by(Structure.id).limit(1))
    if structure_id is not None:
        set_served_area(structure_id, MOUSCRON_SERVES)
