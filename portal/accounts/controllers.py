"""Sign in, sign out, register, verify e-mail, reset password, own account."""

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import operations as ops
from portal.accounts import recovery, sessions, settings
from portal.accounts.forms import (
    EmptyForm,
    LoginForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    ProfessionalRegistrationForm,
    YoungRegistrationForm,
)
from portal.accounts.models import AgeRange
from portal.accounts.tokens import InvalidToken
from portal.core.controllers import _safe_next
from portal.core.refusal import Refusal, show_on_form
from portal.extensions import limiter


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale())


def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = ops.authenticate(form.login.data, form.password.data, request.remote_addr)
        except Refusal as exc:
            return _refused(form, exc, "accounts/login.html", status=200)
        sessions.sign_in(user)
        flash(_("Welcome, %(name)s.", name=user.display_name), "success")
        return redirect(_next_url())
    return render_template("accounts/login.html", form=form)


def _refused(form, refusal: Refusal, template: str, status: int = 400):
    """The form again with the refusal beside its field; a 429 says when
    to come back (``Retry-After``)."""
    show_on_form(form, refusal)
    response = make_response(render_template(template, form=form),
                             429 if refusal.retry_after else status)
    if refusal.retry_after:
        response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def _next_url() -> str:
    """Where the person was before signing in or up (same site only)."""
    target = request.args.get("next")
    return _safe_next(target) if target else url_for("core.home")


def logout():
    sessions.sign_out()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


def register():
    return render_template("accounts/register.html")


def register_young():
    form = YoungRegistrationForm()
    if form.validate_on_submit():
        try:
            user = ops.register_young_person(
                pseudonym=form.pseudonym.data, password=form.password.data,
                age_range=AgeRange(form.age_range.data), email=form.email.data,
                locale=_locale(), ip=request.remote_addr)
        except Refusal as exc:
            return _refused(form, exc, "accounts/register_young.html")
        else:
            sessions.sign_in(user)
            next_url = _next_url()
            # What was typed decides the message, not what was stored: an
            # address that has an account is never revealed (its owner is mailed).
            if ops.normalize_email(form.email.data):
                flash(_("Your account is ready. We sent you an e-mail to confirm your address."), "success")
                return redirect(next_url)
            # No e-mail to get a forgotten password back with: recovery codes, shown once.
            flash(_("Your account is ready."), "success")
            return settings.show_codes_after_sign_up(recovery.new_codes(user), next_url)
    return render_template("accounts/register_young.html", form=form)


def register_professional():
    form = ProfessionalRegistrationForm()
    if form.validate_on_submit():
        try:
            ops.register_professional(
                full_name=form.full_name.data, email=form.email.data, password=form.password.data,
                structure_name=form.structure_name.data, job_title=form.job_title.data,
                locale=_locale(), ip=request.remote_addr)
        except Refusal as exc:
            return _refused(form, exc, "accounts/register_professional.html")
        else:
            return render_template("accounts/registered_professional.html")
    return render_template("accounts/register_professional.html", form=form)


def verify_email(token: str):
    """The link of the confirmation e-mail shows a button; only its POST
    confirms (link scanners follow GET links, and GETs must not write)."""
    try:
        user = ops.email_token_user(token)
    except InvalidToken as exc:
        message = (_("This link has expired. Sign in and ask for a new one from your account page.")
                   if exc.expired else _("This link is not valid."))
        return render_template("accounts/message.html", title=_("E-mail address"),
                               message=message), 400
    form = EmptyForm()
    if form.validate_on_submit():
        ops.confirm_email(token)
        flash(_("Thank you: your e-mail address is confirmed."), "success")
        return redirect(url_for("core.home"))
    return render_template("accounts/verify_email.html", form=form, email=user.email,
                           confirmed=user.email_verified_at is not None)


@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        ops.request_password_reset(form.email.data)
        return render_template("accounts/message.html", title=_("Forgotten password"), message=_(
            "If an account uses this address, we have sent it a link to choose a new password. The link works for one hour."))
    return render_template("accounts/forgot_password.html", form=form)


def reset_password(token: str):
    try:
        user = ops.user_for_reset_token(token)
    except InvalidToken as exc:
        message = (_("This link has expired: ask for a new one.") if exc.expired
                   else _("This link is not valid or was already used."))
        return render_template("accounts/message.html", title=_("Forgotten password"),
                               message=message), 400
    form = PasswordResetForm()
    if form.validate_on_submit():
        ops.set_password(user, form.password.data)
        flash(_("Your password has been changed. You can sign in."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@login_required
def resend_verification():
    if current_user.email and not current_user.email_verified_at:
        ops.send_email_verification(current_user)
        flash(_("We sent you a new confirmation e-mail."), "info")
    return redirect(url_for("accounts.account"))
