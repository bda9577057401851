"""Pages of the subscription centre: no account needed, the signed link is the key.

Link scanners open every link of a message: a GET never changes anything
here (it shows a button); the POST does.
"""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.core.refusal import Refusal, show_on_form
from portal.core.themes import theme_labels
from portal.core.time import utcnow
from portal.notifications import operations as ops
from portal.notifications import push, tokens
from portal.notifications.forms import ActionForm, CentreForm, CodeForm, LinkForm
from portal.notifications.models import Channel, Frequency


def _contact_or_404(kind, token):
    contact = tokens.load(kind, token)
    if contact is None:
        abort(404)
    return contact


def unsubscribe(token: str):
    """GET: a button (scanners press nothing). POST: unsubscribed — the RFC 8058
    one-click POST of mail programs comes here too, without a CSRF token."""
    contact = tokens.load(tokens.UNSUBSCRIBE, token)
    if request.method == "POST":
        if contact is not None:
            ops.unsubscribe(contact, "one_click" if "List-Unsubscribe" in request.form
                            else "page")
        return render_template("notifications/unsubscribed.html", found=contact is not None)
    return render_template("notifications/unsubscribe.html", found=contact is not None,
                           token=token)


def confirm(token: str):
    contact = _contact_or_404(tokens.CONFIRM, token)
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        ops.confirm_link(contact)
        return redirect(url_for("notifications.centre",
                                token=tokens.make(tokens.CENTRE, contact)))
    return render_template("notifications/confirm.html", form=form, contact=contact)


def confirm_code():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            contact = ops.confirm_code(form.number.data, form.code.data)
        except Refusal as refusal:
            show_on_form(form, refusal)
        else:
            return redirect(url_for("notifications.centre",
                                    token=tokens.make(tokens.CENTRE, contact)))
    return render_template("notifications/confirm_code.html", form=form)


def manage():
    """The footer's entry: get the link to one's centre, by e-mail or SMS."""
    form = LinkForm()
    if form.validate_on_submit():
        address = form.address.data.strip()
        channel = Channel.EMAIL if "@" in address else Channel.SMS
        try:
            ops.send_centre_link(channel, address)
        except Refusal as refusal:
            show_on_form(form, refusal)
        else:
            flash(_("If this address or number is subscribed, the link to your alerts "
                    "is on its way."), "success")
            return redirect(url_for("notifications.manage"))
    return render_template("notifications/manage.html", form=form)


def _fill(form: CentreForm, contact) -> None:
    topics = contact.topics()
    form.kinds.data = [t for t in topics if t.startswith("kind:")]
    form.themes.data = [t.partition(":")[2] for t in topics if t.startswith("theme:")]
    territory = [t.partition(":")[2] for t in topics if t.startswith("territory:")]
    form.territory.data = territory[0] if territory else (contact.territory_code or "")
    form.frequency.data = contact.frequency.value
    form.quiet_from.data = "" if contact.quiet_from is None else str(contact.quiet_from)
    form.quiet_until.data = "" if contact.quiet_until is None else str(contact.quiet_until)


def centre(token: str):
    contact = _contact_or_404(tokens.CENTRE, token)
    form = CentreForm()
    form.themes.choices = list(theme_labels().items())
    if request.method == "GET":
        _fill(form, contact)
    elif form.validate_on_submit():
        topics = list(form.kinds.data or []) + [f"theme:{t}" for t in form.themes.data or []]
        if form.territory.data:
            topics.append(f"territory:{form.territory.data}")
        ops.update_preferences(
            contact, topics=topics, frequency=Frequency(form.frequency.data),
            quiet_from=int(form.quiet_from.data) if form.quiet_from.data else None,
            quiet_until=int(form.quiet_until.data) if form.quiet_until.data else None)
        flash(_("Your choices are saved."), "success")
        return redirect(url_for("notifications.centre", token=token))
    paused = contact.paused_until is not None and contact.paused_until > utcnow()
    return render_template("notifications/centre.html", form=form, contact=contact, token=token,
                           action=ActionForm(), paused=paused,
                           unsubscribe_token=tokens.make(tokens.UNSUBSCRIBE, contact))


def pause(token: str):
    contact = _contact_or_404(tokens.CENTRE, token)
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.pause(contact)
    flash(_("Nothing will be sent to you for two weeks."), "success")
    return redirect(url_for("notifications.centre", token=token))


def consents(token: str):
    """The person's own consent record, as a file to keep."""
    contact = _contact_or_404(tokens.CENTRE, token)
    response = jsonify(ops.consent_export(contact))
    response.headers["Content-Disposition"] = "attachment; filename=consentement.json"
    response.headers["Cache-Control"] = "no-store"
    return response


def push_key():
    """The VAPID public key browsers subscribe with."""
    return jsonify({"public_key": push.public_key()})
