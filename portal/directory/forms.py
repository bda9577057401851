"""Forms of the guide: contact a professional, edit an entry, propose one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.themes import THEMES
from portal.directory.models import KIND_LABELS, Channel
from portal.geo.gazetteer import get_gazetteer
from portal.geo.hours import is_valid

LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English"), ("de", "Deutsch"),
             ("es", "Español"), ("ar", "العربية"), ("tr", "Türkçe"), ("pt", "Português")]
CHANNEL_LABELS = {Channel.CHAT: _l("Live chat"), Channel.BOOKING: _l("Appointments"),
                  Channel.EMAIL: _l("E-mail (contact form)"), Channel.PHONE: _l("Phone")}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def theme_choices():
    choices = []
    for theme in THEMES.values():
        choices.append((theme.code, theme.label))
        choices += [(code, label) for code, label in theme.subthemes.items()]
    return choices


class ContactForm(FlaskForm):
    name = StringField(_l("Your first name or pseudonym"), validators=[
        DataRequired(message=_l("Please tell the professional how to call you.")),
        Length(max=80)])
    email = EmailField(_l("Your e-mail address"), validators=[
        DataRequired(message=_l("Please give an e-mail address so that the answer can reach you.")),
        Email(message=_l("This e-mail address does not look right.")), Length(max=254)],
        description=_l("The professional does not see it: their answer reaches you through Passerelle."),
        render_kw={"autocomplete": "email"})
    body = TextAreaField(_l("Your message"), validators=[
        DataRequired(message=_l("Please write your message.")),
        Length(min=10, max=3000, message=_l("A message has 10 to 3,000 characters."))],
        render_kw={"rows": 6})
    share_email = BooleanField(_l("Show my e-mail address to the professional so that they can write to me directly"))
    wants_copy = BooleanField(_l("Send me a copy of my message"))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your answer"), validators=[
        DataRequired(message=_l("Please write your answer.")), Length(max=5000)],
        render_kw={"rows": 8})


def _hours_check(form, field):
    if field.data and not is_valid(field.data):
        raise ValidationError(_l("These opening hours are not in the expected format, for example: Mo-Fr 09:00-12:30,13:30-17:00; Sa 10:00-12:00"))


class PublicsMixin:
    themes = CheckboxesField(_l("Themes"), choices=theme_choices(), validators=[
        DataRequired(message=_l("Please choose at least one theme."))])
    age_min = IntegerField(_l("From age"), default=13, validators=[
        InputRequired(message=_l("Please give an age.")), NumberRange(min=10, max=35)])
    age_max = IntegerField(_l("To age"), default=30, validators=[
        InputRequired(message=_l("Please give an age.")), NumberRange(min=10, max=35)])
    languages = CheckboxesField(_l("Languages spoken"), choices=LANGUAGES, default=["fr"])

    def validate_age_max(self, field):
        if self.age_min.data is not None and field.data is not None and field.data < self.age_min.data:
            raise ValidationError(_l("The upper age must not be below the lower age."))


class PersonForm(PublicsMixin, FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Surname"), validators=[DataRequired(), Length(max=80)])
    role = StringField(_l("Job title"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("What you can help with"), validators=[Length(max=3000)],
                                render_kw={"rows": 5})
    channels = CheckboxesField(_l("How young people can reach you"),
                               choices=[(c.value, label) for c, label in CHANNEL_LABELS.items()])
    email = EmailField(_l("E-mail address for the contact form (never shown)"), validators=[
        Optional(), Email(message=_l("This e-mail address does not look right."))])
    phone = StringField(_l("Phone (shown if you choose the phone channel)"), validators=[
        Optional(), Length(max=30)])


class StructureForm(PublicsMixin, FlaskForm):
    name = StringField(_l("Name of the structure"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of structure"), choices=[(k.value, label) for k, label in KIND_LABELS.items()])
    description = TextAreaField(_l("What the structure does"), validators=[Length(max=5000)],
                                render_kw={"rows": 6})
    address = StringField(_l("Street address"), validators=[DataRequired(), Length(max=200)])
    commune = StringField(_l("Town (name or postal code)"), validators=[DataRequired()])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    email = EmailField(_l("Public e-mail address"), validators=[
        Optional(), Email(message=_l("This e-mail address does not look right."))])
    website = StringField(_l("Website"), validators=[
        Optional(), URL(message=_l("Please give a full address starting with https://"))])
    opening_hours = StringField(_l("Opening hours"), validators=[Optional(), Length(max=500), _hours_check],
                                description=_l("OpenStreetMap format, for example: Mo-Fr 09:00-12:30,13:30-17:00; Sa 10:00-12:00"))
    accessibility = TextAreaField(_l("Accessibility"), validators=[Length(max=2000)],
                                  render_kw={"rows": 3})
    wheelchair = BooleanField(_l("Wheelchair accessible"))

    def validate_commune(self, field):
        commune = get_gazetteer().resolve(field.data or "")
        if commune is None:
            raise ValidationError(_l("We do not know this town. Check the spelling or type its postal code."))
        self.resolved_commune = commune


class JoinStructureForm(FlaskForm):
    structure_id = IntegerField(_l("Structure"), validators=[InputRequired()])
    role = StringField(_l("Job title"), validators=[DataRequired(), Length(max=120)])


class ReviewForm(FlaskForm):
    note = StringField(_l("Note to the professional (optional)"), validators=[Length(max=500)])
