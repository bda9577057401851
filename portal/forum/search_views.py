"""Searching the forum: its own page, and its section of the combined search."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from portal.core.bounds import int_arg, page_arg
from portal.core.site_search import SearchSection, SectionHit, typed_query
from portal.core.text import shorten
from portal.forum import queries
from search_index.forum import TopicHit, search_topics


def search():
    q = typed_query()
    categories = {c.id: c for c in queries.categories()}
    category = int_arg("category")
    category = category if category in categories else None
    page = page_arg()
    results = None
    if q:
        results = search_topics(q, category_id=category, page=page)
    return render_template("forum/search.html", q=q, results=results, page=page,
                           category=category, categories=categories,
                           excerpt=excerpt)


def excerpt(hit: TopicHit) -> Markup | str:
    """The passage with the typed words marked, else the question's start."""
    if hit.excerpt_html:
        return Markup(hit.excerpt_html)
    return shorten(hit.question)


def search_section(q: str, limit: int) -> SearchSection:
    found = search_topics(q, per_page=limit)
    categories = {c.id: c for c in queries.categories()}
    hits = []
    for hit in found.hits:
        category = categories.get(hit.category_id)
        details = [str(category.display_title)] if category else []
        details.append(ngettext("%(count)s answer", "%(count)s answers", hit.answers_count,
                                count=hit.answers_count))
        hits.append(SectionHit(
            title=hit.title, url=hit.url,
            title_html=Markup(hit.highlights["title"]) if hit.highlights.get("title") else None,
            excerpt=excerpt(hit), details=details,
            badge=_("A professional answered") if hit.professional else None))
    return SearchSection(_("Forum"), hits, found.total, url_for("forum.search", q=q),
                         _("See all the forum topics found"))
