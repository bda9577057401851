"""Geohash cells: how a radius search becomes a handful of index terms.

Each document is indexed with the geohash of its position at several
precisions (one term per precision). A query around a point picks the finest
precision whose cells cover the circle in at most ``MAX_CELLS`` terms, and
keeps only the cells that actually touch the circle. The union of those terms
is a cheap prefilter; exact (haversine) distances are then computed for the
candidates only. A float range query over lat/lon would have to visit every
document of the band (DESIGN.md measured 0.3-0.5 s per query).
"""

from __future__ import annotations

import math

from portal.geo.distance import bounding_box, haversine_km

_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"

#: Precisions indexed for every document: 2 (~1,250 km) to 6 (~1 km).
PRECISIONS = (2, 3, 4, 5, 6)

#: More cells than this and a coarser precision is used instead: each cell is
#: one term to look up, while a coarser cell only adds candidates.
MAX_CELLS = 48


def _grid(precision: int) -> tuple[int, int]:
    """(longitude bits, latitude bits) of a geohash of that many characters."""
    bits = 5 * precision
    return (bits + 1) // 2, bits // 2


def _cell_size(precision: int) -> tuple[float, float]:
    """(degrees of latitude, degrees of longitude) of one cell."""
    lon_bits, lat_bits = _grid(precision)
    return 180.0 / (1 << lat_bits), 360.0 / (1 << lon_bits)


def _encode_indexes(x: int, y: int, precision: int) -> str:
    """The geohash of grid cell (x = longitude index, y = latitude index)."""
    lon_bits, lat_bits = _grid(precision)
    # A geohash interleaves the bits, longitude first, most significant first.
    code = 0
    lon_left, lat_left = lon_bits, lat_bits
    for i in range(5 * precision):
        if i % 2 == 0:
            lon_left -= 1
            code = (code << 1) | ((x >> lon_left) & 1)
        else:
            lat_left -= 1
            code = (code << 1) | ((y >> lat_left) & 1)
    return "".join(_BASE32[(code >> (5 * (precision - 1 - k))) & 31] for k in range(precision))


def _indexes(lat: float, lon: float, precision: int) -> tuple[int, int]:
    lon_bits, lat_bits = _grid(precision)
    x = int((lon + 180.0) / 360.0 * (1 << lon_bits))
    y = int((lat + 90.0) / 180.0 * (1 << lat_bits))
    return min(x, (1 << lon_bits) - 1), min(y, (1 << lat_bits) - 1)


def geohash(lat: float, lon: float, precision: int) -> str:
    return _encode_indexes(*_indexes(lat, lon, precision), precision)


def cells_of(lat: float, lon: float) -> list[str]:
    """The terms to index for a document at (lat, lon): one per precision."""
    finest = geohash(lat, lon, PRECISIONS[-1])
    return [finest[:p] for p in PRECISIONS]


def _distance_to_cell(lat: float, lon: float, y: int, x: int, precision: int) -> float:
    """Km from (lat, lon) to the nearest point of a cell (0 inside it)."""
    dlat, dlon = _cell_size(precision)
    south, west = y * dlat - 90.0, x * dlon - 180.0
    nearest_lat = min(max(lat, south), south + dlat)
    nearest_lon = min(max(lon, west), west + dlon)
    # On a sphere the nearest point of a lat/lon rectangle can lie slightly
    # poleward of the clamped position (great circles bulge towards the pole),
    # so this can overstate the distance a little: see the slack below.
    return haversine_km(lat, lon, nearest_lat, nearest_lon)


def covering_cells(lat: float, lon: float, radius_km: float) -> list[str] | None:
    """The cells that together contain every point within ``radius_km``.

    None when the circle is too large for any precision to help (a search over
    most of the country): the caller then checks every candidate's distance.
    """
    min_lat, min_lon, max_lat, max_lon = bounding_box(lat, lon, radius_km)
    for precision in reversed(PRECISIONS):
        x0, y0 = _indexes(min_lat, min_lon, precision)
        x1, y1 = _indexes(max_lat, max_lon, precision)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS * 2:
            continue  # even after trimming the corners, too many
        # Slack for the overstatement above (under 0.2% below 300 km) and for
        # rounding: a cell kept for nothing only adds candidates, a cell
        # dropped wrongly would lose an entry.
        slack = radius_km * 1.01 + 0.01
        cells = [
            _encode_indexes(x, y, precision)
            for y in range(y0, y1 + 1)
            for x in range(x0, x1 + 1)
            if _distance_to_cell(lat, lon, y, x, precision) <= slack
        ]
        if len(cells) <= MAX_CELLS:
            return cells
    return None


def cell_precision_km(precision: int, at_lat: float = 46.5) -> tuple[float, float]:
    """(north-south km, east-west km) of a cell, for documentation and tests."""
    dlat, dlon = _cell_size(precision)
    km = math.pi * 6371.0088 / 180.0
    return dlat * km, dlon * km * math.cos(math.radians(at_lat))
