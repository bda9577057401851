"""Pages that belong to no domain: home, the combined search, language switch,
health check."""

from urllib.parse import urlsplit

from flask import abort, current_app, make_response, redirect, render_template, request
from flask_login import current_user

from portal.core.i18n import LANGUAGE_COOKIE
from portal.core.site_search import search_sections, typed_query
from portal.core.themes import THEMES

ONE_YEAR = 60 * 60 * 24 * 365


def home():
    return render_template("core/home.html", themes=THEMES.values())


#: Hits shown per section of the combined search.
SECTION_HITS = 5


def search():
    """The guide, the information and the forum at once, a few hits each."""
    q = typed_query()
    sections = search_sections(q, SECTION_HITS) if q else []
    return render_template("core/search.html", q=q, sections=sections,
                           found=any(s.total for s in sections))


def _safe_next(target: str | None) -> str:
    """Only same-site paths: the switcher must not become an open redirect."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def switch_language(code: str):
    if code not in current_app.config["LOCALES"]:
        abort(404)
    response = make_response(redirect(_safe_next(request.values.get("next"))))
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=ONE_YEAR,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )
    if current_user.is_authenticated:
        current_user.locale = code
    return response

