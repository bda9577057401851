"""The territories' administration pages: the list, a territory's form with
its commune picker, and its staff. Thin: check, call an operation, render."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import Role, User
from portal.core.refusal import show_on_form
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.territories import operations as ops
from portal.territories.access import (
    is_national,
    is_staff_somewhere,
    may_act,
    may_act_anywhere,
    scope_ids,
)
from portal.territories.forms import EmptyForm, StaffForm, TerritoryForm
from portal.territories.hosts import current_territory
from portal.territories.models import RoleScope, Territory

SOURCE_FIELDS = ("departments", "epcis", "arrondissements", "communes")


def _territory_or_404(territory_id: int) -> Territory:
    territory = db.session.get(Territory, territory_id) or abort(404)
    # Another territory's administrator learns nothing of it, not even that it exists.
    if not may_act(current_user, Role.ADMIN, territory):
        abort(404)
    return territory


def _admin_somewhere():
    if not may_act_anywhere(current_user, Role.ADMIN):
        abort(403)


@login_required
def index():
    """The territories a staff account acts in (every one for whole-install
    staff), and which one this address shows."""
    if not is_staff_somewhere(current_user):
        abort(403)
    stmt = db.select(Territory).order_by(Territory.name)
    scopes = scope_ids(current_user)
    if scopes is not None:
        stmt = stmt.where(Territory.id.in_(scopes))
    return render_template("territories/index.html", territories=db.session.scalars(stmt).all(),
                           here=current_territory(),
                           administers=may_act_anywhere(current_user, Role.ADMIN))


def _values(form: TerritoryForm) -> dict:
    settings = {name: getattr(form, name).data for name in ops.SETTINGS}
    for name in ("controller_name", "legal_notice_url", "contact_email", "contact_phone",
                 "sender_name", "sender_email", "sms_sender", "logo_url"):
        settings[name] = (settings[name] or "").strip()
    return {"name": form.name.data, "hosts": form.hosts.data or "",
            "sources": {kind: getattr(form, kind).data or "" for kind in SOURCE_FIELDS},
            **settings}


@login_required
def new():
    _admin_somewhere()
    form = TerritoryForm()
    if form.validate_on_submit():
        values = _values(form)
        try:
            territory = ops.create_territory(slug=form.slug.data, **values)
            if not is_national(current_user, Role.ADMIN):
                # A regional administrator administers what they create.
                db.session.add(RoleScope(user_id=current_user.id, territory_id=territory.id))
        except ops.TerritoryRefused as refusal:
            show_on_form(form, refusal)
        else:
            flash(_("The territory %(name)s is created with %(count)d communes.",
                    name=territory.name, count=len(territory.communes)), "success")
            return redirect(url_for("territories.edit", territory_id=territory.id))
    return render_template("territories/edit.html", form=form, territory=None)


@login_required
def edit(territory_id: int):
    _admin_somewhere()
    territory = _territory_or_404(territory_id)
    form = TerritoryForm(obj=territory)
    form.slug.render_kw = {"readonly": True}
    if not form.is_submitted():
        form.hosts.data = " ".join(territory.hosts or ())
        for kind in SOURCE_FIELDS:
            getattr(form, kind).data = ", ".join((territory.sources or {}).get(kind, ()))
    form.slug.data = territory.slug  # never changed by an edit
    if form.validate_on_submit():
        try:
            ops.edit_territory(territory, **_values(form))
        except ops.TerritoryRefused as refusal:
            show_on_form(form, refusal)
        else:
            flash(_("The territory %(name)s is saved.", name=territory.name), "success")
            return redirect(url_for("territories.edit", territory_id=territory.id))
    gazetteer = get_gazetteer()
    communes = sorted((c for c in map(gazetteer.by_insee, territory.commune_codes) if c),
                      key=lambda c: (c.country != "FR", c.name))
    return render_template("territories/edit.html", form=form, territory=territory,
                           communes=communes, staff=_staff(territory), staff_form=StaffForm(),
                           remove_form=EmptyForm())


def _staff(territory: Territory) -> list[User]:
    return db.session.scalars(
        db.select(User).join(RoleScope, RoleScope.user_id == User.id)
        .where(RoleScope.territory_id == territory.id).order_by(User.pseudonym_key)).all()


@login_required
def add_staff(territory_id: int):
    _admin_somewhere()
    territory = _territory_or_404(territory_id)
    form = StaffForm()
    if not form.validate_on_submit():
        abort(400)
    user = db.session.scalar(db.select(User).where(
        User.pseudonym_key == form.pseudonym.data.strip().lower()))
    if user is None or not user.is_staff:
        flash(_("No staff account has this pseudonym."), "error")
    elif scope_ids(user) is None and not is_national(current_user, Role.ADMIN):
        # Giving a territory narrows an account that acts everywhere: only
        # an administrator of the whole install may do that.
        flash(_("This account acts on the whole install; only a national administrator "
                "may limit it to territories."), "error")
    else:
        current = db.session.scalars(db.select(RoleScope.territory_id)
                                     .where(RoleScope.user_id == user.id)).all()
        kept = [db.session.get(Territory, t) for t in current if t is not None]
        ops.set_scopes(user, [*kept, territory])
        flash(_("%(name)s now acts in %(territory)s.", name=user.display_name,
                territory=territory.name), "success")
    return redirect(url_for("territories.edit", territory_id=territory.id) + "#staff")


@login_required
def remove_staff(territory_id: int, user_id: int):
    _admin_somewhere()
    territory = _territory_or_404(territory_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    row = db.session.scalar(db.select(RoleScope).where(
        RoleScope.user_id == user_id, RoleScope.territory_id == territory.id)) or abort(404)
    remaining = db.session.scalar(db.select(db.func.count()).select_from(RoleScope).where(
        RoleScope.user_id == user_id, RoleScope.id != row.id))
    if not remaining:
        # Without any row the account would act everywhere: refuse instead.
        flash(_("This is the account's last territory: change its role instead."), "error")
    else:
        db.session.delete(row)
        flash(_("The account no longer acts in %(territory)s.", territory=territory.name),
              "success")
    return redirect(url_for("territories.edit", territory_id=territory.id) + "#staff")
