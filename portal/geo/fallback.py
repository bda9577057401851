"""Estimated coordinates for communes that GeoNames does not list.

GeoNames ``cities1000`` only has places of about 1,000 inhabitants or more, so
roughly three French communes in four have no coordinates of their own. They get
the mean position of the communes around them that do, taken from the smallest
group that has any:

1. ``postal``: the communes sharing one of its postal codes (a postal code
   covers one delivery office's round: neighbouring villages);
2. ``epci``: the communes of its intercommunalité (contiguous by law);
3. ``arrondissement``: the communes of its arrondissement;
4. ``department``: the communes of its department (the mean of their
   positions, a stand-in for the department's centroid).

The build script uses this module to fill the data file, and the tests use it to
measure the error: they pretend that communes whose position is known are not,
and compare the estimate with the known position (leave-one-out).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .distance import haversine_km

TIERS = ("postal", "epci", "arrondissement", "department")


@dataclass(frozen=True, slots=True)
class Place:
    """What the fallback needs to know about a commune."""

    key: str
    postal_codes: tuple[str, ...]
    epci: str
    arrondissement: str
    department: str


class FallbackIndex:
    """Groups of communes with known positions, by postal code, EPCI, etc."""

    def __init__(self, known: Iterable[tuple[Place, float, float]]):
        self._pos: dict[str, tuple[float, float]] = {}
        self._postal: dict[str, set[str]] = defaultdict(set)
        # Larger groups keep running sums so that leaving one member out is O(1).
        self._sums: dict[str, dict[str, list[float]]] = {
            tier: defaultdict(lambda: [0.0, 0.0, 0]) for tier in TIERS[1:]
        }
        for place, lat, lon in known:
            self._pos[place.key] = (lat, lon)
            for code in place.postal_codes:
                self._postal[code].add(place.key)
            for tier in TIERS[1:]:
                group = getattr(place, tier)
                if group:
                    acc = self._sums[tier][group]
                    acc[0] += lat
                    acc[1] += lon
                    acc[2] += 1

    def estimate(
        self, place: Place, exclude_self: bool = False, tiers: tuple[str, ...] = TIERS
    ) -> tuple[float, float, str] | None:
        """(lat, lon, tier) for ``place``, or None when no group has a known member.

        With ``exclude_self`` the place's own known position is left out of every
        group, which is how the error of the estimate is measured. ``tiers``
        restricts the groups tried (in the order of TIERS).
        """
        own = self._pos.get(place.key) if exclude_self else None

        members: set[str] = set()
        if "postal" in tiers:
            for code in place.postal_codes:
                members |= self._postal.get(code, set())
            if own is not None:
                members.discard(place.key)
        if members:
            # Sorted: a float sum depends on its order, and set order on the run.
            points = [self._pos[k] for k in sorted(members)]
            lat = math.fsum(p[0] for p in points) / len(points)
            lon = math.fsum(p[1] for p in points) / len(points)
            return (lat, lon, "postal")

        for tier in TIERS[1:]:
            if tier not in tiers:
                continue
            group = getattr(place, tier)
            acc = self._sums[tier].get(group) if group else None
            if acc is None:
                continue
            slat, slon, n = acc
            if own is not None:
                slat, slon, n = slat - own[0], slon - own[1], n - 1
            if n > 0:
                return (slat / n, slon / n, tier)
        return None


def leave_one_out(
    index: FallbackIndex, known: Iterable[tuple[Place, float, float]]
) -> list[tuple[float, str, Place]]:
    """(error in km, tier, place) of the estimate for each place of known position,
    computed as if that position were unknown."""
    out = []
    for place, lat, lon in known:
        est = index.estimate(place, exclude_self=True)
        if est is not None:
            out.append((haversine_km(lat, lon, est[0], est[1]), est[2], place))
    return out


def is_metropolitan(department: str) -> bool:
    """Departments 01-95 and 2A/2B; overseas codes are 971 and up."""
    return len(department) == 2
