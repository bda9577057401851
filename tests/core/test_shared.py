"""The pieces every domain shares: one absolute URL, one fold, one slugify."""

from __future__ import annotations

import pytest

from portal.core.text import fold, fold_case, fold_words, slugify
from portal.core.urls import external_url


def test_external_url_outside_a_request_uses_the_base_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://jeunes.example.org/passerelle/")
    with app.app_context():
        assert external_url("forum.index") == "https://jeunes.example.org/passerelle/forum/"
        assert external_url("chat.page", _anchor="resume=a.b") == \
            "https://jeunes.example.org/passerelle/chat/#resume=a.b"


def test_external_url_in_a_task_without_base_url_names_the_local_server(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", None)
    with app.app_context():
        assert external_url("forum.index", page=2) == \
            app.config["LOCAL_URL"] + "/forum/?page=2"


def test_external_url_in_a_request_without_base_url_uses_its_host(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", None)
    with app.test_request_context(base_url="https://crij.example"):
        assert external_url("forum.index") == "https://crij.example/forum/"


def test_the_base_url_wins_over_the_request_host(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://public.example")
    with app.test_request_context(base_url="http://10.0.0.5:8001"):
        assert external_url("forum.index") == "https://public.example/forum/"


@pytest.mark.parametrize("text, folded", [
    ("Santé", "sante"), ("SANTÉ", "sante"), ("Marcq-en-Barœul", "marcq-en-baroeul"),
    ("J’suis", "j'suis"), ("Straße", "strasse"),
])
def test_one_fold(text, folded):
    assert fold(text) == folded


def test_fold_words_and_slugify_are_built_on_the_fold():
    assert fold_words("J'suis à la rue !") == "j suis a la rue"
    assert slugify("Cœur de Lille — l’été", max_length=80) == "coeur-de-lille-l-ete"
    assert slugify("!!!", default="sujet") == "sujet"
    assert slugify("un titre assez long pour être coupé", max_length=12) == "un-titre-ass"


def test_fold_case_keeps_every_script():
    assert fold_case("Léa_B") == "lea_b"
    assert fold_case("Иван") == "иван"
