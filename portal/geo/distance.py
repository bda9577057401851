"""Great-circle distances and bounding boxes (pure Python, no dependencies)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# Length of one degree of latitude; used for bounding boxes, where a spherical
# approximation is good enough because exact distances are checked afterwards.
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    # min() guards against a rounding error pushing a just above 1 for antipodes.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) of a box that contains the whole circle.

    The box is a cheap prefilter: every point within radius_km of (lat, lon) is
    inside it, and some points inside it are farther (the corners), so callers
    must still check the exact distance. Longitudes are not wrapped at ±180°;
    near the poles the box widens to the full longitude range.
    """
    # A hair wider than the exact circle, so that a point right on the circle
    # is not lost to floating-point rounding.
    radius_km *= 1 + 1e-9
    dlat = radius_km / KM_PER_DEGREE
    min_lat = max(-90.0, lat - dlat)
    max_lat = min(90.0, lat + dlat)
    # The circle is widest in longitude at the latitude closest to a pole.
    widest = max(abs(min_lat), abs(max_lat))
    cos_lat = math.cos(math.radians(widest))
    if cos_lat < 1e-9 or radius_km / (KM_PER_DEGREE * cos_lat) >= 180.0:
        return (min_lat, -180.0, max_lat, 180.0)
    dlon = radius_km / (KM_PER_DEGREE * cos_lat)
    return (min_lat, lon - dlon, max_lat, lon + dlon)


def in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    """True when (lat, lon) lies inside a box from bounding_box()."""
    min_lat, min_lon, max_lat, max_lon = box
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
