"""accounts/access.py's checks, as a permission table: actor × someone else's object."""

from __future__ import annotations

import pytest

from portal.accounts.access import (
    holders_of,
    holds_structure_right,
    is_moderator,
    is_professional,
    is_young,
    may_act_for_person,
    may_edit_structure,
)
from portal.accounts.models import ProfessionalStatus, Role, User


@pytest.fixture
def cast(create_user, create_structure, create_person):
    structure = create_structure(name="Mission locale de Roubaix")
    other = create_structure(name="PIJ de Lille")
    users = {
        "editor_pro": create_user("professional", professional_status=ProfessionalStatus.VERIFIED),
        "pro": create_user("professional", professional_status=ProfessionalStatus.VERIFIED),
        "pending_pro": create_user("professional", professional_status=ProfessionalStatus.PENDING),
        "young": create_user("young"),
        "moderator": create_user("moderator"),
        "admin": create_user("admin"),
    }
    person = create_person(structure, user_id=users["pro"].id)
    editor_person = create_person(structure, user_id=users["editor_pro"].id,
                                  can_edit_structure=True, email="e@example.org")
    users["pending_editor"] = create_user(
        "professional", professional_status=ProfessionalStatus.PENDING)
    create_person(structure, user_id=users["pending_editor"].id, can_edit_structure=True,
                  email="p@example.org")
    return users, structure, other, person, editor_person


@pytest.mark.parametrize("actor, professional, own_person, structure, other_structure", [
    ("editor_pro", True, False, True, False),
    ("pro", True, True, False, False),
    # An unverified professional holding the right on paper holds nothing yet.
    ("pending_editor", False, False, False, False),
    ("pending_pro", False, False, False, False),
    ("young", False, False, False, False),
    ("moderator", False, False, False, False),
    ("admin", True, True, True, True),
])
def test_who_may_act_where(cast, actor, professional, own_person, structure, other_structure):
    users, mine, other, person, _ = cast
    user = users[actor]
    assert is_professional(user) is professional
    assert may_act_for_person(user, person) is own_person
    assert may_edit_structure(user, mine) is structure
    assert may_edit_structure(user, other) is other_structure
    # The chat's supervisor flag is the same right, read through the user's own entry.
    assert holds_structure_right(user, person) is (actor == "admin")


def test_the_structure_right_goes_with_ones_own_entry(cast):
    users, _, _, person, editor_person = cast
    assert holds_structure_right(users["editor_pro"], editor_person)
    # Someone else's entry with the right gives nothing to this user.
    assert not holds_structure_right(users["pro"], editor_person)
    assert not holds_structure_right(users["editor_pro"], None)


def test_roles_in_python_and_in_sql_agree(cast, create_user, database):
    users, *_ = cast
    users["moderator_gone"] = create_user("moderator", is_active_account=False)
    found = set(database.session.scalars(database.select(User.pseudonym).where(
        holders_of(Role.MODERATOR), User.id.in_([u.id for u in users.values()]))))
    assert found == {u.pseudonym for u in users.values() if is_moderator(u)}
    assert found == {users["moderator"].pseudonym, users["admin"].pseudonym}
    assert [a for a, u in users.items() if is_young(u)] == ["young"]


def test_nobody_signed_in_may_do_anything(cast):
    _, mine, _, person, _ = cast
    assert not is_professional(None) and not is_young(None) and not is_moderator(None)
    assert not may_act_for_person(None, person) and not may_edit_structure(None, mine)
