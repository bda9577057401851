"""Issue 21's axe-core findings, checked on the HTML of the main pages (the
browser check, tests/browser/test_screens.py, runs axe-core itself)."""

from __future__ import annotations

import re

import pytest

PAGES = ["/", "/guide/", "/guide/?q=logement&near=Roubaix", "/information/", "/forum/",
         "/search/?q=logement", "/assistant/", "/chat/", "/account/login",
         "/account/register/young", "/account/register/professional", "/account/password/forgot",
         "/account/password/recover"]


@pytest.mark.parametrize("path", PAGES)
def test_no_none_attribute_and_labelled_unique_search_landmarks(client, path):
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    # WTForms wrote aria-invalid="None" / aria-describedby="None" on every field.
    assert not re.search(r'="None"', html)
    labels = [re.search(r'aria-label="([^"]+)"', form) for form in
              re.findall(r'<form[^>]*role="search"[^>]*>', html)]
    assert all(labels), "a search landmark without a name"
    names = [m.group(1) for m in labels]
    assert len(names) == len(set(names)), names
    # The assistant's floating button is inside a landmark (the footer).
    footer = html[html.index("<footer"):html.index("</footer>")]
    assert html.count('class="assistant-launcher"') == footer.count('class="assistant-launcher"')


def test_a_field_with_an_error_says_so_to_assistive_technology(client):
    from tests.support import submit

    response = submit(client, "/account/register/young", {"pseudonym": "x", "age_range": ""})
    html = response.get_data(as_text=True)
    field = re.search(r'<input[^>]*id="pseudonym"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="pseudonym-help pseudonym-error"' in field
