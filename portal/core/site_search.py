"""The combined search page's sections, registered by the domains.

Core does not know the guide, the information base or the forum: each
registers, when its blueprint loads, a function that searches its own
content and returns a :class:`SearchSection` (a few hits, how many there are
in all, and a link to its own search page). A domain that is not installed
simply has no section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import request
from markupsafe import Markup


@dataclass
class SectionHit:
    title: str
    url: str
    #: The title with the matched words marked (escaped HTML), when there is one.
    title_html: Markup | None = None
    #: A passage with the matched words marked, or plain text.
    excerpt: Markup | str = ""
    #: Short facts shown under the hit (a place, a category, a count).
    details: list[str] = field(default_factory=list)
    #: A badge (e.g. "Answer from a professional").
    badge: str | None = None


@dataclass
class SearchSection:
    title: str
    hits: list[SectionHit]
    total: int
    #: The domain's own search page for the same query.
    more_url: str
    more_label: str
    key: str = ""


def typed_query() -> str:
    """The words typed in a search box (``?q=``), spaces tidied, at most 200 characters."""
    return " ".join(request.args.get("q", "").split())[:200]


#: ``fn(q, limit) -> SearchSection``
SectionSearch = Callable[[str, int], SearchSection]

_sections: dict[str, tuple[int, SectionSearch]] = {}


def register_search_section(key: str, order: int, fn: SectionSearch) -> None:
    """Declare a section of the combined search (registering again replaces)."""
    _sections[key] = (order, fn)


def search_sections(q: str, limit: int = 5) -> list[SearchSection]:
    """Every registered section for ``q``, in their order."""
    out = []
    for key, (_, fn) in sorted(_sections.items(), key=lambda item: (item[1][0], item[0])):
        section = fn(q, limit)
        section.key = key
        section.hits = section.hits[:limit]
        out.append(section)
    return out
