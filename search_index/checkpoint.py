"""The checkpoint stored with an index, and the outbox rows it is measured against."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from portal.core.time import as_utc, utcnow
from portal.extensions import db
from search_index.models import SearchOutbox

CHECKPOINT = "checkpoint.json"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    doc_type: str
    doc_id: int
    created_at: datetime

    @property
    def stamp(self) -> float:
        return stamp_of(self.created_at)


def stamp_of(created_at: datetime) -> float:
    """A row's creation time as stored in the checkpoint (exact to the µs)."""
    return round(as_utc(created_at).timestamp(), 6)


def rows_above(outbox_id: int, limit: int | None) -> list[OutboxRow]:
    result = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.doc_type, SearchOutbox.doc_id,
               SearchOutbox.created_at)
        .where(SearchOutbox.id > outbox_id).order_by(SearchOutbox.id).limit(limit))
    return [OutboxRow(i, t, d, as_utc(c)) for i, t, d, c in result]


@dataclass
class Checkpoint:
    """How far an index has followed the outbox.

    Rows are known by id *and* creation time: an id alone can come back (a
    database restored from a backup; in the tests, SQLite reusing the ids of
    a rolled-back transaction), and the index must then not believe it has
    already applied the new row.
    """

    outbox_id: int = 0
    #: created_at (POSIX seconds) of row ``outbox_id``: it must still be there.
    anchor: float | None = None
    #: Rows above ``outbox_id`` already applied (not settled yet): id -> created_at.
    applied: dict[int, float] = field(default_factory=dict)
    built_at: str | None = None

    @classmethod
    def read(cls, path: Path) -> Checkpoint:
        try:
            data = json.loads((path / CHECKPOINT).read_text())
        except FileNotFoundError:
            return cls()
        return cls(int(data["outbox_id"]), data.get("anchor"),
                   {int(i): t for i, t in data.get("applied", ())}, data.get("built_at"))

    def write(self, path: Path) -> None:
        data = {"outbox_id": self.outbox_id, "anchor": self.anchor,
                "applied": sorted(self.applied.items()), "built_at": self.built_at,
                "updated_at": utcnow().isoformat()}
        tmp = path / f".{CHECKPOINT}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path / CHECKPOINT)

    def has_applied(self, row: OutboxRow) -> bool:
        return self.applied.get(row.id) == row.stamp
