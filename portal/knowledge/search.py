"""Articles as documents of their own index (search_index/articles.py), and the
outbox rows that an article change writes (applied after commit, like every
index's: search_index/indexes.py)."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from portal.extensions import db
from portal.knowledge.audience import youth_weight
from portal.knowledge.models import Article
from portal.knowledge.rendering import markdown_text
from search_index.articles import ARTICLE_TYPE, register_article_documents
from search_index.registry import UPSERT, register_source


def article_path(article) -> str:
    return url_for("knowledge.article", ref_slug=f"{article.ref}-{article.slug}")


def fetch(ids: list[int]) -> list[dict]:
    articles = db.session.scalars(select(Article).where(Article.id.in_(ids)))
    return [document(a) for a in articles]


def document(article: Article) -> dict:
    text = "\n".join(f"{s.get('title', '')}\n{s.get('text', '')}" for s in article.sections or ())
    if article.body_markdown:
        text += "\n" + markdown_text(article.body_markdown)
    return {
        "id": article.id, "source_id": article.sheet_id, "title": article.title,
        "summary": article.summary, "text": text, "keywords": article.keywords,
        "themes": article.themes, "subthemes": article.subthemes,
        # Stored relative: the index is built outside requests too.
        "url": f"/information/{article.ref}-{article.slug}",
        "published": article.published,
        "youth": youth_weight(article.title, article.summary),
    }


def all_ids() -> list[int]:
    return list(db.session.scalars(select(Article.id).order_by(Article.id)))


def affected(article: Article, deleted: bool):
    return [(ARTICLE_TYPE, article.id, "delete" if deleted else UPSERT)]


def register() -> None:
    register_article_documents(fetch, all_ids)
    register_source(Article, affected)
