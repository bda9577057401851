"""The information base's pages: by theme, search, one article, and editing."""

from __future__ import annotations

import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from portal.accounts import Role
from portal.core.bounds import MAX_ID, page_arg
from portal.core.site_search import SearchSection, SectionHit
from portal.core.text import shorten
from portal.core.themes import THEMES, is_theme_code, theme_labels
from portal.extensions import db, limiter
from portal.knowledge import operations as ops
from portal.knowledge.forms import ArticleForm, HelpfulForm
from portal.knowledge.models import Article
from portal.knowledge.offices import offices as article_offices
from portal.knowledge.rendering import render_markdown, without_repeated_lead
from portal.knowledge.search import article_path
from portal.territories.access import national_required
from search_index.articles import search_articles

PER_PAGE = 20
_REF = re.compile(r"^(F\d+|\d+)(?:-.*)?$")

# territories: the information base is national (no local articles yet), so
# its editors are the whole install's.
editor_required = national_required(Role.EDITOR)


def index():
    q = request.args.get("q", "").strip()[:200]
    theme = request.args.get("theme", "")
    theme = theme if is_theme_code(theme) else ""
    page = page_arg()
    results = None
    if q or theme:
        results = search_articles(q, themes=(theme,) if theme else (), limit=PER_PAGE, page=page)
    counts = _theme_counts() if results is None else {}
    return render_template("knowledge/index.html", q=q, theme=theme, results=results,
                           themes=THEMES.values(), counts=counts, page=page, per_page=PER_PAGE)


def search_section(q: str, limit: int) -> SearchSection:
    """The information's part of the combined search (portal.core.site_search)."""
    results = search_articles(q, limit=limit)
    labels = theme_labels()
    hits = [SectionHit(
        title=hit.title, url=hit.url,
        title_html=Markup(hit.highlights["title"]) if hit.highlights.get("title") else None,
        excerpt=(Markup(hit.highlights["summary"]) if hit.highlights.get("summary")
                 else shorten(hit.summary)),
        details=[str(labels.get(code, code)) for code in hit.themes[:2]])
        for hit in results.hits]
    return SearchSection(_("Information"), hits, results.total, url_for("knowledge.index", q=q),
                         _("See all the articles found"))


def _theme_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for themes in db.session.scalars(select(Article.themes).where(Article.published.is_(True))):
        for code in themes or ():
            counts[code] = counts.get(code, 0) + 1
    return counts


def load_article(ref: str) -> Article | None:
    if ref.isdigit():
        # A number past the ids' range is no article (and never reaches the database).
        return db.session.get(Article, int(ref)) if len(ref) <= 10 and int(ref) <= MAX_ID else None
    return db.session.scalar(select(Article).where(Article.sheet_id == ref))


def _article_or_404(ref_slug: str, *, editing: bool = False) -> Article:
    match = _REF.match(ref_slug)
    article = load_article(match.group(1)) if match else None
    if article is None or (not article.published and not editing):
        abort(404)
    return article


def article(ref_slug: str):
    item = _article_or_404(ref_slug)
    canonical = f"{item.ref}-{item.slug}"
    if ref_slug != canonical:
        query = request.query_string.decode()
        return redirect(article_path(item) + (f"?{query}" if query else ""), 301)
    near = request.args.get("near", "").strip()[:100] or None
    sections, offices = article_offices(without_repeated_lead(item.summary, item.sections), near)
    return render_template("knowledge/article.html", article=item, sections=sections,
                           offices=offices, near=near, themes_near=_guide_for_themes(item, near),
                           body=render_markdown(item.body_markdown), form=HelpfulForm(),
                           thanks=request.args.get("thanks") == "1")


def _guide_for_themes(item: Article, near: str | None) -> str | None:
    """The guide's search for the article's themes (near the reader when known)."""
    if "directory.search" not in current_app.view_functions:
        return None
    return url_for("directory.search", theme=(item.subthemes or item.themes)[:2],
                   near=near) + "#results"


@limiter.limit("30 per hour")
def helpful(ref: str):
    item = _article_or_404(ref)
    form = HelpfulForm()
    if not form.validate_on_submit() or request.form.get("helped") not in ("yes", "no"):
        abort(400)
    ops.record_helpful(item, request.form["helped"] == "yes")
    return redirect(article_path(item) + "?thanks=1#helpful")


@editor_required
def manage():
    oldest = ops.oldest_articles(limit=50)
    total = db.session.scalar(select(func.count(Article.id)))
    return render_template("knowledge/manage.html", oldest=oldest, total=total)


@editor_required
def new():
    form = ArticleForm()
    if form.validate_on_submit():
        item = ops.create_article(**_form_values(form))
        flash(_("The article is saved."), "success")
        return redirect(article_path(item) if item.published else url_for("knowledge.manage"))
    return render_template("knowledge/edit.html", form=form, article=None)


@editor_required
def edit(article_id: int):
    item = db.session.get(Article, article_id) or abort(404)
    form = ArticleForm(obj=item)
    if request.method == "GET":
        form.themes.data = list(item.themes) + list(item.subthemes)
        form.keywords.data = ", ".join(item.keywords or ())
    if form.validate_on_submit():
        ops.update_article(item, **_form_values(form))
        flash(_("The article is saved."), "success")
        return redirect(article_path(item) if item.published else url_for("knowledge.manage"))
    return render_template("knowledge/edit.html", form=form, article=item)


def _form_values(form: ArticleForm) -> dict:
    return {
        "title": form.title.data, "summary": form.summary.data,
        "body_markdown": form.body_markdown.data or "", "themes": form.themes.data,
        "keywords": (form.keywords.data or "").split(","),
        "source_name": form.source_name.data, "source_url": form.source_url.data,
        "language": form.language.data, "published": form.published.data,
    }
