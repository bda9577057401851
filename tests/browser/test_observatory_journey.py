"""Issue 18's must-hold, in Chromium on the demo's year of figures: the
evaluation team opens the unmet-needs map and a time series, downloads the
XLSX; the administrator's board and the public page agree on a figure."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.support import new_context, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


def test_the_evaluator_reads_the_map_a_series_and_downloads_the_xlsx(browser, live_server):
    context = new_context(browser, viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server, "evaluation")
    page.goto(f"{live_server}/observatory/board?days=365")
    expect(page.get_by_role("heading", name="Besoins non couverts")).to_be_visible()
    # The map is drawn from the table: one circle per commune with a shown figure.
    expect(page.locator("#unmet-map")).to_be_visible()
    circles = page.locator("#unmet-map path.leaflet-interactive")
    rows = page.locator("#board-guide_searches_no_result-commune tr[data-lat]")
    expect(circles).to_have_count(rows.count())
    assert rows.count() >= 5
    # Evaluators read; they do not change the calendar.
    expect(page.get_by_role("button", name="Ajouter au calendrier")).to_have_count(0)

    page.goto(f"{live_server}/observatory/indicators/chat_wait_median")
    expect(page.locator(".chart-frame canvas")).to_be_visible()
    assert page.locator("table.figures tbody tr").count() >= 12
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    workbook = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    header = [cell.value for cell in workbook.active[1]]
    assert header == ["indicator", "period", "breakdown", "group", "value", "n", "protected", "k"]
    assert workbook.active.max_row >= 13
    context.close()


def test_the_board_and_the_public_page_agree(browser, live_server):
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server}/observatory/board?days=90")
    table = page.locator("#board-guide_searches_no_result-theme")
    on_board = table.locator("tr.total td").first.inner_text()
    page.get_by_role("link", name=re.compile("Recherches sans résultat.*observatoire public")).first.click()
    expect(page).to_have_url(re.compile(r"/observatory/indicators/guide_searches_no_result\?"))
    # The public cell reads "1711 (n = 1711)": the figure, then the events it is computed on.
    public_total = page.locator("table.figures tr.total td").first.inner_text().split()[0]
    assert on_board.strip() == public_total and on_board.strip().isdigit()
    context.close()


def test_a_young_person_does_not_see_the_board(browser, live_server):
    context = new_context(browser)
    page = context.new_page()
    response = page.goto(f"{live_server}/observatory/board")
    assert "/account/login" in page.url or response.status == 403
    page.goto(f"{live_server}/observatory/")
    expect(page.get_by_role("heading", name="Observatoire des besoins des jeunes")).to_be_visible()
    expect(page.get_by_text("Tableau de bord de l'observatoire")).to_have_count(0)
    context.close()
