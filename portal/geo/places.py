"""Turn what a person typed in a "where?" box into a point.

Accepts an INSEE code, a postal code, a commune name ("marcq en baroeul",
"Courtrai") or a position "lat,lon" (the browser's "around me").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.geo.gazetteer import Commune, get_gazetteer

_LAT_LON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    label: str
    commune: Commune | None  # None for a bare position far from any commune


class UnknownPlace(ValueError):
    def __init__(self, text: str, suggestions: list[Commune]):
        super().__init__(f"unknown place {text!r}")
        self.text = text
        self.suggestions = suggestions


def resolve_place(text: str) -> Place:
    text = (text or "").strip()
    gazetteer = get_gazetteer()
    match = _LAT_LON.match(text)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UnknownPlace(text, [])
        commune = gazetteer.nearest(lat, lon)
        return Place(lat, lon, commune.name if commune else f"{lat:.3f}, {lon:.3f}", commune)
    commune = gazetteer.resolve(text)
    if commune is None:
        raise UnknownPlace(text, gazetteer.suggest(text) if text else [])
    return Place(commune.lat, commune.lon, commune.name, commune)
