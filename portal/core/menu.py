"""The links of the header's menu that depend on who is signed in.

Each domain registers, when its blueprint loads, the pages some people work
in (the chat console, the agenda, the moderation queue, administration…), who
may see the link, and optionally a count to show beside it (what waits for
them). The layout asks :func:`links_for` once per page; a domain that is not
installed registers nothing, so no link points to a missing page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, url_for

EXTENSION_KEY = "portal.menu_links"


@dataclass(frozen=True)
class MenuLink:
    endpoint: str
    label: object  # a lazy string
    allowed: Callable[[object], bool]
    #: What waits for this person (e.g. posts to moderate); None: no count.
    count: Callable[[], int] | None = None
    order: int = 100


@dataclass(frozen=True)
class ShownLink:
    url: str
    label: str
    endpoint: str
    count: int | None


def register_menu_link(app, endpoint: str, label, allowed: Callable[[object], bool],
                       count: Callable[[], int] | None = None, order: int = 100) -> None:
    app.extensions.setdefault(EXTENSION_KEY, []).append(
        MenuLink(endpoint, label, allowed, count, order))


def links_for(user) -> list[ShownLink]:
    """The role links ``user`` may follow, in order, with their counts."""
    if not getattr(user, "is_authenticated", False):
        return []
    shown = []
    for link in sorted(current_app.extensions.get(EXTENSION_KEY, ()), key=lambda lk: lk.order):
        if link.endpoint in current_app.view_functions and link.allowed(user):
            shown.append(ShownLink(url_for(link.endpoint), str(link.label), link.endpoint,
                                   link.count() if link.count else None))
    return shown
