"""Where an index lives on disk, and how a new one replaces the old.

Every index (the guide's, and each text index) has a root directory::

    CURRENT                    name of the index directory in use
    index-<time>-<pid>-<rand>/ Whoosh files + checkpoint.json
    rebuild.lock

A rebuild writes a whole new directory, then swaps ``CURRENT`` (an atomic
rename), so a reader sees the old index or the new one, never half of one.
The previous directory is kept until the next swap for readers that still
have it open.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.util.filelock import FileLock

from portal.core.time import utcnow
from search_index.following import checkpoint_for_rebuild

POINTER = "CURRENT"
#: Writer lock: how long to keep retrying when another process holds it.
LOCK_PATIENCE_SECONDS = 60.0


@dataclass
class RebuildResult:
    documents: int
    seconds: float
    path: Path


def current_index_path(root: Path) -> Path | None:
    """The directory of the index in use, or None before the first build."""
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and path.is_dir() else None


def build_and_swap(root: Path, schema, write: Callable, **writer_options) -> RebuildResult:
    """Build a new index in a directory of its own with ``write(writer)``
    (which returns how many documents it added), then swap it in.

    The checkpoint is read before the data (see following.py), and the whole
    build holds a file lock: two ``flask search rebuild`` at once build one
    index after the other.
    """
    root.mkdir(parents=True, exist_ok=True)
    with _file_lock(root / "rebuild.lock"):
        started = time.perf_counter()
        checkpoint = checkpoint_for_rebuild()
        path = root / f"index-{utcnow():%Y%m%dT%H%M%S}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        path.mkdir()
        try:
            writer = whoosh_index.create_in(str(path), schema).writer(**writer_options)
            count = write(writer)
            writer.commit()
            checkpoint.write(path)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        _swap(root, path)
        return RebuildResult(count, time.perf_counter() - started, path)


def _swap(root: Path, path: Path) -> None:
    previous = current_index_path(root)
    tmp = root / f".{POINTER}.{os.getpid()}.tmp"
    tmp.write_text(path.name)
    os.replace(tmp, root / POINTER)
    keep = {path.name, previous.name if previous else None}
    for old in root.glob("index-*"):
        if old.name not in keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


class _file_lock:
    """Cross-process lock around a rebuild."""

    def __init__(self, path: Path):
        self._lock = FileLock(str(path))

    def __enter__(self):
        self._lock.acquire(blocking=True)

    def __exit__(self, *exc):
        self._lock.release()


def open_writer(ix, **kwargs):
    """A writer, waiting while another process holds Whoosh's lock."""
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    delay = 0.02
    while True:
        try:
            return ix.writer(**kwargs)
        except LockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def current_searcher(cache: dict, path: Path | None, **searcher_options):
    """The searcher kept in ``cache`` for the index at ``path``, opened again
    when the index changed (a directory listing per call).

    A new reader rather than Searcher.refresh(): Whoosh's reader reuse adds
    the old generation's segments back, merged-away ones included, and the
    same document then comes out twice. Opening one is cheap.
    """
    if path is None:
        return None
    if cache.get("path") == path and cache["searcher"].up_to_date():
        return cache["searcher"]
    if "searcher" in cache:
        cache["searcher"].close()
    cache.update(path=path, searcher=whoosh_index.open_dir(str(path)).searcher(**searcher_options))
    return cache["searcher"]
