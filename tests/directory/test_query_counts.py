"""The guide's results page makes no query per result (tests/support.py's
query-count helper, as on the other hot pages)."""

from __future__ import annotations

from tests.support import assert_queries_do_not_grow

EN = {"Accept-Language": "en"}


def test_guide_results_run_no_query_per_result(client, create_structure, create_person):
    first = create_structure("Mission locale 1", description="Emploi et logement des jeunes.")
    create_person(first)

    def page():
        response = client.get("/guide/", query_string={"q": "logement", "near": "59350"},
                              headers=EN)
        assert response.status_code == 200 and "Mission locale 1" in response.get_data(as_text=True)

    def more_results():
        for n in range(2, 8):
            create_person(create_structure(f"Mission locale {n}",
                                           description="Emploi et logement des jeunes."))

    assert_queries_do_not_grow(page, more_results, at_most=6)
