"""Forms of the subscription centre (Flask-WTF: CSRF on every one)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.notifications.models import Frequency

FREQUENCY_LABELS = [(Frequency.INSTANT.value, _l("At once")),
                    (Frequency.DAILY.value, _l("Once a day")),
                    (Frequency.WEEKLY.value, _l("Once a week"))]
KIND_LABELS = [("kind:guide_alert", _l("New services and events near me")),
               ("kind:forum_answer", _l("Answers in the forum")),
               ("kind:appointment_reminder", _l("Appointment reminders")),
               ("kind:consultation", _l("Consultations and their results")),
               ("kind:newsletter", _l("The newsletter"))]
HOURS = [("", _l("None"))] + [(str(h * 60), f"{h:02d}:00") for h in range(24)]


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CentreForm(FlaskForm):
    kinds = CheckboxesField(_l("What to receive"), choices=KIND_LABELS)
    themes = CheckboxesField(_l("Themes"), choices=[])
    territory = StringField(_l("Commune or territory code (optional)"), validators=[
        Optional(), Length(max=20), Regexp(r"^[A-Za-z0-9-]+$", message=_l(
            "Use only letters, digits and dashes."))])
    frequency = RadioField(_l("How often"), choices=FREQUENCY_LABELS,
                           default=Frequency.INSTANT.value)
    quiet_from = SelectField(_l("My own quiet hours start at"), choices=HOURS, default="")
    quiet_until = SelectField(_l("and end at"), choices=HOURS, default="")


class ActionForm(FlaskForm):
    """A button alone (pause, unsubscribe, confirm): CSRF and nothing else."""


class LinkForm(FlaskForm):
    address = StringField(_l("Your e-mail address or mobile number"), validators=[
        DataRequired(message=_l("Type the e-mail address or the number you subscribed with.")),
        Length(max=254)])


class CodeForm(FlaskForm):
    number = StringField(_l("Your mobile number"), validators=[
        DataRequired(message=_l("Type your mobile number.")), Length(max=30)])
    code = StringField(_l("The code you received"), validators=[
        DataRequired(message=_l("Type the code you received by SMS.")), Length(max=10)])


class UnsubscribeAllForm(FlaskForm):
    confirm = BooleanField(_l("Stop everything for this address"))
