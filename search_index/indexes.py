"""Every index of this process in one place: the guide's (indexer.py) and the
text indexes (text_index.py) that domains gave documents to.

Applying after commit, ``flask search follow``, ``flask search rebuild`` and
``flask portal setup`` all go through here.
"""

from __future__ import annotations

import logging

from search_index import indexer
from search_index.storage import RebuildResult
from search_index.text_index import text_indexes

log = logging.getLogger(__name__)


def apply_all() -> dict[str, int]:
    """One pass of every index over the outbox: how many rows each applied.
    An index that fails does not hold the others back; the first error is
    raised once they all had their pass."""
    applied, error = {}, None
    for name, apply in [("guide", indexer.apply_pending),
                        *((ix.label, ix.apply_changes) for ix in text_indexes())]:
        try:
            applied[name] = apply()
        except Exception as exc:
            log.exception("search index %s: applying the outbox failed", name)
            error = error or exc
    if error is not None:
        raise error
    return applied


def rebuild_text_indexes() -> dict[str, RebuildResult]:
    """Rebuild every text index from the database (they are small: seconds)."""
    return {ix.label: ix.rebuild() for ix in text_indexes()}


def problems() -> dict[str, str]:
    """What is wrong with each index of this process, for ``/healthz?deep=1``:
    an index never built, or a directory that cannot be read (empty: all fine)."""
    found = {}
    for name, path in [("guide", indexer.current_index_path()),
                       *((ix.label, ix.current_path()) for ix in text_indexes())]:
        if path is None:
            found[name] = "not built: run `flask search rebuild`"
            continue
        try:
            next(path.iterdir(), None)
        except OSError as exc:
            found[name] = f"unreadable: {exc.strerror or exc}"
    return found
