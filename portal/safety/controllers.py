"""The help page: parse → choose the country → render."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import get_locale

from portal.safety import presenting


def help_page():
    locale = str(get_locale())
    country = presenting.country_for(choice=request.args.get("pays"),
                                     commune=request.args.get("commune"), locale=locale)
    return render_template("safety/help.html", country=country, countries=presenting.countries(),
                           numbers=presenting.all_numbers(country))
