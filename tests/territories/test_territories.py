"""Territories: the fresh install's one, building from departments, EPCI,
arrondissements and lists, settings' checks, and choosing by host name."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal.core.refusal import Refusal
from portal.territories.hosts import current_territory
from portal.territories.operations import create_territory, edit_territory
from portal.territories.settings import colour_problem, contrast_ratio


def test_a_fresh_install_has_the_arrondissement_de_lille_and_its_belgian_neighbours(
        default_territory):
    codes = default_territory.commune_codes
    assert {"59350", "59599", "59512", "BE-54007", "BE-54010", "BE-34022", "BE-34027",
            "BE-33029", "BE-57027", "BE-57081"} <= codes
    assert sum(code.startswith("59") for code in codes) == 124  # arrondissement 595
    assert all(code.startswith(("59", "BE-")) for code in codes)
    assert "59178" not in codes  # Douai: another arrondissement
    assert default_territory.sources["arrondissements"] == ["595"]
    # The map's default centre is inside the territory, near Lille.
    assert 50.5 < default_territory.map_lat < 50.8 and 2.9 < default_territory.map_lon < 3.3


def test_built_from_departments_epci_arrondissements_and_a_list(database):
    territory = create_territory(slug="mix", name="Mix", sources={
        "departments": "62", "epcis": ["200041960"], "arrondissements": "BE-54",
        "communes": "59178, BE-34022 ;"})
    codes = territory.commune_codes
    assert "62041" in codes  # Arras, department 62
    assert "59449" in codes  # Orchies, in the CC Pévèle Carembault (200041960)
    assert {"BE-54007", "BE-54010"} <= codes  # the Belgian arrondissement of Mouscron
    assert {"59178", "BE-34022"} <= codes
    assert "59350" not in codes
    assert territory.sources["communes"] == ["59178", "BE-34022"]


def test_unknown_codes_are_refused_and_named(database, in_request):
    with pytest.raises(Refusal) as refused:
        create_territory(slug="bad", name="Bad", sources={"departments": ["99x"],
                                                           "communes": ["12345678"]})
    assert refused.value.field == "sources"
    assert "99X" in str(refused.value) and "12345678" in str(refused.value)
    with pytest.raises(Refusal):
        create_territory(slug="empty", name="Empty", sources={})


def test_the_accent_colour_needs_white_text_readable_on_it(database, in_request):
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert colour_problem("#1d5c96") is None
    with force_locale("en"):
        assert "contrast of 1.5:1" in str(colour_problem("#ffcc00"))
        assert "contrast of 4.4:1" in str(colour_problem("#777777"))  # 4.48: rounded down
    assert colour_problem("red") is not None
    with pytest.raises(Refusal) as refused:
        create_territory(slug="pale", name="Pale", sources={"communes": ["59178"]},
                         accent_colour="#ffcc00")
    assert refused.value.field == "accent_colour"


def test_a_refused_edit_leaves_the_territory_as_it_was(database, douaisis):
    before = douaisis.commune_codes
    with pytest.raises(Refusal):
        edit_territory(douaisis, name="Changed", sources={"communes": ["nope"]})
    database.session.refresh(douaisis)
    assert douaisis.name == "Douaisis" and douaisis.commune_codes == before


def test_host_names_are_unique_between_territories(database, douaisis):
    with pytest.raises(Refusal) as refused:
        create_territory(slug="other", name="Other", hosts=["DOUAI.test:8000"],
                         sources={"communes": ["59350"]})
    assert refused.value.code == "host_taken"


@pytest.mark.parametrize("host, setting, expected", [
    ("localhost", "", "lille"),  # nobody configured anything: the first territory
    ("douai.test", "", "douaisis-test"),  # the territory's own host
    ("douai.test:5000", "", "douaisis-test"),
    ("jeunes.example", "jeunes.example=douaisis-test", "douaisis-test"),  # the setting
    ("douai.test", "douai.test=lille", "lille"),  # the setting wins
    ("unknown.example", "jeunes.example=douaisis-test", "lille"),
])
def test_the_territory_is_chosen_by_host_name(app, database, douaisis, host, setting, expected):
    saved = app.config["TERRITORY_HOSTS"]
    app.config["TERRITORY_HOSTS"] = setting
    try:
        with app.test_request_context("/", base_url=f"http://{host}/"):
            assert current_territory().slug == expected
    finally:
        app.config["TERRITORY_HOSTS"] = saved


def test_territory_commands(app, database):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["portal", "territory", "create", "cambresis", "Cambrésis",
                                 "--arrondissement", "592", "--host", "cambrai.test"])
    assert result.exit_code == 0, result.output
    assert "Created cambresis" in result.output
    result = runner.invoke(args=["portal", "territory", "edit", "cambresis",
                                 "--commune", "59178", "--accent-colour", "#004d40"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(args=["portal", "territory", "list"]).output
    assert "lille" in listing and "cambrai.test" in listing
    line = next(line for line in listing.splitlines() if line.startswith("cambresis"))
    from portal.geo.gazetteer import get_gazetteer
    expected = len(get_gazetteer().where(arrondissements=["592"])) + 1
    assert f"{expected} communes" in line
    refused = runner.invoke(args=["portal", "territory", "edit", "cambresis",
                                  "--accent-colour", "#eeeeee"])
    assert refused.exit_code != 0 and "4.5:1" in refused.output
