"""The board's one form: a date for the evaluation calendar."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

CALENDAR_KINDS = [("launch", _l("Launch")), ("campaign", _l("Campaign")),
                  ("holidays", _l("School holidays")), ("other", _l("Other"))]


class CalendarForm(FlaskForm):
    day = DateField(_l("Date"), validators=[DataRequired(message=_l("Please give the date."))])
    end_day = DateField(_l("Until (optional)"), validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=CALENDAR_KINDS, default="campaign")
    label = StringField(_l("What happened"), validators=[
        DataRequired(message=_l("Please say what happened.")), Length(max=160)])

    def validate_end_day(self, field):
        if field.data and self.day.data and field.data < self.day.data:
            raise ValidationError(_l("The end date cannot be before the start date."))
