"""Rules of the information base: importing sheets, writing articles, "did this help?".

Operations flush, never commit; each queues the article index update after commit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select, update

from portal.core.text import slugify
from portal.core.themes import SUBTHEME_PARENT, THEMES
from portal.core.time import PARIS, utcnow
from portal.extensions import db
from portal.knowledge.models import SERVICE_PUBLIC, Article
from portal.knowledge.sheets import DATA_FILE, load_data_file, parse_xml_sheet, select_sheets

#: Fields an import copies from a sheet onto its article.
SHEET_FIELDS = ("title", "summary", "sections", "themes", "subthemes", "keywords", "theme_path",
                "source_url")


def article_slug(text: str) -> str:
    return slugify(text, max_length=80, default="article")


def _queue_index_update() -> None:
    """The article index follows after commit (search.py's flush listener
    queues it for any article change; nothing more to do here)."""


# ---------------------------------------------------------------- import

def load_service_public_articles(sheets: list[dict] | None = None) -> dict[str, int]:
    """Create or update one article per sheet (the committed data file by
    default). Idempotent: a sheet whose content did not change is not touched,
    so running it again writes nothing. Editors' own articles are left alone."""
    if sheets is None:
        sheets = load_data_file(DATA_FILE)["articles"]
    existing = {a.sheet_id: a for a in db.session.scalars(
        select(Article).where(Article.sheet_id.is_not(None)))}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for sheet in sheets:
        values = {name: sheet.get(name) or ([] if name not in ("title", "summary", "source_url")
                                            else "") for name in SHEET_FIELDS}
        values["modified"] = date.fromisoformat(sheet["modified"])
        article = existing.get(sheet["id"])
        if article is None:
            db.session.add(Article(sheet_id=sheet["id"], slug=article_slug(sheet["title"]),
                                   source_name=SERVICE_PUBLIC, language="fr", published=True,
                                   body_markdown=None, **values))
            counts["created"] += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(article, k) != v}
        if not changed:
            counts["unchanged"] += 1
            continue
        for key, value in changed.items():
            setattr(article, key, value)
        article.slug = article_slug(article.title)
        counts["updated"] += 1
    db.session.flush()
    if counts["created"] or counts["updated"]:
        _queue_index_update()
    return counts


def read_xml_directory(directory: str | Path) -> list[dict]:
    """Sheets of the official XML feed (one ``F*.xml`` per sheet), selected
    by the same section table as the data file."""
    sheets = [parse_xml_sheet(path.read_bytes()) for path in sorted(Path(directory).glob("F*.xml"))]
    return [s for s in select_sheets(sheets) if s.get("id", "").startswith("F")]


# ---------------------------------------------------------------- editing

def _clean_themes(codes) -> tuple[list[str], list[str]]:
    themes, subs = [], []
    for code in codes or ():
        if code in THEMES and code not in themes:
            themes.append(code)
        elif code in SUBTHEME_PARENT:
            subs.append(code)
            if SUBTHEME_PARENT[code] not in themes:
                themes.append(SUBTHEME_PARENT[code])
    return themes, subs


def create_article(*, title: str, summary: str, body_markdown: str, themes, keywords=(),
                   source_name: str | None = None, source_url: str | None = None,
                   language: str = "fr", published: bool = True) -> Article:
    theme_codes, subthemes = _clean_themes(themes)
    article = Article(title=title.strip(), slug=article_slug(title), summary=summary.strip(),
                      sections=[], body_markdown=body_markdown, themes=theme_codes,
                      subthemes=subthemes, keywords=[k.strip() for k in keywords if k.strip()],
                      theme_path=[], source_name=source_name or None,
                      source_url=source_url or None, modified=utcnow().astimezone(PARIS).date(),
                      language=language, published=published)
    db.session.add(article)
    db.session.flush()
    _queue_index_update()
    return article


def update_article(article: Article, *, title: str, summary: str, body_markdown: str, themes,
                   keywords=(), source_name: str | None = None, source_url: str | None = None,
                   language: str | None = None, published: bool = True) -> Article:
    """An editor's change. On an imported sheet, the Markdown is added to the
    sheet's text (the sheet's own sections stay as the import wrote them)."""
    theme_codes, subthemes = _clean_themes(themes)
    article.title, article.slug = title.strip(), article_slug(title)
    article.summary = summary.strip()
    article.body_markdown = body_markdown or None
    article.themes, article.subthemes = theme_codes, subthemes
    article.keywords = [k.strip() for k in keywords if k.strip()]
    if not article.is_sheet:
        article.source_name, article.source_url = source_name or None, source_url or None
    article.language = language or article.language
    article.published = published
    article.modified = utcnow().astimezone(PARIS).date()
    db.session.flush()
    _queue_index_update()
    return article


def record_helpful(article: Article, helped: bool) -> None:
    """Count one anonymous answer to "did this help?" (an UPDATE, so two at
    once both count). Not a searchable change: no index update."""
    column = Article.helped_yes if helped else Article.helped_no
    db.session.execute(update(Article).where(Article.id == article.id)
                       .values({column: column + 1}).execution_options(synchronize_session=False))


def oldest_articles(limit: int = 50) -> list[Article]:
    return list(db.session.scalars(
        select(Article).order_by(Article.modified, Article.id).limit(limit)))
