"""search_directory(): text, filters, distances, freshness, facets, pages, highlights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import EntryStatus
from portal.geo.distance import haversine_km
from portal.geo.gazetteer import get_gazetteer
from search_index.searcher import DirectoryQuery, search_directory


def search(**query):
    return search_directory(DirectoryQuery(**query))


def names(**query) -> list[str]:
    return [hit.name for hit in search(**query).hits]


# ---------------------------------------------------------------- text

@pytest.fixture
def housing(make_structure, make_person):
    made = {
        "foyer": make_structure("Foyer des jeunes travailleurs",
                                description="Logement temporaire et colocation pour apprentis."),
        "cfa": make_structure("Centre d'apprentissage", themes=("apprentissage",),
                              description="Trouver une entreprise d'accueil."),
        "sante": make_structure("Maison de santé", themes=("sante",),
                                description="Médecin, psychologue, contraception."),
    }
    made["person"] = make_person(made["foyer"], first_name="Élodie", last_name="Lefèvre",
                                 role="Conseillère logements")
    return made


def test_stems_match_other_forms_of_a_word(housing):
    assert set(names(text="logements")) == {"Foyer des jeunes travailleurs", "Élodie Lefèvre"}
    assert "Foyer des jeunes travailleurs" in names(text="travailleur")


def test_accents_and_case_do_not_matter(housing):
    assert names(text="SANTE") == names(text="santé") == ["Maison de santé"]
    assert names(text="medecin") == ["Maison de santé"]
    assert names(text="elodie lefevre") == ["Élodie Lefèvre"]


def test_a_typo_still_finds_the_word(housing):
    assert "Foyer des jeunes travailleurs" in names(text="logemnt")
    assert "Centre d'apprentissage" in names(text="apprentisage")
    assert names(text="psycologue") == ["Maison de santé"]


def test_exact_matches_rank_above_fuzzy_ones(make_structure):
    make_structure("Aide au logement", description="")  # one edit from the typo
    make_structure("Atelier", description="Le logemnt, c'est ici.")  # the typo itself
    # Typed with the typo: the entry that has it as written comes first,
    # although a word in a name weighs more than one in a description.
    assert names(text="logemnt") == ["Atelier", "Aide au logement"]
    assert names(text="logement") == ["Aide au logement", "Atelier"]


def test_every_word_must_match(housing):
    assert names(text="logement colocation") == ["Foyer des jeunes travailleurs"]
    assert names(text="logement médecin") == []


def test_highlights_mark_the_words_and_escape_the_entry(make_structure):
    make_structure("Le <b>Point</b> & logement", description="Un <script>alert(1)</script> "
                   "logement pour chaque jeune, et d'autres aides au logement.")
    [hit] = search(text="logements").hits
    assert hit.highlights["name"] == "Le &lt;b&gt;Point&lt;/b&gt; &amp; <mark>logement</mark>"
    assert "&lt;script&gt;" in hit.highlights["text"] and "<script>" not in hit.highlights["text"]
    assert hit.highlights["text"].count("<mark>logement</mark>") == 2
    # Without words, the start of the description (escaped) and no name highlight.
    assert search().hits[0].highlights == {
        "text": "Un &lt;script&gt;alert(1)&lt;/script&gt; logement pour chaque jeune, "
                "et d&#39;autres aides au logement."}


def test_a_snippet_is_whole_sentences_of_the_prose_never_the_theme_words(make_structure):
    # Issue 21: snippets ended with "… Logement Housing Wonen Estaimpuis" and
    # started mid-sentence.
    make_structure("Foyer Les Tilleuls", description=(
        "Des chambres meublées pour les apprentis et les étudiants du secteur. Un "
        "accompagnement vers un logement autonome, avec un loyer adapté à tes ressources. "
        "Ouvert toute l'année, même le week-end, avec une équipe présente jour et nuit."))
    [hit] = search(text="logement").hits
    snippet = hit.highlights["text"]
    assert snippet.startswith("Un accompagnement vers un <mark>logement</mark> autonome")
    for word in ("Housing", "Wonen", "rue de l", "Mission locale"):
        assert word not in snippet
    # Found by a theme word alone (not in the prose): the prose's first sentence.
    [hit] = search(text="housing").hits
    assert hit.highlights["text"].startswith("Des chambres meublées")
    assert "Housing" not in hit.highlights["text"]


# ---------------------------------------------------------------- filters

def test_themes_match_any_of_the_codes_and_their_field(housing):
    assert set(names(themes=("sante", "apprentissage"))) == {"Maison de santé",
                                                             "Centre d'apprentissage"}
    # "logement" is a sub-theme of "autonomie".
    assert set(names(themes=("autonomie",))) == {"Foyer des jeunes travailleurs",
                                                 "Élodie Lefèvre", "Maison de santé"}


def test_age_is_within_the_range(make_structure):
    make_structure("Collège", age_min=13, age_max=16)
    make_structure("Étudiants", age_min=18, age_max=25)
    assert names(age=16) == ["Collège"]
    assert names(age=17) == []
    assert names(age=18) == ["Étudiants"]
    assert sorted(names()) == ["Collège", "Étudiants"]


def test_types_restrict_the_results(housing):
    assert names(text="logement", types=("person",)) == ["Élodie Lefèvre"]


def test_radius_is_exact_and_distance_sort_nearest_first(make_structure):
    lille = get_gazetteer().by_insee("59350")
    # Along a line east of Lille, every 1.5 km; and one just past 6 km.
    for km in (0.0, 1.5, 3.0, 4.5, 5.9, 6.1, 12.0):
        make_structure(f"Point à {km} km", offset_km=(0.0, km), description="emploi")
    page = search(near=(lille.lat, lille.lon), radius_km=6, sort="distance")
    assert [h.name for h in page.hits] == [f"Point à {km} km" for km in (0.0, 1.5, 3.0, 4.5, 5.9)]
    for hit in page.hits:
        exact = haversine_km(lille.lat, lille.lon, hit.lat, hit.lon)
        assert hit.distance_km == round(exact, 1) and exact <= 6
    assert page.total == 5
    # Without a place there is no distance.
    assert {h.distance_km for h in search(text="emploi").hits} == {None}


def test_a_place_alone_finds_everything_near_it_across_the_border(make_structure):
    make_structure("Point Roubaix", commune="59512")
    make_structure("Point Lyon", commune="69123")
    roubaix = get_gazetteer().by_insee("59512")
    page = search(near=(roubaix.lat, roubaix.lon), radius_km=15)
    assert [h.name for h in page.hits] == ["Point Roubaix"]
    mouscron = get_gazetteer().resolve("Mouscron")  # Belgium, next to Roubaix
    assert names(near=(mouscron.lat, mouscron.lon), radius_km=10) == ["Point Roubaix"]


def test_open_at_keeps_entries_open_then(make_structure):
    make_structure("Ouvert en semaine", hours="Mo-Fr 09:00-17:00")
    make_structure("Ouvert le samedi", hours="Sa 10:00-12:00")
    make_structure("Sans horaires")
    monday_10h_paris = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Paris (UTC+1)
    assert names(open_at=monday_10h_paris) == ["Ouvert en semaine"]
    assert names(open_at=monday_10h_paris + timedelta(hours=8)) == []  # 18:00
    assert names(open_at=datetime(2026, 3, 7, 10, 30, tzinfo=UTC)) == ["Ouvert le samedi"]


# ---------------------------------------------------------------- visibility

def test_unpublished_entries_never_appear(database, make_structure, make_person):
    pending = make_structure("En attente", status=EntryStatus.PENDING, description="emploi")
    make_person(pending, first_name="Nora", role="emploi")
    assert names(text="emploi") == []
    pending.status = EntryStatus.PUBLISHED
    database.session.flush()
    commit()
    assert set(names(text="emploi")) == {"En attente", "Nora Exemple"}


def test_entries_unchecked_for_a_year_leave_and_come_back_when_checked(
        database, make_structure):
    make_structure("Vérifié", description="emploi")
    old = make_structure("Oublié", description="emploi", months_unchecked=13)
    assert names(text="emploi") == ["Vérifié"]
    # 11 months ago the forgotten one was still fresh.
    assert len(names(text="emploi", now=utcnow() - timedelta(days=335))) == 2
    old.last_checked_at = utcnow()  # its owner confirms it
    database.session.flush()
    commit()
    assert sorted(names(text="emploi")) == ["Oublié", "Vérifié"]


# ---------------------------------------------------------------- facets, pages

def test_facets_count_all_matches_not_just_the_page(make_structure):
    for i in range(5):
        make_structure(f"Lille {i}", commune="59350", themes=("logement", "alternance"))
    for i in range(3):
        make_structure(f"Roubaix {i}", commune="59512", themes=("sante",))
    page = search(per_page=2)
    assert page.total == 8 and len(page.hits) == 2
    assert page.facets["themes"] == {"autonomie": 8, "emploi": 5}
    assert page.facets["communes"] == {"59350": 5, "59512": 3}


def test_pages_follow_each_other_without_overlap(make_structure):
    for i in range(7):
        make_structure(f"Entrée {i}", description="orientation", offset_km=(0.0, i))
    seen = []
    for number in (1, 2, 3):
        page = search(text="orientation", page=number, per_page=3)
        assert page.total == 7 and page.page == number
        seen += [h.name for h in page.hits]
    assert sorted(seen) == sorted(f"Entrée {i}" for i in range(7))
    assert search(text="orientation", page=4, per_page=3).hits == []
