"""The help numbers: per kind in the issue's order, Belgian numbers for
Belgium and Dutch speakers, 17 and 112 closing every list, each with its
official source (issue 12, item 3)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portal.safety import all_help_numbers, help_numbers, screen
from portal.safety.numbers import DATA, LABELS

ISSUE_ORDER = ["suicide", "self_harm", "violence_home", "sexual_violence", "couple_violence",
               "harassment", "no_shelter", "sexual_health", "eating_addiction"]


def numbers(kinds, **kw):
    return [n["number"] for n in help_numbers(kinds, **kw)]


def test_every_number_has_an_official_source_a_label_and_a_tel_link():
    data = json.loads(Path(DATA).read_text(encoding="utf-8"))
    assert data["order"] == ISSUE_ORDER
    for key, entry in data["numbers"].items():
        assert entry["source"].startswith("https://"), key
        assert re.fullmatch(r"tel:\+?\d{2,12}", entry["tel"]), key
        assert entry["tel"][4:] == re.sub(r"\D", "", entry["number"]), key
        assert key in LABELS, key
    for country, kinds in data["kinds"].items():
        assert set(kinds) == set(ISSUE_ORDER), country


@pytest.mark.parametrize("kinds, expected", [
    (["suicide"], ["3114", "17", "112"]),
    (["self_harm"], ["3114", "17", "112"]),
    (["violence_home"], ["119", "17", "112"]),
    (["sexual_violence"], ["119", "3919", "17", "112"]),
    (["couple_violence"], ["3919", "119", "17", "112"]),
    (["harassment"], ["3018", "17", "112"]),
    (["no_shelter"], ["115", "119", "17", "112"]),
    (["sexual_health"], ["0 800 08 11 11", "0 800 235 236", "17", "112"]),
    (["eating_addiction"], ["0 800 235 236", "0 800 23 13 13", "17", "112"]),
    # Kinds in the issue's order whatever the order given; a number once.
    (["no_shelter", "suicide"], ["3114", "115", "119", "17", "112"]),
    (["eating_addiction", "sexual_health"], ["0 800 08 11 11", "0 800 235 236", "0 800 23 13 13", "17", "112"]),
])
def test_numbers_per_kind_in_the_issues_order(request_context, kinds, expected):
    assert numbers(kinds) == expected


def test_numbers_for_minors_are_left_out_only_for_a_known_adult(request_context):
    assert numbers(["no_shelter"], minor=False) == ["115", "17", "112"]
    assert numbers(["no_shelter"], minor=True) == ["115", "119", "17", "112"]
    assert numbers(["couple_violence"], minor=False) == ["3919", "17", "112"]


def test_belgian_numbers_for_belgium_and_dutch_speakers(request_context):
    assert numbers(["suicide"], country="BE") == ["0800 32 123", "1813", "112"]
    assert numbers(["suicide"], country="BE", locale="nl") == ["1813", "0800 32 123", "112"]
    assert numbers(["violence_home"], country="BE")[:2] == ["103", "102"]
    assert numbers(["violence_home"], country="BE", locale="nl")[:2] == ["102", "103"]
    # No country given: a Dutch speaker is shown Belgium's numbers.
    found = screen("ik wil dood", locale="nl")
    assert found.distress.numbers[:2] == ["1813", "0800 32 123"] and found.distress.numbers[-1] == "112"
    assert screen("je veux mourir", locale="fr").distress.numbers == ["3114", "17", "112"]
    assert screen("je veux mourir", locale="fr", country="BE").distress.numbers[0] == "0800 32 123"


def test_payloads_are_tel_links_with_a_label_and_a_source(request_context):
    first = screen("jveux plus vivre").numbers[0]
    assert first == {"number": "3114", "tel": "tel:3114", "source": "https://3114.fr",
                     "label": "Suicide prevention: someone listens, day and night, free."}
    assert help_numbers(["3114", "115"])[1]["number"] == "115"   # numbers, as the channels pass them


def test_the_help_page_gets_every_number_with_its_kinds(request_context):
    everything = all_help_numbers("FR")
    assert [n["number"] for n in everything][-2:] == ["17", "112"]
    by_number = {n["number"]: n["kinds"] for n in everything}
    assert by_number["3114"] == ["suicide", "self_harm"]
    assert "3919" in by_number and "0 800 23 13 13" in by_number
    belgian = [n["number"] for n in all_help_numbers("BE")]
    assert {"0800 32 123", "1813", "103", "102"} <= set(belgian) and belgian[-1] == "112"
    assert "3114" not in belgian


@pytest.mark.parametrize("language, words", [("fr", "Violences dans le couple"), ("nl", "Geweld in een relatie")])
def test_labels_are_in_the_readers_language(request_context, language, words):
    # A fresh application context: Flask-Babel keeps the locale of the one above.
    with request_context.app_context(), request_context.test_request_context(
            "/", headers={"Accept-Language": language}):
        assert help_numbers(["couple_violence"])[0]["label"].startswith(words)
