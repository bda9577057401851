"""Accounts: young people (optional accounts), professionals, staff roles.

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

from portal.accounts.access import (
    admin_required,
    has_role,
    holders_of,
    holds_structure_right,
    is_admin,
    is_editor,
    is_moderator,
    is_professional,
    is_young,
    may_act_for_person,
    may_edit_structure,
    professional_required,
    role_required,
)
from portal.accounts.audit import record as record_audit
from portal.accounts.models import AGE_RANGE_LABELS, Role, User
from portal.accounts.operations import create_staff_user, ensure_demo_accounts, find_by_login
from portal.accounts.tokens import fingerprint

__all__ = [
    "AGE_RANGE_LABELS", "Role", "User", "admin_required", "create_staff_user",
    "ensure_demo_accounts", "find_by_login", "fingerprint", "has_role", "holders_of", "holds_structure_right",
    "is_admin", "is_editor", "is_moderator", "is_professional", "is_young", "may_act_for_person",
    "may_edit_structure", "professional_required", "record_audit", "role_required",
]
