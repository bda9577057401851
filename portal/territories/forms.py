"""The territory form (Flask-WTF: CSRF on every form). Labels are lazy."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, FloatField, IntegerField, StringField, TextAreaField
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from portal.territories.settings import colour_problem


class TerritoryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Please give the territory a name.")), Length(max=120)])
    slug = StringField(_l("Short name (in addresses and commands)"), validators=[
        DataRequired(message=_l("Please give a short name.")),
        Regexp(r"^[a-z0-9][a-z0-9-]{0,59}$",
               message=_l("Lower-case letters, digits and hyphens only."))])
    hosts = StringField(_l("Host names this territory answers on"), validators=[Optional()],
                        description=_l("For example jeunes-douai.example; several separated by spaces."))
    departments = StringField(_l("Departments"), validators=[Optional()],
                              description=_l("Department codes separated by commas or spaces, "
                                             "for example 59, 62."))
    epcis = StringField(_l("EPCI"), validators=[Optional()],
                        description=_l("SIREN numbers of intercommunalities separated by commas "
                                       "or spaces, for example 200093201."))
    arrondissements = StringField(_l("Arrondissements"), validators=[Optional()],
                                  description=_l("Arrondissement codes separated by commas or "
                                                 "spaces, for example 595 (Lille) or BE-54 "
                                                 "(Mouscron)."))
    communes = TextAreaField(_l("Communes"), validators=[Optional()],
                             description=_l("INSEE codes separated by commas or spaces; for a "
                                            "Belgian municipality, BE- and its NIS code "
                                            "(BE-54007 for Mouscron)."))
    controller_name = StringField(_l("Data controller"), validators=[Optional(), Length(max=200)])
    legal_notice_url = StringField(_l("Legal notices page"), validators=[
        Optional(), URL(message=_l("Please give a full web address.")), Length(max=300)])
    contact_email = EmailField(_l("Contact e-mail address"), validators=[
        Optional(), Email(message=_l("This is not a valid e-mail address."))])
    contact_phone = StringField(_l("Contact telephone"), validators=[Optional(), Length(max=30)])
    sender_name = StringField(_l("Sender name of e-mails"), validators=[Optional(), Length(max=80)])
    sender_email = EmailField(_l("Sender address of e-mails"), validators=[
        Optional(), Email(message=_l("This is not a valid e-mail address."))])
    sms_sender = StringField(_l("Sender of text messages"), validators=[
        Optional(), Regexp(r"^[A-Za-z0-9]{1,11}$",
                           message=_l("At most 11 letters and digits, without spaces."))])
    logo_url = StringField(_l("Logo address"), validators=[Optional(), Length(max=300)])
    accent_colour = StringField(_l("Accent colour"), default="#1d5c96",
                                description=_l("Buttons and the header show white text on it."))
    map_lat = FloatField(_l("Map centre: latitude"), validators=[
        Optional(), NumberRange(-90, 90, message=_l("Between -90 and 90."))],
        description=_l("Empty: the centre of the territory's communes."))
    map_lon = FloatField(_l("Map centre: longitude"), validators=[
        Optional(), NumberRange(-180, 180, message=_l("Between -180 and 180."))])
    map_radius_km = FloatField(_l("Default search radius (km)"), default=15.0, validators=[
        DataRequired(message=_l("Please give a radius.")),
        NumberRange(1, 100, message=_l("Between 1 and 100 km."))])
    chat_hours = StringField(_l("Chat opening hours"), default="Mo-Fr 09:00-18:00", validators=[
        DataRequired(message=_l("Please give the opening hours.")), Length(max=200)],
        description=_l("In the OpenStreetMap opening_hours syntax, for example Mo-Fr 09:00-18:00."))
    chat_retention_days = IntegerField(_l("Chats kept (days)"), default=365, validators=[
        DataRequired(message=_l("Please give a number of days.")),
        NumberRange(1, 3650, message=_l("Between 1 and 3650 days."))])
    contact_retention_days = IntegerField(_l("Contact messages kept (days)"), default=90,
                                          validators=[
        DataRequired(message=_l("Please give a number of days.")),
        NumberRange(1, 3650, message=_l("Between 1 and 3650 days."))])

    def validate_accent_colour(self, field):
        problem = colour_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_chat_hours(self, field):
        from portal.geo.hours import is_valid

        if not is_valid(field.data):
            raise ValidationError(_l("These opening hours cannot be read."))


class StaffForm(FlaskForm):
    pseudonym = StringField(_l("Pseudonym of the staff account"), validators=[
        DataRequired(message=_l("Please type a pseudonym."))])


class EmptyForm(FlaskForm):
    pass
