"""Forum forms (Flask-WTF: CSRF on every one); lazy labels."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.core.themes import THEMES

BODY_HELP = _l("You can use **bold**, *italics*, lists and links. Never write your phone number, "
               "your address, your e-mail address or your full name: the forum is public.")


def _body(label):
    return TextAreaField(label, validators=[
        DataRequired(message=_l("Please write a message.")),
        Length(max=10_000, message=_l("Your message is too long (10,000 characters at most)."))],
        description=BODY_HELP, render_kw={"rows": 6})


class TopicForm(FlaskForm):
    title = StringField(_l("Your question, in one line"), validators=[
        DataRequired(message=_l("Please give your topic a title.")),
        Length(min=5, max=160, message=_l("A title has 5 to 160 characters."))])
    body = _body(_l("Your message"))
    follow = BooleanField(_l("E-mail me when someone answers"))


class ReplyForm(FlaskForm):
    body = _body(_l("Your answer"))
    follow = BooleanField(_l("E-mail me when someone answers"))


class FlagForm(FlaskForm):
    reason = StringField(_l("Why are you reporting this message?"), validators=[
        DataRequired(message=_l("Please tell us why.")), Length(max=300)])


class ModerationForm(FlaskForm):
    reason = StringField(_l("Reason (kept in the moderation log)"), validators=[
        Optional(), Length(max=500)])


class EditPostForm(FlaskForm):
    body = _body(_l("Text of the message"))
    reason = StringField(_l("Reason (kept in the moderation log)"), validators=[
        DataRequired(message=_l("Please give a reason.")), Length(max=500)])


class SuspendForm(FlaskForm):
    days = IntegerField(_l("Number of days"), default=7, validators=[
        DataRequired(message=_l("Please give a number of days.")),
        NumberRange(min=1, max=3650, message=_l("Between 1 and 3,650 days."))])
    reason = StringField(_l("Reason (kept in the moderation log)"), validators=[
        DataRequired(message=_l("Please give a reason.")), Length(max=500)])


class CategoryForm(FlaskForm):
    theme = SelectField(_l("Field"), choices=[(t.code, t.label) for t in THEMES.values()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=120)])
    description = StringField(_l("Description"), validators=[Optional(), Length(max=400)])


class ActionForm(FlaskForm):
    """A button alone (CSRF only)."""
