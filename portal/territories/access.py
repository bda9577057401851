"""Where a staff account may act: the one territory check.

``accounts/access.py`` says *what* an account may do (its role); this module
says *where*. Every staff page and per-object check asks :func:`may_act`
(one object's territory) or :func:`scope_ids` (a list filtered to the
account's territories), never the scope rows themselves.

An account's role holds in the territories of its scope rows, everywhere
with a row without territory, and everywhere when it has no row at all (an
install with one CRIJ has nothing to configure).
"""

from __future__ import annotations

from flask import g, has_request_context

from portal.accounts import access as accounts_access
from portal.extensions import db
from portal.territories.models import RoleScope, StructureTerritory, TerritoryCommune

EVERYWHERE = None


def scope_ids(user) -> set[int] | None:
    """The ids of the territories where ``user``'s role holds, or None for
    the whole install. Read once per request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    cache = g.setdefault("territory_scopes", {}) if has_request_context() else {}
    if user.id not in cache:
        rows = db.session.scalars(db.select(RoleScope.territory_id)
                                  .where(RoleScope.user_id == user.id)).all()
        cache[user.id] = EVERYWHERE if not rows or None in rows else set(rows)
    return cache[user.id]


def may_act(user, role, territory) -> bool:
    """``user`` holds ``role`` (accounts' rule: administrators hold every
    role) in ``territory`` (a Territory, its id, or None for something that
    belongs to the whole install, which only whole-install staff may touch)."""
    if not accounts_access.has_role(user, role):
        return False
    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return True
    territory_id = getattr(territory, "id", territory)
    return territory_id is not None and territory_id in scopes


def may_act_anywhere(user, role) -> bool:
    """Holds ``role`` in at least one territory (may open a staff page)."""
    return accounts_access.has_role(user, role) and scope_ids(user) != set()


def is_national(user, role) -> bool:
    """Holds ``role`` over the whole install (may create territories…)."""
    return accounts_access.has_role(user, role) and scope_ids(user) is EVERYWHERE


def territories_of_commune(code: str) -> list[int]:
    return list(db.session.scalars(db.select(TerritoryCommune.territory_id)
                                   .where(TerritoryCommune.code == code)
                                   .order_by(TerritoryCommune.territory_id)))


def structure_territory_id(structure) -> int | None:
    """The structure's owner territory: its row, else the first territory
    holding its commune (None: outside every territory)."""
    owner = db.session.get(StructureTerritory, structure.id) if structure.id else None
    if owner is not None:
        return owner.territory_id
    found = territories_of_commune(structure.commune_insee)
    return found[0] if found else None


def may_act_on_structure(user, role, structure) -> bool:
    return may_act(user, role, structure_territory_id(structure))


def structures_in_scope(user, structure_id_column):
    """A query condition keeping the structures in ``user``'s territories
    (True everywhere for whole-install staff)."""
    from portal.directory.models import Structure

    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return db.true()
    owned = db.select(StructureTerritory.structure_id).where(
        StructureTerritory.territory_id.in_(scopes))
    unowned_here = (db.select(Structure.id)
                    .join(TerritoryCommune, TerritoryCommune.code == Structure.commune_insee)
                    .where(TerritoryCommune.territory_id.in_(scopes),
                           ~Structure.id.in_(db.select(StructureTerritory.structure_id))))
    return structure_id_column.in_(owned) | structure_id_column.in_(unowned_here)
