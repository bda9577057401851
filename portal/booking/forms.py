"""Forms: booking a slot, and the professional's settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from portal.booking.models import MODE_LABELS, ExceptionKind

WEEKDAYS = [(0, _l("Monday")), (1, _l("Tuesday")), (2, _l("Wednesday")), (3, _l("Thursday")),
            (4, _l("Friday")), (5, _l("Saturday")), (6, _l("Sunday"))]


class BookingForm(FlaskForm):
    name = StringField(_l("Your first name or a pseudonym"), validators=[
        DataRequired(message=_l("Please tell the professional how to call you.")),
        Length(max=80)], render_kw={"autocomplete": "nickname"})
    under_15 = BooleanField(_l("I am under 15"), description=_l(
        "Under 15, we do not ask for an e-mail address: your confirmation stays on the screen. "
        "Keep the link it gives you, or write down the date."))
    email = EmailField(_l("Your e-mail address"), validators=[
        Optional(), Email(message=_l("This e-mail address does not look right.")),
        Length(max=254)], render_kw={"autocomplete": "email"}, description=_l(
        "For the confirmation, the calendar file and a reminder the day before."))
    phone = TelField(_l("Your phone number"), validators=[Optional(), Length(max=30)],
                     render_kw={"autocomplete": "tel"},
                     description=_l("Only the professional sees it, to call you if needed."))
    note = TextAreaField(_l("What would you like to talk about? (optional)"),
                         validators=[Optional(), Length(max=1000)], render_kw={"rows": 3},
                         description=_l("Only the professional sees it, to prepare the appointment."))


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class TypeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                       description=_l("What young people book, e.g. “First meeting”."))
    duration_minutes = IntegerField(_l("Duration (minutes)"), default=30,
                                    validators=[DataRequired(), NumberRange(min=5, max=480)])
    mode = SelectField(_l("How"), choices=list(MODE_LABELS.items()), default="structure")
    place = StringField(_l("Place, phone number or video link"), validators=[Length(max=300)],
                        description=_l("Leave empty to use the structure's address."))
    min_notice_minutes = IntegerField(_l("Minimum notice (minutes)"), default=120,
                                      validators=[NumberRange(min=0, max=60 * 24 * 30)])
    window_days = IntegerField(_l("Bookable up to (days ahead)"), default=28,
                               validators=[NumberRange(min=1, max=180)])
    buffer_before_minutes = IntegerField(_l("Free time before (minutes)"), default=0,
                                         validators=[NumberRange(min=0, max=240)])
    buffer_after_minutes = IntegerField(_l("Free time after (minutes)"), default=0,
                                        validators=[NumberRange(min=0, max=240)])


class WeeklyRangeForm(FlaskForm):
    weekday = SelectField(_l("Day"), choices=WEEKDAYS, coerce=int)
    start_time = TimeField(_l("From"), validators=[DataRequired()])
    end_time = TimeField(_l("To"), validators=[DataRequired()])


class ExceptionForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[
        (ExceptionKind.CLOSED.value, _l("Not available (day off, hours off)")),
        (ExceptionKind.OPEN.value, _l("Extra opening"))])
    starts_on = DateField(_l("From (date)"), validators=[DataRequired()])
    ends_on = DateField(_l("To (date)"), validators=[Optional()],
                        description=_l("Leave empty for a single day."))
    start_time = TimeField(_l("From (time)"), validators=[Optional()],
                           description=_l("Leave the times empty for whole days."))
    end_time = TimeField(_l("To (time)"), validators=[Optional()])
    note = StringField(_l("Note (only you see it)"), validators=[Length(max=200)])


class FindForm(FlaskForm):
    link = StringField(_l("The link from your confirmation"), validators=[
        DataRequired(message=_l("Please paste the link you received."))])
