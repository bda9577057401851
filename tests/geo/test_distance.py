"""Great-circle distance and bounding boxes."""

import math

import pytest

from portal.geo.distance import bounding_box, haversine_km, in_box

LILLE = (50.63297, 3.05858)
ROUBAIX = (50.69421, 3.17456)
PARIS = (48.85341, 2.3488)


def test_lille_roubaix_is_about_11_km():
    assert haversine_km(*LILLE, *ROUBAIX) == pytest.approx(10.7, abs=0.5)


def test_lille_paris_is_about_204_km():
    assert haversine_km(*LILLE, *PARIS) == pytest.approx(204, abs=3)


def test_symmetric_and_zero():
    assert haversine_km(*LILLE, *LILLE) == 0
    assert haversine_km(*LILLE, *PARIS) == pytest.approx(haversine_km(*PARIS, *LILLE))


def test_quarter_meridian():
    # Pole to equator: a quarter of a great circle.
    assert haversine_km(90, 0, 0, 0) == pytest.approx(math.pi * 6371.0088 / 2, rel=1e-9)


def test_antipodes_do_not_fail():
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)


@pytest.mark.parametrize("radius", [1, 10, 60, 500])
def test_box_contains_the_circle(radius):
    box = bounding_box(*LILLE, radius)
    lat0, lon0 = map(math.radians, LILLE)
    d = radius / 6371.0088
    # Points on the circle, by the direct geodesic formula on the sphere.
    for step in range(72):
        bearing = math.radians(step * 5)
        lat = math.asin(
            math.sin(lat0) * math.cos(d) + math.cos(lat0) * math.sin(d) * math.cos(bearing)
        )
        lon = lon0 + math.atan2(
            math.sin(bearing) * math.sin(d) * math.cos(lat0),
            math.cos(d) - math.sin(lat0) * math.sin(lat),
        )
        point = (math.degrees(lat), math.degrees(lon))
        assert haversine_km(*LILLE, *point) == pytest.approx(radius, rel=1e-6)
        assert in_box(*point, box)


def test_box_is_not_too_loose():
    min_lat, min_lon, max_lat, max_lon = bounding_box(*LILLE, 10)
    assert haversine_km(min_lat, LILLE[1], max_lat, LILLE[1]) == pytest.approx(20, rel=1e-3)
    assert haversine_km(LILLE[0], min_lon, LILLE[0], max_lon) < 21


def test_box_near_pole_spans_all_longitudes():
    assert bounding_box(89.9, 10, 50)[1::2] == (-180.0, 180.0)
