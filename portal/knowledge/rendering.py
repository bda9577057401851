"""Editors' Markdown to sanitised HTML (markdown-it-py, then nh3)."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
                "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr"}


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = _md.render(text)
    # Headings start at h2: the page's h1 is the title.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                      url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener nofollow")
    return Markup(clean)


def markdown_text(text: str) -> str:
    """The words of some Markdown, for the index."""
    return re.sub(r"<[^>]+>", " ", str(render_markdown(text)))


def without_repeated_lead(summary: str, sections: list[dict]) -> list[dict]:
    """The sections, without a first paragraph that only repeats the summary
    shown above them (most Service-Public sheets open with it)."""
    if not sections or not summary:
        return list(sections or ())
    first = sections[0]
    blocks = (first.get("text") or "").split("\n\n")
    if _same(blocks[0], summary):
        rest = "\n\n".join(blocks[1:])
        return ([{**first, "text": rest}] if rest.strip() else []) + list(sections[1:])
    return list(sections)


def _same(a: str, b: str) -> bool:
    def words(text):
        return " ".join(re.findall(r"\w+", text.lower()))
    return words(a) == words(b) or (len(b) > 80 and words(a).startswith(words(b)))
