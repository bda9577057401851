"""What people see: the public pages, the open data files, the API, and the
staff board — every figure protected, the board only for staff."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from frictionless import Package

from portal.observatory import operations
from tests.support import csrf_token


@pytest.fixture
def month_of_searches(app, database, record_events, last_month):
    start, end = last_month
    record_events(start, "guide_search", 40, theme="logement", commune="59350", flag=False)
    record_events(start, "guide_search", 12, theme="logement", commune="59512", flag=True)
    record_events(start, "guide_search", 3, theme="emploi", commune="59599", flag=True)
    operations.aggregate(start, end)
    return start, end


def test_the_public_page_shows_each_indicator_with_its_table(client, month_of_searches):
    page = client.get("/observatory/").get_data(as_text=True)
    assert "Recherches dans le guide" in page          # French by default
    assert f"{month_of_searches[0]:%Y-%m}" in page and ">55<" in page


def test_a_breakdown_page_says_fewer_than_k_where_protected(client, month_of_searches):
    page = client.get("/observatory/indicators/guide_searches?by=commune").get_data(as_text=True)
    assert "Lille" in page and "moins de 5" in page
    response = client.get("/observatory/indicators/forum_topics?by=commune")
    assert response.status_code == 422


def test_the_csv_xlsx_and_ods_files_hold_the_same_protected_rows(client, month_of_searches):
    start, end = month_of_searches
    query = f"?from={start}&to={end}&by=commune"
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/observatory/data/guide_searches.csv{query}").get_data(as_text=True))))
    tourcoing = next(r for r in rows if r["group"] == "59599")
    assert tourcoing["value"] == "" and tourcoing["protected"] == "true" and tourcoing["k"] == "5"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/observatory/data/guide_searches.xlsx{query}").data))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header == ["indicator", "period", "breakdown", "group", "value", "n", "protected", "k"]
    assert sheet.max_row == len(rows) + 1
    ods = client.get(f"/observatory/data/guide_searches.ods{query}")
    assert ods.status_code == 200 and ods.data[:2] == b"PK"


def test_the_data_package_is_valid_frictionless(client, month_of_searches, tmp_path):
    descriptor = client.get("/observatory/data/datapackage.json").get_json()
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    # Validate against local copies of the files the package points to.
    for resource in descriptor["resources"]:
        name = resource["path"].rsplit("/", 1)[1]
        (tmp_path / name).write_bytes(client.get(f"/observatory/data/{name}").data)
        resource["path"] = name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_api_lists_indicators_and_answers_protected_series(client, month_of_searches):
    listed = client.get("/api/v1/observatory/indicators").get_json()
    assert {"guide_searches", "chat_wait_median"} <= {i["name"] for i in listed}
    start, end = month_of_searches
    body = client.get(f"/api/v1/observatory/indicators/guide_searches?from={start}&to={end}&by=commune").get_json()
    cells = {p["group"]: p for p in body["points"]}
    assert cells["59599"] == {"period": f"{start:%Y-%m}", "group": "59599", "value": None, "n": None,
                              "protected": True}
    refused = client.get("/api/v1/observatory/indicators/forum_topics?by=commune")
    assert refused.status_code == 422 and "commune" in refused.get_json()["message"]
    assert client.get("/api/v1/observatory/indicators/nothing").status_code == 404
    assert client.get("/api/v1/observatory/indicators/guide_searches?from=2026-13-01").status_code == 422


@pytest.mark.parametrize("role, status", [("young", 403), ("professional", 403), ("editor", 200), ("admin", 200)])
def test_the_board_is_for_administrators_and_editors(client, create_user, login, month_of_searches, role, status):
    user = create_user(role=role)
    login(user)
    response = client.get("/observatory/board?days=365")
    assert response.status_code == status
    if status == 200:
        page = response.get_data(as_text=True)
        assert "Besoins non couverts" in page and "moins de 5" in page


def test_anonymous_visitors_are_sent_to_sign_in(client, database):
    response = client.get("/observatory/board")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_a_calendar_date_with_a_mistake_keeps_what_was_typed(client, create_user, login):
    login(create_user(role="editor"))
    token = csrf_token(client, "/observatory/board")
    response = client.post("/observatory/board/calendar", data={
        "csrf_token": token, "day": "2026-09-01", "end_day": "2026-08-01", "kind": "campaign",
        "label": "Campagne logement étudiant"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Campagne logement étudiant" in page and "avant la date de début" in page
    response = client.post("/observatory/board/calendar", data={
        "csrf_token": token, "day": "2026-09-01", "kind": "campaign", "label": "Campagne logement étudiant"})
    assert response.status_code == 302
    assert "Campagne logement étudiant" in client.get("/observatory/").get_data(as_text=True)
