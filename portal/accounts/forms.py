"""Account forms (Flask-WTF: CSRF on every one). Labels are lazy so they
translate per request."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from portal.accounts.models import AGE_RANGE_LABELS, ROLE_LABELS, AgeRange
from portal.accounts.passwords import PASSWORD_MAX_LENGTH

PASSWORD_HELP = _l("At least 10 characters. A short sentence is easy to remember and hard to guess.")


def _password_field(label):
    return PasswordField(label, validators=[
        DataRequired(message=_l("Please choose a password.")),
        Length(min=10, message=_l("The password must have at least 10 characters.")),
        Length(max=PASSWORD_MAX_LENGTH, message=_l("The password must have at most %(max)d characters.")),
    ], description=PASSWORD_HELP)


def _confirm_field():
    return PasswordField(_l("Password again"), validators=[
        DataRequired(message=_l("Please type the password a second time.")),
        EqualTo("password", message=_l("The two passwords are not the same.")),
    ])


class LoginForm(FlaskForm):
    login = StringField(_l("Pseudonym or e-mail address"), validators=[
        DataRequired(message=_l("Please type your pseudonym or e-mail address."))],
        render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[
        DataRequired(message=_l("Please type your password.")),
        Length(max=PASSWORD_MAX_LENGTH, message=_l("The password must have at most %(max)d characters."))],
        render_kw={"autocomplete": "current-password"})


class YoungRegistrationForm(FlaskForm):
    pseudonym = StringField(_l("Pseudonym"), validators=[
        DataRequired(message=_l("Please choose a pseudonym.")),
        Length(min=3, max=30, message=_l("A pseudonym has 3 to 30 characters.")),
        Regexp(r"^[\w .\-]+$", message=_l("Use letters, digits, spaces, dots, dashes or underscores.")),
    ], description=_l("Others see only this name. Do not use your real name."),
        render_kw={"autocomplete": "username"})
    age_range = RadioField(_l("Your age"), choices=[(a.value, AGE_RANGE_LABELS[a]) for a in AgeRange],
                           validators=[DataRequired(message=_l("Please tell us your age range."))])
    email = EmailField(_l("E-mail address (optional)"), validators=[
        Optional(), Email(message=_l("This e-mail address does not look right.")), Length(max=254)],
        description=_l("Only to get your password back and receive answers. Not asked under 15."),
        render_kw={"autocomplete": "email"})
    password = _password_field(_l("Password"))
    confirm = _confirm_field()

    def validate_email(self, field):
        if field.data and self.age_range.data == AgeRange.UNDER_15.value:
            raise ValidationError(_l("Under 15, we do not ask for an e-mail address: please leave this field empty."))


class ProfessionalRegistrationForm(FlaskForm):
    full_name = StringField(_l("First name and surname"), validators=[
        DataRequired(message=_l("Please give your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"})
    email = EmailField(_l("Professional e-mail address"), validators=[
        DataRequired(message=_l("Please give your professional e-mail address.")),
        Email(message=_l("This e-mail address does not look right.")), Length(max=254)],
        render_kw={"autocomplete": "email"})
    structure_name = StringField(_l("Your structure"), validators=[
        DataRequired(message=_l("Please name the structure you work for.")), Length(max=200)],
        description=_l("For example: Mission locale de Roubaix, CIO de Lille Centre."))
    job_title = StringField(_l("Your job"), validators=[
        DataRequired(message=_l("Please give your job title.")), Length(max=120)])
    password = _password_field(_l("Password"))
    confirm = _confirm_field()


class PasswordResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(message=_l("Please type your e-mail address.")),
        Email(message=_l("This e-mail address does not look right."))],
        render_kw={"autocomplete": "email"})


class PasswordResetForm(FlaskForm):
    password = _password_field(_l("New password"))
    confirm = _confirm_field()


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm"), validators=[
        DataRequired(message=_l("Please type your password."))])


_PSEUDONYM_RULES = [
    DataRequired(message=_l("Please choose a pseudonym.")),
    Length(min=3, max=30, message=_l("A pseudonym has 3 to 30 characters.")),
    Regexp(r"^[\w .\-]+$", message=_l("Use letters, digits, spaces, dots, dashes or underscores.")),
]


def _current_password():
    return PasswordField(_l("Your current password"), validators=[
        DataRequired(message=_l("Please type your password."))],
        render_kw={"autocomplete": "current-password"})


class PseudonymForm(FlaskForm):
    pseudonym = StringField(_l("New pseudonym"), validators=_PSEUDONYM_RULES,
                            description=_l("Others see only this name. Do not use your real name."),
                            render_kw={"autocomplete": "username"})


class PasswordChangeForm(FlaskForm):
    current_password = _current_password()
    password = _password_field(_l("New password"))
    confirm = _confirm_field()


class EmailChangeForm(FlaskForm):
    email = EmailField(_l("New e-mail address"), validators=[
        Optional(), Email(message=_l("This e-mail address does not look right.")), Length(max=254)],
        description=_l("Leave it empty to remove your address. A new address is used once you "
                       "confirm it from the e-mail we send."),
        render_kw={"autocomplete": "email"})
    current_password = _current_password()


class AgeRangeForm(FlaskForm):
    age_range = RadioField(_l("Your age"), choices=[(a.value, AGE_RANGE_LABELS[a]) for a in AgeRange],
                           validators=[DataRequired(message=_l("Please tell us your age range."))])


class RecoveryCodesForm(FlaskForm):
    current_password = _current_password()


class RecoveryForm(FlaskForm):
    pseudonym = StringField(_l("Your pseudonym"), validators=[
        DataRequired(message=_l("Please type your pseudonym."))],
        render_kw={"autocomplete": "username"})
    code = StringField(_l("One of your recovery codes"), validators=[
        DataRequired(message=_l("Please type a recovery code.")), Length(max=40)],
        description=_l("The codes you were given when you created your account, like ABCDE-FGHJK."),
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters"})
    password = _password_field(_l("New password"))
    confirm = _confirm_field()


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[(r.value, label) for r, label in ROLE_LABELS.items()])


class EmptyForm(FlaskForm):
    """Just the CSRF token, for buttons that change something."""
