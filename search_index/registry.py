"""Who provides searchable documents, and which rows change them.

A domain registers, once per process (registering again replaces):

- ``register_documents(doc_type, fetch, all_ids)``, for the guide's index:
  ``fetch(ids)`` returns the current documents (plain dicts) for those ids — an
  id left out means the row is gone or must not be found — and ``all_ids()``
  every id, for a rebuild (a text index, text_index.py, takes the same two
  functions through its own ``register_documents``);
- ``register_source(model_cls, affected)``: ``affected(obj, deleted)`` lists the
  ``(doc_type, doc_id, op)`` changes that a flushed change to ``obj`` causes,
  ``op`` being ``"upsert"`` or ``"delete"``.

The index package never imports a domain: domains come to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

UPSERT = "upsert"
DELETE = "delete"
OPS = (UPSERT, DELETE)

Fetch = Callable[[list[int]], list[dict]]
AllIds = Callable[[], Iterable[int]]
Affected = Callable[[object, bool], list[tuple[str, int, str]]]


@dataclass(frozen=True)
class DocumentSource:
    doc_type: str
    fetch: Fetch
    all_ids: AllIds


_documents: dict[str, DocumentSource] = {}
_sources: dict[type, Affected] = {}


def register_documents(doc_type: str, fetch: Fetch, all_ids: AllIds) -> None:
    """Declare a document type and how to read its documents from the database."""
    _documents[doc_type] = DocumentSource(doc_type, fetch, all_ids)


def register_source(model_cls: type, affected: Affected) -> None:
    """Declare that flushed changes to ``model_cls`` rows change documents."""
    _sources[model_cls] = affected


def document_types() -> list[str]:
    return list(_documents)


def document_source(doc_type: str) -> DocumentSource | None:
    return _documents.get(doc_type)


def affected_for(obj: object) -> Affected | None:
    """The ``affected`` callable for an instance, looked up along its class's MRO
    so that a subclass of a registered model counts too."""
    if not _sources:
        return None
    for cls in type(obj).__mro__:
        found = _sources.get(cls)
        if found is not None:
            return found
    return None


def has_sources() -> bool:
    return bool(_sources)
