"""The guide: structures, resource persons and the services they offer.

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

from portal.directory.lookup import hit_payload, parse_entry_key, published_person, search_guide
from portal.directory.models import (
    Channel,
    EntryStatus,
    PendingChange,
    Person,
    Service,
    Structure,
    StructureKind,
)
from portal.directory.operations import person_of, structure_slug
from portal.directory.search import entry_key

__all__ = [
    "Channel", "EntryStatus", "PendingChange", "Person", "Service", "Structure", "StructureKind",
    "entry_key", "hit_payload", "parse_entry_key", "person_of", "published_person", "search_guide",
    "structure_slug",
]
