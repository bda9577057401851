"""The information base's index: articles, searched by words and themes.

A text index (text_index.py) in ``SEARCH_INDEX_DIR/articles``, following the
outbox rows of doc type ``"article"``.

The domain gives the documents through ``register_article_documents(fetch,
all_ids)``: ``fetch(ids)`` returns dicts ``{"id", "source_id", "title", "summary",
"text", "keywords", "themes", "subthemes", "url", "published", "youth"}``
(``youth``: the factor for young readers, portal/knowledge/audience.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import fields
from whoosh.query import Or, Term

from search_index.schema import french_analyzer
from search_index.storage import RebuildResult
from search_index.text_index import CONTEXT, WHOLE, AllIds, Fetch, TextIndex, TextPage

ARTICLE_TYPE = "article"
#: Fields searched, with their weight: the title weighs most.
FIELDS = (("title", 5.0), ("keywords", 2.0), ("summary", 2.0), ("text", 0.7))
THEME_BONUS = 1.3


def _fields() -> dict:
    french = french_analyzer()
    return {
        "source_id": fields.ID(stored=True),
        "title": fields.TEXT(analyzer=french, phrase=False, stored=True),
        "summary": fields.TEXT(analyzer=french, phrase=False, stored=True),
        "text": fields.TEXT(analyzer=french, phrase=False),
        "keywords": fields.TEXT(analyzer=french, phrase=False, stored=True),
        "themes": fields.KEYWORD(stored=True),
        "subthemes": fields.KEYWORD(stored=True),
        "url": fields.STORED(),
        "youth": fields.STORED(),
    }


def to_fields(doc: dict) -> dict:
    return {
        "source_id": doc.get("source_id") or "",
        "title": doc.get("title") or "",
        "summary": doc.get("summary") or "",
        "text": doc.get("text") or "",
        "keywords": " ".join(doc.get("keywords") or ()),
        "themes": " ".join(doc.get("themes") or ()),
        "subthemes": " ".join(doc.get("subthemes") or ()),
        "url": doc.get("url") or "",
        "youth": float(doc.get("youth") or 1.0),
    }


index = TextIndex("articles", ARTICLE_TYPE, fields=_fields, to_fields=to_fields, weighted=FIELDS,
                  highlighted=(("title", WHOLE), ("summary", CONTEXT)), label="article")


def register_article_documents(fetch: Fetch, all_ids: AllIds) -> None:
    """Declare how to read articles from the database (once per process)."""
    index.register_documents(fetch, all_ids)


def rebuild_articles() -> RebuildResult:
    """Build a fresh article index from the database, then swap it in."""
    return index.rebuild()


def apply_article_changes(now: datetime | None = None) -> int:
    """Apply the outbox's article rows beyond this index's checkpoint."""
    return index.apply_changes(now)


@dataclass
class ArticleHit:
    id: int
    source_id: str | None
    title: str
    summary: str
    url: str
    themes: list[str]
    subthemes: list[str]
    score: float
    highlights: dict[str, str] = field(default_factory=dict)


class ArticlePage(TextPage):
    """A page of :class:`ArticleHit`."""


def search_articles(text: str, themes: Iterable[str] = (), limit: int = 10, page: int = 1,
                    *, prefer_themes: Iterable[str] = (), extra_words: Iterable[str] = (),
                    highlight_hits: bool = True, for_young: bool = True) -> ArticlePage:
    """Articles matching ``text`` (any of its words, more words rank higher),
    among ``themes`` (theme or sub-theme codes, any of) when given; without
    words, every article of those themes.

    ``prefer_themes`` raises articles of those themes without filtering;
    ``extra_words`` are folded words added to the query (an assistant's
    expansions), searched like typed words but without typo tolerance;
    ``for_young`` multiplies each score by the article's weight for readers
    aged 13 to 30 (``youth``; off only to measure what it changes).
    """
    preferred = set(prefer_themes)

    def boost(stored: dict) -> float:
        factor = float(stored.get("youth") or 1.0) if for_young else 1.0
        if preferred:
            codes = (stored.get("themes") or "").split() + (stored.get("subthemes") or "").split()
            factor *= THEME_BONUS if preferred & set(codes) else 1.0
        return factor

    found = index.search(text, within=_theme_filter(themes), limit=limit, page=page,
                         extra_words=extra_words, boost=boost if (preferred or for_young) else None,
                         highlight_hits=highlight_hits)
    return ArticlePage(found.total, [_hit(h) for h in found.hits], found.page, found.per_page)


def _hit(hit) -> ArticleHit:
    stored = hit.fields
    return ArticleHit(
        id=hit.id, source_id=stored.get("source_id") or None, title=stored["title"],
        summary=stored.get("summary") or "", url=stored.get("url") or "",
        themes=(stored.get("themes") or "").split(),
        subthemes=(stored.get("subthemes") or "").split(), score=hit.score,
        highlights=hit.highlights)


def _theme_filter(themes: Iterable[str]):
    terms = [Term(name, code) for code in themes if code for name in ("themes", "subthemes")]
    return Or(terms) if terms else None
