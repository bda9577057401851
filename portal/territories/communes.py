"""A territory's communes from what it is built from: departments, EPCI,
arrondissements and a list of codes, read from the gazetteer."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.geo.gazetteer import get_gazetteer

SOURCE_KINDS = ("departments", "epcis", "arrondissements", "communes")


@dataclass
class Built:
    codes: list[str]
    #: Codes that name nothing in the gazetteer, by kind, to show the person.
    unknown: dict[str, list[str]] = field(default_factory=dict)


def clean_sources(raw: dict) -> dict[str, list[str]]:
    """Each kind as a sorted list of distinct upper-case codes (a text box
    may give "59, 62 ;" or a list)."""
    out = {}
    for kind in SOURCE_KINDS:
        value = raw.get(kind) or []
        if isinstance(value, str):
            value = value.replace(";", ",").replace("\n", ",").replace(" ", ",").split(",")
        out[kind] = sorted({v.strip().upper() for v in value if v and v.strip()})
    return out


def build_communes(sources: dict) -> Built:
    """The distinct commune codes of ``sources`` (see :func:`clean_sources`)."""
    gazetteer = get_gazetteer()
    sources = clean_sources(sources)
    codes: set[str] = set()
    unknown: dict[str, list[str]] = {}
    for kind in ("departments", "epcis", "arrondissements"):
        for value in sources[kind]:
            found = gazetteer.where(**{kind: [value]})
            if not found:
                unknown.setdefault(kind, []).append(value)
            codes.update(c.insee for c in found)
    for code in sources["communes"]:
        commune = gazetteer.by_insee(code)
        if commune is None:
            unknown.setdefault("communes", []).append(code)
        else:
            codes.add(commune.insee)
    return Built(sorted(codes), unknown)


def centre_of(codes) -> tuple[float, float]:
    """The population-weighted centre of these communes: a default map centre."""
    gazetteer = get_gazetteer()
    communes = [c for c in map(gazetteer.by_insee, codes) if c is not None]
    weight = sum(max(c.population, 1) for c in communes) or 1
    return (round(sum(c.lat * max(c.population, 1) for c in communes) / weight, 5),
            round(sum(c.lon * max(c.population, 1) for c in communes) / weight, 5))
