"""Anonymous counts of the assistant, and the questions it could not answer.

Nothing here names a person: a question's text is kept (when it went
unanswered or was marked as not helpful) so that editors know what to write,
and a per-day tally counts outcomes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import UTCDateTime
from portal.core.time import utcnow
from portal.extensions import db

#: Tally names.
ASKED, ANSWERED, UNANSWERED, EMERGENCY = "asked", "answered", "unanswered", "emergency"
UP, DOWN, NOT_ANSWERED = "up", "down", "not_answered"
TALLIES = (ASKED, ANSWERED, UNANSWERED, EMERGENCY, UP, DOWN, NOT_ANSWERED)


class AssistantTally(db.Model):
    __tablename__ = "assistant_tallies"
    __table_args__ = (UniqueConstraint("day", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)


class OpenQuestion(db.Model):
    """A question that went unanswered or was judged unhelpful: content to write."""

    __tablename__ = "assistant_open_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Folded text: the same question asked again counts on the same row.
    key: Mapped[str] = mapped_column(String(300), unique=True)
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[str] = mapped_column(String(200), default="")
    unanswered: Mapped[int] = mapped_column(Integer, default=0)
    unhelpful: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
