"""Editors' article form, and the "did this help?" buttons."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from portal.core.i18n import LANGUAGE_NAMES
from portal.core.themes import THEMES


def theme_choices():
    choices = []
    for theme in THEMES.values():
        choices.append((theme.code, theme.label))
        choices += [(code, label) for code, label in theme.subthemes.items()]
    return choices


class ArticleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=1000)],
                            description=_l("One or two sentences: the assistant shows them."))
    body_markdown = TextAreaField(_l("Text (Markdown)"), validators=[Length(max=100_000)],
                                  render_kw={"rows": 16})
    themes = SelectMultipleField(_l("Themes"), choices=theme_choices,
                                 validators=[DataRequired(message=_l("Choose at least one theme."))])
    keywords = StringField(_l("Keywords, separated by commas"), validators=[Length(max=500)])
    source_name = StringField(_l("Source"), validators=[Optional(), Length(max=120)])
    source_url = StringField(_l("Source address"), validators=[Optional(), URL(), Length(max=500)])
    language = SelectField(_l("Language"), choices=lambda: list(LANGUAGE_NAMES.items()))
    published = BooleanField(_l("Published"), default=True)


class HelpfulForm(FlaskForm):
    """Only the CSRF token: the button pressed says yes or no."""
