"""The administrators' pages: professionals to verify, users to manage."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import audit
from portal.accounts import operations as ops
from portal.accounts.access import admin_required
from portal.accounts.forms import EmptyForm, RoleForm
from portal.accounts.models import ProfessionalStatus, Role, User
from portal.core.bounds import page_arg
from portal.extensions import db
from portal.territories import access as territory_access

PER_PAGE = 50


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id) or abort(404)
    # territories: a regional administrator manages only their territories' accounts.
    if not territory_access.may_manage_account(current_user, user):
        abort(404)
    return user


@admin_required
def dashboard():
    pending = db.session.scalars(
        db.select(User).where(User.professional_status == ProfessionalStatus.PENDING,
                              territory_access.users_in_scope(current_user))
        .order_by(User.created_at)
    ).all()
    return render_template("accounts/admin/dashboard.html", pending=pending, form=EmptyForm())


@admin_required
def users():
    query = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    page = page_arg()
    stmt = db.select(User).where(territory_access.users_in_scope(current_user)) \
        .order_by(User.created_at.desc())
    if query:
        like = f"%{query.lower()}%"
        stmt = stmt.where(db.or_(User.pseudonym_key.like(like), db.func.lower(User.email).like(like),
                                 db.func.lower(User.full_name).like(like)))
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == Role(role))
    pagination = db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)
    return render_template("accounts/admin/users.html", pagination=pagination, query=query,
                           role=role, roles=list(Role), form=EmptyForm())


def _checked_post(form):
    if not form.validate_on_submit():
        abort(400)


@admin_required
def verify(user_id: int):
    form = EmptyForm()
    _checked_post(form)
    user = _user_or_404(user_id)
    if not user.is_professional:
        abort(409)
    ops.verify_professional(user, by=current_user)
    flash(_("%(name)s is now a verified professional.", name=user.display_name), "success")
    return redirect(url_for("admin.dashboard"))


@admin_required
def reject(user_id: int):
    _checked_post(EmptyForm())
    user = _user_or_404(user_id)
    if not user.is_professional:
        abort(409)
    ops.reject_professional(user, by=current_user)
    flash(_("The request of %(name)s was declined.", name=user.display_name), "info")
    return redirect(url_for("admin.dashboard"))


@admin_required
def change_role(user_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    user = _user_or_404(user_id)
    if user.id == current_user.id:
        flash(_("You cannot change your own role."), "error")
    else:
        ops.set_role(user, Role(form.role.data), by=current_user)
        # territories: a role given by a regional administrator holds in
        # their territories, never on the whole install.
        territory_access.keep_within_scope(current_user, user)
        flash(_("The role of %(name)s was changed.", name=user.display_name), "success")
    return redirect(request.referrer or url_for("admin.users"))


@admin_required
def toggle_active(user_id: int):
    _checked_post(EmptyForm())
    user = _user_or_404(user_id)
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "error")
    else:
        ops.set_active(user, not user.is_active_account, by=current_user)
        flash(_("The account of %(name)s is now enabled.", name=user.display_name)
              if user.is_active_account else
              _("The account of %(name)s is now disabled.", name=user.display_name), "success")
    return redirect(request.referrer or url_for("admin.users"))


@admin_required
def audit_log():
    """Staff actions on accounts and data, newest first."""
    action = request.args.get("action", "")
    page = page_arg()
    entries = audit.entries(action=action)
    if territory_access.scope_ids(current_user) is not None:
        # territories: a regional administrator reads what was done to their accounts.
        entries = entries.where(audit.AuditEntry.target_id.in_(
            db.select(User.id).where(territory_access.users_in_scope(current_user))))
    pagination = db.paginate(entries, page=page, per_page=PER_PAGE, error_out=False)
    return render_template("accounts/admin/audit.html", pagination=pagination,
                           actions=audit.ACTIONS, action=action)
