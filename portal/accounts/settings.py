"""One's own account: the account page and its changes (pseudonym, password,
e-mail, age range, recovery codes, deletion), and getting back into an
account without e-mail with a recovery code."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import operations as ops
from portal.accounts import profile, recovery, sessions
from portal.accounts.forms import (
    AgeRangeForm,
    DeleteAccountForm,
    EmailChangeForm,
    EmptyForm,
    PasswordChangeForm,
    PseudonymForm,
    RecoveryCodesForm,
    RecoveryForm,
)
from portal.accounts.models import AgeRange
from portal.accounts.passwords import check_password
from portal.core.controllers import _safe_next
from portal.core.refusal import show_on_form
from portal.extensions import limiter


def _account_page(status: int = 200, **forms):
    user = current_user
    defaults = {
        "pseudonym_form": PseudonymForm(formdata=None, pseudonym=user.pseudonym),
        "age_form": AgeRangeForm(formdata=None, age_range=user.age_range.value
                                 if user.age_range else None),
        "email_form": EmailChangeForm(formdata=None, email=user.email),
        "password_form": PasswordChangeForm(formdata=None),
        "codes_form": RecoveryCodesForm(formdata=None),
        "delete_form": DeleteAccountForm(formdata=None),
    }
    defaults.update(forms)
    return render_template("accounts/account.html", codes_left=recovery.codes_left(user),
                           **defaults), status


@login_required
def account():
    return _account_page()


def _change(form_name: str, form, apply, done: str):
    """Validate ``form``, run ``apply(form)``, then back to the account page."""
    if form.validate_on_submit():
        try:
            apply(form)
        except ops.AccountError as exc:
            show_on_form(form, exc)
        else:
            flash(done, "success")
            return redirect(url_for("accounts.account") + "#" + form_name)
    return _account_page(400, **{form_name: form})


@login_required
def change_pseudonym():
    user = current_user._get_current_object()
    return _change("pseudonym_form", PseudonymForm(),
                   lambda f: profile.change_pseudonym(user, f.pseudonym.data),
                   _("Your pseudonym is changed."))


@login_required
def change_age_range():
    user = current_user._get_current_object()
    return _change("age_form", AgeRangeForm(),
                   lambda f: profile.change_age_range(user, AgeRange(f.age_range.data)),
                   _("Your age range is changed."))


@login_required
def change_email():
    user = current_user._get_current_object()
    form = EmailChangeForm()
    done = (_("We sent an e-mail to your new address: follow its link to confirm it.")
            if (form.email.data or "").strip() else _("Your e-mail address is removed."))
    return _change("email_form", form,
                   lambda f: profile.change_email(user, f.email.data, f.current_password.data),
                   done)


@login_required
def change_password():
    user = current_user._get_current_object()

    def apply(form):
        profile.change_password(user, form.current_password.data, form.password.data)
        sessions.sign_in(user)  # this device stays signed in; the others are signed out

    return _change("password_form", PasswordChangeForm(), apply,
                   _("Your password is changed. Your other devices are signed out."))


@login_required
def sign_out_everywhere():
    """Every device of this account is signed out (and its sockets dropped);
    this one stays signed in with a fresh session."""
    if not EmptyForm().validate_on_submit():
        return _account_page(400)
    user = current_user._get_current_object()
    sessions.end_all_sessions(user)
    sessions.sign_in(user)
    flash(_("Your other devices are signed out."), "success")
    return redirect(url_for("accounts.account") + "#sessions")


@login_required
def new_recovery_codes():
    user = current_user._get_current_object()
    form = RecoveryCodesForm()
    if form.validate_on_submit():
        if check_password(user.password_hash, form.current_password.data):
            return _show_codes(recovery.new_codes(user), url_for("accounts.account"))
        form.current_password.errors = [_("The password is not right.")]
    return _account_page(400, codes_form=form)


def _show_codes(codes: list[str], next_url: str):
    response = make_response(render_template("accounts/recovery_codes.html", codes=codes,
                                             next_url=next_url))
    # Shown once: never kept by the browser or anything on the way.
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit() and check_password(current_user.password_hash, form.password.data):
        user = current_user._get_current_object()
        sessions.sign_out()
        ops.delete_account(user)
        flash(_("Your account has been deleted."), "info")
        return redirect(url_for("core.home"))
    if form.is_submitted() and not form.password.errors:
        form.password.errors = [_("The password is not right.")]
    return _account_page(400 if form.is_submitted() else 200, delete_form=form)


@limiter.limit("10 per hour", methods=["POST"])
def recover():
    """A forgotten password, without e-mail: a recovery code."""
    form = RecoveryForm()
    if form.validate_on_submit():
        try:
            user = recovery.recover(form.pseudonym.data, form.code.data, form.password.data,
                                    request.remote_addr)
        except ops.AccountError as exc:
            show_on_form(form, exc)
            if exc.retry_after:
                response = make_response(render_template("accounts/recover.html", form=form), 429)
                response.headers["Retry-After"] = str(exc.retry_after)
                return response
        else:
            sessions.sign_in(user)
            left = recovery.codes_left(user)
            flash(_("Your password is changed. You have %(n)s recovery codes left.", n=left)
                  if left else _("Your password is changed. That was your last recovery code: "
                                 "make new ones from your account page."), "success")
            return redirect(_safe_next(request.args.get("next")) if request.args.get("next")
                            else url_for("accounts.account"))
    return render_template("accounts/recover.html", form=form)


def show_codes_after_sign_up(codes: list[str], next_url: str):
    """Used by the sign-up page of an account without e-mail."""
    return _show_codes(codes, next_url)
