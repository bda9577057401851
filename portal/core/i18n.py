"""Languages: French by default, English and Dutch (Lille is cross-border).

The choice is, in order: what the person picked with the switcher (a cookie,
and their account if signed in), then their browser's Accept-Language.
"""

from __future__ import annotations

from flask import current_app, request
from flask_babel import format_date, format_datetime, format_decimal, format_time
from flask_login import current_user

LANGUAGE_COOKIE = "passerelle_lang"
#: Each language named in itself, as switchers should.
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands"}


def select_locale() -> str:
    locales = current_app.config["LOCALES"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in locales:
        return chosen
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in locales:
        return user_locale
    return request.accept_languages.best_match(locales) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def register_filters(app) -> None:
    app.jinja_env.filters.update(
        datetime=format_datetime, date=format_date, time=format_time, number=format_decimal
    )
