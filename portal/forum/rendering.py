"""A small Markdown subset to sanitised HTML.

markdown-it-py parses with raw HTML and images turned off; nh3 (ammonia)
then keeps only the tags below, whatever the parser let through. Links get
``rel="nofollow ugc noopener"`` and only http(s)/mailto schemes survive.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True})
    .disable(["image", "html_block", "html_inline", "heading", "lheading", "table", "hr"],
             ignoreInvalid=True)
)


def render_markdown(text: str) -> str:
    html = _md.render(text or "")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="nofollow ugc noopener",
                     strip_comments=True).strip()


_TAG = re.compile(r"<[^>]+>")


def plain_text(body_html: str) -> str:
    """The words of a rendered post, for the search index."""
    return " ".join(html.unescape(_TAG.sub(" ", body_html or "")).split())
