"""The audit log of staff actions: who did what to whose account or data.

Operations call :func:`record` in the same transaction as the action, so an
entry exists exactly when the action was committed. Administrators read it
at ``/admin/audit`` (a menu link). Names are copied as they were, so an entry
still reads after either account is deleted.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.accounts.models import AuditEntry, User
from portal.extensions import db

#: Every action recorded, and how the log names it.
ACTIONS = {
    "professional_verified": _l("Professional verified"),
    "professional_rejected": _l("Professional declined"),
    "role_changed": _l("Role changed"),
    "account_disabled": _l("Account disabled"),
    "account_enabled": _l("Account enabled"),
    "transcript_exported": _l("Chat transcript downloaded"),
}


def record(actor: User, action: str, target: User | None = None, detail: str | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.session.add(AuditEntry(
        actor_id=actor.id, actor_name=actor.pseudonym[:40], action=action,
        target_id=target.id if target else None,
        target_name=target.pseudonym[:40] if target else None,
        detail=(detail or None) and detail[:200]))


def entries(*, action: str | None = None):
    """Newest first; a statement to paginate."""
    stmt = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    if action in ACTIONS:
        stmt = stmt.where(AuditEntry.action == action)
    return stmt
