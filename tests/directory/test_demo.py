"""The demo guide generator: deterministic, fictional, complete, varied, quick to insert."""

from __future__ import annotations

import collections
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from opening_hours import OpeningHours

from portal.accounts.models import Role
from portal.accounts.operations import authenticate
from portal.core.themes import SUBTHEME_PARENT, THEMES
from portal.directory import demo
from portal.directory.demo_text import FIRST_F, FIRST_F_NL, FIRST_M, FIRST_M_NL
from portal.directory.models import (
    EXPIRED_AFTER,
    STALE_AFTER,
    Channel,
    Person,
    Service,
    Structure,
    StructureKind,
)
from portal.geo.distance import haversine_km
from portal.geo.gazetteer import get_gazetteer

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
KINDS = ("structures", "persons", "services")
FICTION_DOMAIN = re.compile(r"@(?:[a-z0-9-]+\.)*(?:example\.org|passerelle\.example)$")
FICTION_WEB = re.compile(r"^https://(?:[a-z0-9-]+\.)*passerelle\.example/$")
# ARCEP's blocks for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, mobile
# 06 39 98) and, for Belgium, "+32 2 0…", outside the Brussels fixed-line range.
FICTION_PHONE = re.compile(
    r"^(?:0(?:1 99 00|2 61 91|3 53 01|4 65 71|5 36 49|6 39 98) \d\d \d\d|\+32 2 0\d\d \d\d \d\d)$")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
DUTCH = re.compile(r"\b(?:het|je|jongeren|ons|we|een)\b")
FRENCH = re.compile(r"\b(?:les|des|jeunes|une?)\b")


@pytest.fixture(scope="module")
def rows() -> dict:
    return demo.generate(now=NOW)


@pytest.fixture(scope="module")
def bench() -> dict:
    return demo.generate(5_000, now=NOW)


def entries(data: dict) -> list[dict]:
    return [row for kind in KINDS for row in data[kind]]


def themes_with_parents(data: dict) -> set[str]:
    codes = {code for row in entries(data) for code in row["themes"]}
    return codes | {SUBTHEME_PARENT[c] for c in codes if c in SUBTHEME_PARENT}


# ------------------------------------------------------------------ generation

def test_same_rows_on_every_run(rows, bench):
    assert demo.generate(now=NOW) == rows
    assert demo.generate(5_000, now=NOW) == bench
    assert demo.generate(5_000, now=NOW, seed=1) != bench


def test_demo_is_a_few_hundred_entries_around_lille_and_across_the_border(rows):
    gaz = get_gazetteer()
    lille = gaz.by_insee("59350")
    assert 300 <= len(entries(rows)) <= 800
    for s in rows["structures"]:
        commune = gaz.by_insee(s["commune_insee"])
        assert commune.name == s["commune_name"] and s["country"] == commune.country
        assert s["postal_code"] in commune.postal_codes
        if commune.country == "FR":
            assert commune.department == "59"
            assert haversine_km(lille.lat, lille.lon, commune.lat, commune.lon) <= 26
    by_country = collections.Counter(s["country"] for s in rows["structures"])
    assert by_country["BE"] >= 10 and by_country["FR"] >= 60
    for town in ("Lille", "Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Mouscron", "Kortrijk",
                 "Tournai"):
        assert any(s["commune_name"] == town for s in rows["structures"]), town


def test_demo_covers_every_theme_subtheme_kind_and_channel(rows):
    assert set(THEMES) | set(SUBTHEME_PARENT) <= themes_with_parents(rows)
    for code in set(SUBTHEME_PARENT):  # each sub-theme has its own entries, not only the CRIJ
        assert sum(code in r["themes"] for r in entries(rows)) >= 2, code
    assert {s["kind"] for s in rows["structures"]} == set(StructureKind)
    assert {c for p in rows["persons"] for c in p["channels"]} == {c.value for c in Channel}
    assert all(p["channels"] for p in rows["persons"])
    assert all(r["themes"] for r in entries(rows))


def test_belgian_towns_speak_their_language(rows):
    belgian = [s for s in rows["structures"] if s["country"] == "BE"]
    flemish = {"Kortrijk", "Menen", "Wevelgem", "Wervik"}
    for s in belgian:
        if s["commune_name"] in flemish:
            assert s["languages"][0] == "nl" and DUTCH.search(s["description"])
        else:
            assert s["languages"][0] == "fr" and FRENCH.search(s["description"])
        assert s["kind"] in (StructureKind.INFOR_JEUNES, StructureKind.AMO, StructureKind.CPAS,
                             StructureKind.ASSOCIATION)
    assert all(s["languages"][0] == "fr" for s in rows["structures"] if s["country"] == "FR")


def test_ages_fit_the_kind(rows):
    expected = {StructureKind.MISSION_LOCALE: (16, 25), StructureKind.CIO: (13, 30),
                StructureKind.CAF: (18, 30), StructureKind.MAISON_DES_ADOS: (13, 21)}
    for s in rows["structures"]:
        assert 13 <= s["age_min"] < s["age_max"] <= 30
        if s["kind"] in expected:
            assert (s["age_min"], s["age_max"]) == expected[s["kind"]]
    for p in rows["persons"]:
        s = rows["structures"][p["structure_index"]]
        assert s["age_min"] <= p["age_min"] < p["age_max"] <= s["age_max"]


def test_most_entries_are_fresh_a_handful_stale_a_few_expired(rows):
    ages = [NOW - s["last_checked_at"] for s in rows["structures"]]
    stale = sum(STALE_AFTER < a <= EXPIRED_AFTER for a in ages)
    expired = sum(a > EXPIRED_AFTER for a in ages)
    assert 5 <= stale <= 12 and 3 <= expired <= 6
    assert sum(a < timedelta(days=150) for a in ages) >= 0.85 * len(ages)
    assert all(a > EXPIRED_AFTER + timedelta(days=30) for a in ages if a > EXPIRED_AFTER)
    assert all(r["created_at"] <= r.get("last_checked_at", NOW) for r in entries(rows))


def test_markers_sit_within_two_km_of_their_commune(rows, bench):
    gaz = get_gazetteer()
    for s in rows["structures"] + bench["structures"]:
        c = gaz.by_insee(s["commune_insee"])
        assert haversine_km(c.lat, c.lon, s["lat"], s["lon"]) <= 1.6
    assert len({(s["lat"], s["lon"]) for s in rows["structures"]}) == len(rows["structures"])


def test_only_fiction_addresses_and_phone_numbers(rows, bench):
    for data in (rows, bench):
        for r in data["structures"] + data["persons"]:
            assert r["email"] and FICTION_DOMAIN.search(r["email"]), r["email"]
            assert r["phone"] is None or FICTION_PHONE.match(r["phone"]), r["phone"]
        for s in data["structures"]:
            assert s["website"] is None or FICTION_WEB.match(s["website"]), s["website"]
    assert sum(s["phone"] is not None for s in rows["structures"]) > 0.8 * len(rows["structures"])


def test_people_are_invented_and_unique_within_their_structure(rows, bench):
    first_names = set(FIRST_F + FIRST_M + FIRST_F_NL + FIRST_M_NL)
    for data in (rows, bench):
        names = collections.Counter((p["structure_index"], p["first_name"], p["last_name"])
                                    for p in data["persons"])
        assert max(names.values()) == 1
        assert {p["first_name"] for p in data["persons"]} <= first_names
    per_structure = collections.Counter(p["structure_index"] for p in rows["persons"])
    assert set(per_structure.values()) == {1, 2, 3, 4}
    assert len(per_structure) == len(rows["structures"])


def test_opening_hours_all_parse_and_vary(rows, bench):
    hours = {s["opening_hours"] for d in (rows, bench) for s in d["structures"]} - {None}
    for text in hours:
        OpeningHours(text)  # raises on a syntax error
    assert "24/7" in {s["opening_hours"] for s in rows["structures"]}
    assert len(hours) >= 40


def test_benchmark_is_exactly_count_entries_across_france(bench):
    assert len(entries(bench)) == 5_000
    assert len(demo.generate(37, now=NOW)["structures"]) >= 1
    assert sum(len(demo.generate(37, now=NOW)[k]) for k in KINDS) == 37
    gaz = get_gazetteer()
    departments = {gaz.by_insee(s["commune_insee"]).department for s in bench["structures"]}
    assert len(departments) >= 60
    assert {s["country"] for s in bench["structures"]} == {"FR"}
    assert set(SUBTHEME_PARENT) <= themes_with_parents(bench)


def test_benchmark_text_is_varied_like_real_text(bench):
    texts = [r["description"] for r in entries(bench)]
    sentences = [s for t in texts for s in SENTENCE.split(t) if s]
    counts = collections.Counter(sentences)
    # ~13,000 sentences. Fixed sentences per kind and theme would give a ratio
    # under 0.05; the grammar measured 0.63. Repeats stay natural ("Accès
    # gratuit et confidentiel.") but no sentence is in more than a few entries.
    assert len(counts) / len(sentences) >= 0.5
    assert counts.most_common(1)[0][1] <= 0.05 * len(texts)
    words = collections.Counter(w for t in texts for w in re.findall(r"\w+", t.lower()))
    total = sum(words.values())
    top = [w for w, _ in words.most_common(20)]
    # Like French prose: function words lead (« de » is ~4–5 % of real text),
    # the domain's word is common but not everywhere, and the tail is long.
    assert words.most_common(1)[0][1] <= 0.07 * total
    assert sum(c for _, c in words.most_common(10)) <= 0.4 * total
    assert "jeunes" in top and words["jeunes"] <= 0.04 * total
    assert len(words) >= 1_000
    assert len({r["name"] for r in bench["services"]}) >= 60


def test_generation_is_fast():
    started = time.perf_counter()
    demo.generate(20_000, now=NOW)
    # 100,000 entries take ~6 s on a 2-core machine; this bound leaves room for slow CI.
    assert time.perf_counter() - started < 12


# ------------------------------------------------------------------ inserting

def count(database, model) -> int:
    return database.session.scalar(database.select(database.func.count(model.id)))


def test_seed_inserts_the_demo_and_its_professionals_sign_in(database):
    assert demo._seed in list(demo.seeding_demo.receivers_for(None))
    result = demo.seed_directory()
    assert result["structures"] == count(database, Structure) >= 80
    assert result["persons"] == count(database, Person)
    assert result["services"] == count(database, Service)
    assert 300 <= result["structures"] + result["persons"] + result["services"] <= 800
    assert result["index_rebuild"] in ("after-commit", "unavailable")
    queued = database.session.info.get("portal.after_commit", [])
    assert (result["index_rebuild"] == "after-commit") == any(
        fn.__name__ == "rebuild" for fn, _, _ in queued)

    assert [a["pseudonym"] for a in result["accounts"]] == [p[0] for p in demo.DEMO_PROS]
    for account in result["accounts"]:
        user = authenticate(account["pseudonym"], account["password"], "127.0.0.1")
        assert user.role == Role.PROFESSIONAL and user.email == account["email"]
        person = database.session.scalar(database.select(Person).where(Person.user_id == user.id))
        assert person.name == account["full_name"] == user.full_name
        assert person.structure.name == account["structure"]
        assert person.can_edit_structure == account["can_edit_structure"]
        assert set(person.channels) == {c.value for c in Channel}
    assert sum(a["can_edit_structure"] for a in result["accounts"]) == 1

    first = database.session.scalar(database.select(Structure).order_by(Structure.id).limit(1))
    assert first.kind == StructureKind.CRIJ and first.last_checked_at.tzinfo is not None


def test_seeding_the_benchmark_inserts_exactly_count(database):
    result = demo.seed_directory(2_000)
    assert result["accounts"] == []
    assert count(database, Structure) + count(database, Person) + count(database, Service) == 2_000
