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

from portal.accounts import Role, has_role, is_admin
from portal.extensions import db
from portal.territories.models import (
    LocalForumCategory,
    RoleScope,
    StructureTerritory,
    TerritoryCommune,
)

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
    if not has_role(user, role):
        return False
    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return True
    territory_id = getattr(territory, "id", territory)
    return territory_id is not None and territory_id in scopes


def may_act_anywhere(user, role) -> bool:
    """Holds ``role`` in at least one territory (may open a staff page)."""
    return has_role(user, role) and scope_ids(user) != set()


STAFF_ROLES = (Role.ADMIN, Role.EDITOR, Role.MODERATOR, Role.FACILITATOR)


def is_staff_somewhere(user) -> bool:
    """Holds a staff role in at least one territory."""
    return any(may_act_anywhere(user, role) for role in STAFF_ROLES)


def is_national(user, role) -> bool:
    """Holds ``role`` over the whole install (may create territories…)."""
    return has_role(user, role) and scope_ids(user) is EVERYWHERE


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
    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return db.true()
    return structures_in_scope_ids(scopes, structure_id_column)


def structures_in_scope_ids(scopes: set[int], structure_id_column):
    from portal.directory import Structure

    owned = db.select(StructureTerritory.structure_id).where(
        StructureTerritory.territory_id.in_(scopes))
    unowned_here = (db.select(Structure.id)
                    .join(TerritoryCommune, TerritoryCommune.code == Structure.commune_insee)
                    .where(TerritoryCommune.territory_id.in_(scopes),
                           ~Structure.id.in_(db.select(StructureTerritory.structure_id))))
    return structure_id_column.in_(owned) | structure_id_column.in_(unowned_here)


def admin_reaches_structure(user, structure) -> bool:
    """An administrator's power over a guide structure holds only in their
    territories; a professional's own right (accounts' checks) is not about
    territories."""
    if getattr(user, "role", None) != Role.ADMIN:
        return True
    return may_act_on_structure(user, Role.ADMIN, structure)


# --- the guide's review queue ---------------------------------------------------

def change_territory_id(change) -> int | None:
    """The territory a waiting change belongs to: its structure's, or (a new
    structure) the territory of the commune it gives."""
    from portal.directory import Structure

    if change.entity_id is not None and change.entity in ("structure", "person", "import"):
        structure = db.session.get(Structure, change.entity_id)
        return structure_territory_id(structure) if structure else None
    code = (change.payload or {}).get("commune_insee")
    found = territories_of_commune(code) if code else []
    return found[0] if found else None


def may_review_change(user, change) -> bool:
    return may_act(user, Role.ADMIN, change_territory_id(change))


# --- accounts -------------------------------------------------------------------

def users_in_scope(user):
    """A query condition on ``User`` keeping the accounts a regional
    administrator manages: staff given one of their territories,
    professionals of their structures, and professionals not yet attached to
    any structure (no territory yet: any administrator may verify them).
    Young people have one account for every territory: only whole-install
    administrators list them."""
    from portal.accounts import User
    from portal.directory import Person

    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return db.true()
    staff = db.select(RoleScope.user_id).where(RoleScope.territory_id.in_(scopes))
    attached = db.select(Person.user_id).where(Person.user_id.is_not(None))
    theirs = db.select(Person.user_id).where(structures_in_scope(user, Person.structure_id))
    return (User.id.in_(staff) | User.id.in_(theirs)
            | ((User.role == Role.PROFESSIONAL) & ~User.id.in_(attached)))


def keep_within_scope(admin, target) -> None:
    """After ``admin`` changed ``target``'s role: an account without scope
    rows would act everywhere, so a regional administrator's new staff get
    the administrator's territories."""
    from portal.territories.models import Territory
    from portal.territories.operations import set_scopes

    scopes = scope_ids(admin)
    if scopes is EVERYWHERE or scope_ids(target) is not EVERYWHERE:
        return
    set_scopes(target, db.session.scalars(db.select(Territory).where(Territory.id.in_(scopes))))
    if has_request_context():
        g.pop("territory_scopes", None)


def may_manage_account(user, target) -> bool:
    from portal.accounts import User

    if not is_admin(user):
        return False
    if scope_ids(user) is EVERYWHERE:
        return True
    return db.session.scalar(db.select(db.func.count()).select_from(User).where(
        User.id == target.id, users_in_scope(user))) == 1


# --- the forum ------------------------------------------------------------------

def category_territory_id(category_id: int) -> int | None:
    """A local category's territory; None for a national one."""
    row = db.session.get(LocalForumCategory, category_id)
    return row.territory_id if row else None


def categories_in_scope(user, category_id_column):
    """A query condition keeping the categories ``user`` moderates: every one
    for whole-install staff, else the local categories of their territories."""
    scopes = scope_ids(user)
    if scopes is EVERYWHERE:
        return db.true()
    return category_id_column.in_(db.select(LocalForumCategory.category_id)
                                  .where(LocalForumCategory.territory_id.in_(scopes)))


# --- served areas (read by the guide's search documents) -------------------------

def served_communes(structure_ids) -> dict[int, list[str]]:
    """The communes each of these structures serves beyond its own (one query)."""
    from portal.territories.models import ServedCommune

    ids = {i for i in structure_ids if i is not None}
    out: dict[int, list[str]] = {}
    if not ids:
        return out
    for structure_id, code in db.session.execute(
            db.select(ServedCommune.structure_id, ServedCommune.code)
            .where(ServedCommune.structure_id.in_(ids)).order_by(ServedCommune.code)):
        out.setdefault(structure_id, []).append(code)
    return out


# --- whole-install pages, and the chat's administrators --------------------------

def national_required(role):
    """A view decorator: ``role`` held over the whole install. For what
    belongs to every territory at once (the national information sheets, the
    assistant's questions, the forum's categories, the chat's retention)."""
    from functools import wraps

    from flask import abort
    from flask_login import current_user, login_required

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not is_national(current_user, role):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _scope_ids_of(user_id: int) -> set[int] | None:
    rows = db.session.scalars(db.select(RoleScope.territory_id)
                              .where(RoleScope.user_id == user_id)).all()
    return EVERYWHERE if not rows or None in rows else set(rows)


def conversation_territory_ids(conv) -> set[int]:
    """A chat's territories: its structures' (routed to, handled by), else
    the territories of the young person's commune."""
    from portal.directory import Structure

    found = set()
    for structure_id in {conv.structure_id, conv.handled_by_structure_id} - {None}:
        structure = db.session.get(Structure, structure_id)
        if structure is not None and (tid := structure_territory_id(structure)) is not None:
            found.add(tid)
    if not found and conv.commune_insee:
        found.update(territories_of_commune(conv.commune_insee))
    return found


def admin_reaches_conversation(user_id: int, conv) -> bool:
    """An administrator supervises the chats of their territories."""
    scopes = _scope_ids_of(user_id)
    return scopes is EVERYWHERE or bool(conversation_territory_ids(conv) & scopes)


def conversations_in_scope(user_id: int, conversation_model):
    """:func:`admin_reaches_conversation` as a query condition."""
    from portal.directory import Structure

    scopes = _scope_ids_of(user_id)
    if scopes is EVERYWHERE:
        return db.true()
    structures = db.select(Structure.id).where(structures_in_scope_ids(scopes, Structure.id))
    communes = db.select(TerritoryCommune.code).where(TerritoryCommune.territory_id.in_(scopes))
    c = conversation_model
    return (c.structure_id.in_(structures) | c.handled_by_structure_id.in_(structures)
            | (c.structure_id.is_(None) & c.handled_by_structure_id.is_(None)
               & c.commune_insee.in_(communes)))
