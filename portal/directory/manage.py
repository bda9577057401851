"""Keeping the guide up to date: professionals edit their entries,
administrators review proposals, owners confirm entries from an e-mail link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import (
    admin_required,
    may_act_for_person,
    may_edit_structure,
    professional_required,
)
from portal.directory import operations as ops
from portal.directory.forms import JoinStructureForm, PersonForm, ReviewForm, StructureForm
from portal.directory.models import EntryStatus, PendingChange, Person, Structure
from portal.directory.tokens import read_check_token
from portal.extensions import db
from portal.territories import access as territory_access


def _structure_payload(form: StructureForm) -> dict:
    commune = form.resolved_commune
    data = {name: getattr(form, name).data for name in (
        "name", "kind", "description", "address", "phone", "email", "website", "opening_hours",
        "accessibility", "wheelchair", "themes", "age_min", "age_max", "languages")}
    data.update(commune_insee=commune.insee, commune_name=commune.name, country=commune.country,
                postal_code=commune.postal_codes[0] if commune.postal_codes else "",
                lat=commune.lat, lon=commune.lon)
    return data


@professional_required
def my_entry():
    person = ops.person_of(current_user)
    pending = db.session.scalars(db.select(PendingChange).where(
        PendingChange.submitted_by_id == current_user.id, PendingChange.decision.is_(None))).all()
    structures = db.session.scalars(db.select(Structure).where(
        Structure.status == EntryStatus.PUBLISHED).order_by(Structure.name)).all() if not person else []
    return render_template("directory/manage/my_entry.html", person=person, pending=pending,
                           structures=structures, join_form=JoinStructureForm(),
                           can_edit_structure=person and may_edit_structure(current_user, person.structure))


@login_required
def edit_person(person_id: int):
    person = db.session.get(Person, person_id) or abort(404)
    if not may_act_for_person(current_user, person):
        abort(403)
    if not territory_access.admin_reaches_structure(current_user, person.structure):
        abort(404)  # territories: another territory's entry
    form = PersonForm(obj=person)
    if form.validate_on_submit():
        ops.update_person(person, {f: getattr(form, f).data for f in ops.PERSON_FIELDS}, by=current_user)
        flash(_("Your entry is updated and checked as of today."), "success")
        return redirect(url_for("directory.person", person_id=person.id))
    return render_template("directory/manage/edit_person.html", form=form, person=person)


@login_required
def edit_structure(structure_id: int):
    structure = db.session.get(Structure, structure_id) or abort(404)
    if not may_edit_structure(current_user, structure):
        abort(403)
    if not territory_access.admin_reaches_structure(current_user, structure):
        abort(404)  # territories: another territory's structure
    form = StructureForm(obj=structure)
    if request.method == "GET":
        form.commune.data = structure.commune_name
        form.kind.data = structure.kind.value
    if form.validate_on_submit():
        ops.update_structure(structure, _structure_payload(form), by=current_user)
        flash(_("The structure's entry is updated and checked as of today."), "success")
        return redirect(url_for("directory.structure", structure_id=structure.id, slug=structure.slug))
    return render_template("directory/manage/edit_structure.html", form=form, structure=structure)


@login_required
def confirm(entity: str, entity_id: int):
    model = {"structure": Structure, "person": Person}.get(entity) or abort(404)
    entry = db.session.get(model, entity_id) or abort(404)
    structure = entry if entity == "structure" else entry.structure
    if not territory_access.admin_reaches_structure(current_user, structure):
        abort(404)  # territories: another territory's entry
    if not ReviewForm().validate_on_submit():
        abort(400)
    try:
        ops.confirm_checked(entry, by=current_user)
    except ops.NotAllowed:
        abort(403)
    flash(_("Thank you: the entry is marked as checked today."), "success")
    return redirect(request.referrer or url_for("directory.my_entry"))


@professional_required
def propose_structure():
    form = StructureForm()
    if form.validate_on_submit():
        ops.propose("structure", _structure_payload(form), by=current_user)
        flash(_("Thank you. An administrator will check the new structure before it appears in the guide."), "success")
        return redirect(url_for("directory.my_entry"))
    return render_template("directory/manage/edit_structure.html", form=form, structure=None)


@professional_required
def join_structure():
    form = JoinStructureForm()
    if not form.validate_on_submit():
        abort(400)
    structure = db.session.get(Structure, form.structure_id.data) or abort(404)
    ops.propose("person", {"role": form.role.data}, by=current_user, entity_id=structure.id)
    flash(_("Thank you. An administrator will confirm that you work at %(name)s.", name=structure.name), "success")
    return redirect(url_for("directory.my_entry"))


def check(token: str):
    """The link of the "please check your entry" e-mail: one click confirms."""
    found = read_check_token(token)
    model = {"structure": Structure, "person": Person}.get(found[0]) if found else None
    entry = db.session.get(model, found[1]) if model else None
    if entry is None:
        return render_template("directory/manage/check.html", entry=None), 404
    form = ReviewForm()
    if form.validate_on_submit():
        ops.mark_checked(entry)
        db.session.flush()
        return render_template("directory/manage/check.html", entry=entry, done=True)
    return render_template("directory/manage/check.html", entry=entry, form=form)


@admin_required
def review():
    # territories: only the changes of the administrator's territories.
    changes = [c for c in ops.pending_changes()
               if territory_access.may_review_change(current_user, c)]
    joined_ids = [c.entity_id for c in changes if c.entity_id]
    structures = {s.id: s for s in db.session.scalars(
        db.select(Structure).where(Structure.id.in_(joined_ids)))}
    return render_template("directory/manage/review.html", changes=changes, form=ReviewForm(),
                           structures=structures)


@admin_required
def decide(change_id: int, decision: str):
    change = db.session.get(PendingChange, change_id) or abort(404)
    if not territory_access.may_review_change(current_user, change):
        abort(404)  # territories: another territory's change
    form = ReviewForm()
    if not form.validate_on_submit() or change.decision is not None:
        abort(409 if change.decision else 400)
    if decision == "approve":
        ops.approve_change(change, by=current_user)
        flash(_("The change is published."), "success")
    else:
        ops.reject_change(change, by=current_user, note=form.note.data or "")
        flash(_("The change was declined."), "info")
    return redirect(url_for("directory.review"))
