"""Rendered posts of a topic page for anonymous readers, per process.

The key holds the topic's ``updated_at`` and ``post_count``: every operation
that changes what a page shows (publishing, hiding, deleting, editing,
highlighting, an author's account deleted) touches the topic row, so a stale
entry is never served — it is simply never asked for again and ages out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask_babel import get_locale
from markupsafe import Markup


class RenderedPosts:
    def __init__(self, size: int = 2000):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(topic, page: int) -> tuple:
        return (topic.id, page, str(get_locale()), topic.updated_at, topic.post_count,
                topic.highlighted_post_id)

    def get(self, topic, page: int) -> Markup | None:
        key = self._key(topic, page)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, topic, page: int, html: str) -> Markup:
        value = Markup(html)
        with self._lock:
            self._items[self._key(topic, page)] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


rendered_posts = RenderedPosts()
