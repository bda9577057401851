"""The forum's index: one document per visible topic.

A text index (text_index.py) in ``SEARCH_INDEX_DIR/forum``, following the
outbox rows of doc type ``"forum_topic"``. The title weighs most, then the
question (the first post), then the answers (capped by the forum, so that a
huge topic stays bounded).

The forum gives the documents through ``register_topic_documents(fetch,
all_ids)``: ``fetch(ids)`` returns, for the topics that may be found, dicts
``{"id", "title", "question", "answers", "theme", "category_id",
"category_slug", "url", "answers_count", "professional", "last_post_at"}``
(plain text; ``last_post_at`` a datetime).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from whoosh import fields
from whoosh.query import Term

from portal.core.time import as_utc
from search_index.schema import french_analyzer
from search_index.text_index import CONTEXT, WHOLE, AllIds, Fetch, TextIndex, TextPage

FORUM_TOPIC_TYPE = "forum_topic"
#: Fields searched, with their weight.
FIELDS = (("title", 5.0), ("question", 2.0), ("answers", 0.7))


def _fields() -> dict:
    french = french_analyzer()
    return {
        "title": fields.TEXT(analyzer=french, phrase=False, stored=True),
        "question": fields.TEXT(analyzer=french, phrase=False, stored=True),
        # Stored for the excerpt when only an answer matched.
        "answers": fields.TEXT(analyzer=french, phrase=False, stored=True),
        "theme": fields.ID(stored=True),
        "category_id": fields.ID(stored=True),
        "category_slug": fields.STORED(),
        "url": fields.STORED(),
        "answers_count": fields.STORED(),
        "professional": fields.STORED(),
        "last_post_at": fields.STORED(),  # ISO 8601, UTC
    }


def to_fields(doc: dict) -> dict:
    last = doc.get("last_post_at")
    return {
        "title": doc.get("title") or "",
        "question": doc.get("question") or "",
        "answers": doc.get("answers") or "",
        "theme": doc.get("theme") or "",
        "category_id": str(doc.get("category_id") or ""),
        "category_slug": doc.get("category_slug") or "",
        "url": doc.get("url") or "",
        "answers_count": int(doc.get("answers_count") or 0),
        "professional": bool(doc.get("professional")),
        "last_post_at": as_utc(last).isoformat() if last else "",
    }


index = TextIndex("forum", FORUM_TOPIC_TYPE, fields=_fields, to_fields=to_fields, weighted=FIELDS,
                  highlighted=(("title", WHOLE), ("question", CONTEXT), ("answers", CONTEXT)),
                  label="forum")


def register_topic_documents(fetch: Fetch, all_ids: AllIds) -> None:
    """Declare how to read topics from the database (once per process)."""
    index.register_documents(fetch, all_ids)


@dataclass
class TopicHit:
    id: int
    title: str
    url: str
    category_id: int | None
    category_slug: str
    theme: str
    answers_count: int
    professional: bool
    last_post_at: datetime | None
    #: The start of the question, when no passage is highlighted.
    question: str
    score: float
    #: "title", and the best passage of "question" or "answers", words marked.
    highlights: dict[str, str] = field(default_factory=dict)

    @property
    def excerpt_html(self) -> str | None:
        return self.highlights.get("question") or self.highlights.get("answers")


class TopicPage(TextPage):
    """A page of :class:`TopicHit`."""


def search_topics(text: str, *, category_id: int | None = None, page: int = 1,
                  per_page: int | None = None) -> TopicPage:
    """Visible topics matching ``text`` (any of its words, more words rank
    higher), in one category when given; ``FORUM_SEARCH_PER_PAGE`` a page."""
    per_page = per_page or current_app.config["FORUM_SEARCH_PER_PAGE"]
    within = Term("category_id", str(category_id)) if category_id else None
    found = index.search(text, within=within, limit=per_page, page=page)
    return TopicPage(found.total, [_hit(h) for h in found.hits], found.page, found.per_page)


def _hit(hit) -> TopicHit:
    stored = hit.fields
    last = stored.get("last_post_at")
    category_id = stored.get("category_id")
    return TopicHit(
        id=hit.id, title=stored.get("title") or "", url=stored.get("url") or "",
        category_id=int(category_id) if category_id else None,
        category_slug=stored.get("category_slug") or "", theme=stored.get("theme") or "",
        answers_count=int(stored.get("answers_count") or 0),
        professional=bool(stored.get("professional")),
        last_post_at=datetime.fromisoformat(last) if last else None,
        question=stored.get("question") or "", score=hit.score, highlights=hit.highlights)
