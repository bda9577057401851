"""The communes gazetteer: look-up by code, name search, and places near a point.

Loaded once from ``data/communes.json.gz`` (built by scripts/build_gazetteer.py):
French communes, plus the Belgian municipalities near Lille. Pure Python; the
only dependency is rapidfuzz, for the typo-tolerant part of the search.
"""

from __future__ import annotations

import gc
import gzip
import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .distance import bounding_box, haversine_km
from .normalize import tokens
from .search import NameIndex

DATA_FILE = Path(__file__).resolve().parent / "data" / "communes.json.gz"

# Grid cell size for near(): 0.1° is ~11 km north-south, ~7 km east-west in
# France, about the size of a commune cluster, so a 10 km query reads ~12 cells.
_CELL_DEG = 0.1


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str  # INSEE code; "BE-<NIS code>" for a Belgian municipality
    name: str
    postal_codes: tuple[str, ...]
    department: str  # French department code; ISO 3166-2 province code in Belgium
    population: int  # Belgium: rounded, only meant to rank search results
    lat: float
    lon: float
    country: str  # "FR" or "BE"
    alt_names: tuple[str, ...]  # former/associated communes, French/Dutch names
    # What territories are built from (portal/territories): the SIREN of the
    # commune's EPCI ("" in Belgium) and its arrondissement ("595"; in Belgium
    # "BE-" and the NIS code's first two digits, the administrative
    # arrondissement: BE-54 Mouscron, BE-34 Kortrijk).
    epci: str = ""
    arrondissement: str = ""

    def to_dict(self) -> dict:
        return {
            "insee": self.insee,
            "name": self.name,
            "postal_codes": list(self.postal_codes),
            "department": self.department,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
        }


class Gazetteer:
    """All communes, with indexes by code, by name and by position."""

    def __init__(self, payload: dict):
        self.meta: dict = payload["meta"]
        col = {name: i for i, name in enumerate(self.meta["columns"])}
        rows = payload["rows"]
        c_insee, c_name, c_pc = col["insee"], col["name"], col["postal_codes"]
        c_dep, c_pop, c_lat, c_lon = col["department"], col["population"], col["lat"], col["lon"]
        c_cc, c_alt, c_src = col["country"], col["alt_names"], col["coord_source"]
        c_epci, c_arr = col["epci"], col["arrondissement"]

        self.communes: list[Commune] = [
            Commune(
                r[c_insee],
                r[c_name],
                tuple(r[c_pc]),
                r[c_dep],
                r[c_pop],
                r[c_lat],
                r[c_lon],
                r[c_cc],
                tuple(r[c_alt]),
                r[c_epci] or "",
                r[c_arr] or _belgian_arrondissement(r[c_insee]),
            )
            for r in rows
        ]
        self._coord_source = {r[c_insee]: r[c_src] for r in rows}
        self._by_insee = {c.insee: c for c in self.communes}
        # Codes of communes déléguées/associées and of Paris/Lyon/Marseille
        # arrondissements, pointing at the commune they belong to.
        self._aliases: dict[str, str] = payload["aliases"]

        by_postal: dict[str, list[Commune]] = {}
        for c in self.communes:
            for code in c.postal_codes:
                by_postal.setdefault(code, []).append(c)
        for lst in by_postal.values():
            lst.sort(key=lambda c: (-c.population, c.insee))
        self._by_postal = by_postal
        self._postal_sorted = sorted(by_postal)

        # A Belgian town's alternative names are its French/Dutch names; a French
        # commune's are those of the former communes it absorbed.
        self._names = NameIndex(
            [c.name for c in self.communes],
            [c.alt_names for c in self.communes],
            [c.country != "FR" for c in self.communes],
            [c.population for c in self.communes],
        )

        grid: dict[tuple[int, int], list[Commune]] = {}
        for c in self.communes:
            grid.setdefault(_cell(c.lat, c.lon), []).append(c)
        self._grid = grid

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | str = DATA_FILE) -> Gazetteer:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
        # Building ~500,000 small objects that all stay alive sets off the cyclic
        # garbage collector again and again for nothing: pausing it halves the time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls(json.loads(raw))
        finally:
            if was_enabled:
                gc.enable()

    def __len__(self) -> int:
        return len(self.communes)

    # ------------------------------------------------------------------ by code

    def by_insee(self, code: str) -> Commune | None:
        """The commune with this INSEE code; a former or associated commune's code
        (Lomme 59355, Hellemmes-Lille 59298) gives the commune it now belongs to."""
        code = code.strip().upper()
        return self._by_insee.get(code) or self._by_insee.get(self._aliases.get(code, ""))

    def where(self, *, departments=(), epcis=(), arrondissements=()) -> list[Commune]:
        """The communes of any of these departments, EPCI or arrondissements
        (what a territory is built from)."""
        departments, epcis, arrondissements = set(departments), set(epcis), set(arrondissements)
        return [c for c in self.communes if c.department in departments
                or (c.epci and c.epci in epcis)
                or (c.arrondissement and c.arrondissement in arrondissements)]

    def by_postal_code(self, code: str) -> list[Commune]:
        """The communes served by a postal code, most populous first."""
        return list(self._by_postal.get(code.strip(), ()))

    def coord_source(self, commune: Commune) -> str:
        """Where the position comes from: 'geonames', 'geonames-child' (matched
        through a former commune), 'geonames-loose', 'hand' (Belgium) or
        'fallback-<tier>' (an estimate; see fallback.py)."""
        return self._coord_source[commune.insee]

    def _by_postal_prefix(self, prefix: str, limit: int) -> list[Commune]:
        start = bisect_left(self._postal_sorted, prefix)
        found: dict[str, Commune] = {}
        for code in self._postal_sorted[start:]:
            if not code.startswith(prefix):
                break
            for c in self._by_postal[code]:
                found[c.insee] = c
        return sorted(found.values(), key=lambda c: (-c.population, c.insee))[:limit]

    # ------------------------------------------------------------------ by name

    def search(self, q: str, limit: int = 10) -> list[Commune]:
        """Communes for a search box, best first.

        Names match whatever the case, accents, hyphens, apostrophes, ligatures and
        "St"/"Saint"; a prefix autocompletes (ties go to the larger commune); a
        typo or two is forgiven; French names of Belgian towns work; so do postal
        codes (or their first digits) and INSEE codes. "Lille 59000" narrows the
        names to the communes whose postal code starts with the digits.
        """
        return self._search(q, limit, loose=False)

    def suggest(self, text: str, limit: int = 5) -> list[Commune]:
        """Close names for text that resolves to nothing ("did you mean...")."""
        return self._search(text, limit, loose=True)

    def resolve(self, text: str) -> Commune | None:
        """One commune for a postal code, an INSEE code or a name, or None.

        A postal code wins over an INSEE code of the same digits (people type
        postal codes) and gives its most populous commune. A name must be a whole
        name or alternative name (among homonyms the most populous commune wins),
        else the whole first words of exactly one name ("Hellemmes" for
        Hellemmes-Lille), else one typo away from exactly one name.
        """
        text = text.strip()
        if not text:
            return None
        digits, words = _split(text)
        if digits and not words:
            return (self._by_postal.get(digits) or [None])[0] or self.by_insee(digits)
        if not words:
            return None
        own_code = self.by_insee(text)  # "BE-34022", "2A004"
        if own_code is not None:
            return own_code
        ids = (
            self._names.exact(words)
            or self._names.unique_word_prefix(words)
            or self._names.unique_near_miss(words)
        )
        ids = self._filter_postal(ids, digits)
        return self.communes[ids[0]] if ids else None

    def _search(self, q: str, limit: int, loose: bool) -> list[Commune]:
        if limit <= 0:
            return []
        own_code = self.by_insee(q)
        if own_code is not None and not q.strip().isdigit():  # "BE-34022", "2A004"
            return [own_code]
        digits, words = _split(q)
        if not words:
            if len(digits) < 2:
                return []
            hits = self._by_postal_prefix(digits, limit)
            if len(digits) == 5:
                own = self.by_insee(digits)
                if own is not None and own not in hits:
                    hits = (hits + [own])[:limit]
            return hits
        ids = self._names.search(words, limit if not digits else 10 * limit, loose)
        ids = self._filter_postal(ids, digits)
        return [self.communes[i] for i in ids[:limit]]

    def _filter_postal(self, ids: list[int], digits: str) -> list[int]:
        if not digits:
            return ids
        kept = [
            i for i in ids if any(pc.startswith(digits) for pc in self.communes[i].postal_codes)
        ]
        return kept or ids

    # ------------------------------------------------------------------ by place

    def near(self, lat: float, lon: float, radius_km: float) -> list[tuple[Commune, float]]:
        """Communes whose position is within radius_km, nearest first, with distances."""
        min_lat, min_lon, max_lat, max_lon = bounding_box(lat, lon, radius_km)
        y0, x0 = _cell(min_lat, min_lon)
        y1, x1 = _cell(max_lat, max_lon)
        out = []
        if (y1 - y0 + 1) * (x1 - x0 + 1) > len(self._grid):
            cells = list(self._grid.values())  # a huge radius: scan what exists
        else:
            cells = [
                self._grid.get((y, x), ()) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)
            ]
        for cell in cells:
            for c in cell:
                d = haversine_km(lat, lon, c.lat, c.lon)
                if d <= radius_km:
                    out.append((c, d))
        out.sort(key=lambda cd: (cd[1], cd[0].insee))
        return out

    def nearest(self, lat: float, lon: float, max_km: float = 30.0) -> Commune | None:
        """The commune whose position is nearest to (lat, lon), within max_km."""
        radius = min(5.0, max_km)
        while True:
            found = self.near(lat, lon, radius)
            if found or radius >= max_km:
                return found[0][0] if found else None
            radius = min(radius * 2, max_km)


def _belgian_arrondissement(code: str) -> str:
    return f"BE-{code[3:5]}" if code.startswith("BE-") else ""


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG))


def _split(text: str) -> tuple[str, list[str]]:
    """('59100', ['roubaix']) for 'Roubaix (59100)'; digits of several tokens joined."""
    words, digits = [], []
    for t in tokens(text):
        (digits if t.isdigit() else words).append(t)
    return "".join(digits), words


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded on first use (a few hundred ms) and kept."""
    return Gazetteer.load()
