"""Articles of the information base, and the anonymous "did this help?" counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import TimestampMixin
from portal.extensions import db

SERVICE_PUBLIC = "Service-Public.fr"


class Article(TimestampMixin, db.Model):
    __tablename__ = "knowledge_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The Service-Public sheet id ("F12006"); None for an article written here.
    sheet_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: [{"title", "text"}] in plain text (imported sheets).
    sections: Mapped[list] = mapped_column(JSON, default=list)
    #: Markdown written by an editor (rendered to sanitised HTML on display).
    body_markdown: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    subthemes: Mapped[list] = mapped_column(JSON, default=list)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    theme_path: Mapped[list] = mapped_column(JSON, default=list)
    source_name: Mapped[str | None] = mapped_column(String(120))
    source_url: Mapped[str | None] = mapped_column(String(500))
    #: When the content was last changed (the sheet's own date for an import).
    modified: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Anonymous "did this help?" counts, for the observatory.
    helped_yes: Mapped[int] = mapped_column(Integer, default=0)
    helped_no: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def ref(self) -> str:
        """What the URL names: the sheet id, else the article id."""
        return self.sheet_id or str(self.id)

    @property
    def is_sheet(self) -> bool:
        return self.sheet_id is not None

    def text(self) -> str:
        """All the article's text, for the index."""
        parts = [s.get("text", "") for s in self.sections or ()]
        parts += [s.get("title", "") for s in self.sections or ()]
        if self.body_markdown:
            parts.append(self.body_markdown)
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"<Article {self.ref} {self.title[:30]!r}>"
