from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length


class AskForm(FlaskForm):
    question = StringField(_l("Your question"), validators=[DataRequired(), Length(max=500)],
                           render_kw={"autocomplete": "off"})
    near = StringField(_l("Your commune or postal code (optional)"), validators=[Length(max=100)],
                       render_kw={"autocomplete": "address-level2"})


class FeedbackForm(FlaskForm):
    question = HiddenField(validators=[DataRequired(), Length(max=500)])
    themes = HiddenField()
