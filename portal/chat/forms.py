"""Chat forms (Flask-WTF: CSRF on every one). Labels are lazy."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import DataRequired, Length, NumberRange


class TranscriptForm(FlaskForm):
    """Filled by the page's script with the token kept in the browser."""

    resume_token = HiddenField(validators=[DataRequired(), Length(max=300)])


class RetentionForm(FlaskForm):
    retention_months = IntegerField(
        _l("Keep transcripts for (months)"),
        validators=[DataRequired(), NumberRange(min=1, max=120)],
        description=_l("After this, a nightly task deletes conversations; the anonymous indicators stay."))
