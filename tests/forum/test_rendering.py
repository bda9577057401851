"""Markdown subset → sanitised HTML; personal data, banned words, distress."""

from html.parser import HTMLParser

import pytest

from portal.forum.rendering import render_markdown
from portal.safety import has_banned_words, personal_data_kinds


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html):
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_markdown_subset_is_kept():
    html = render_markdown("**bold** *it* `code`\n\n- one\n- two\n\n> quoted\n\n[link](https://example.org)")
    tags = [t for t, _ in elements(html)]
    assert {"strong", "em", "code", "ul", "li", "blockquote", "a"} <= set(tags)
    link = next(a for t, a in elements(html) if t == "a")
    assert link == {"href": "https://example.org", "rel": "nofollow ugc noopener"}


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)" onclick="x()">x</a>',
    "[click](javascript:alert(1))",
    "![pic](https://example.org/a.png)",
    "<style>body{display:none}</style>",
    '<p style="color:red">red</p>',
    "<iframe src=https://example.org></iframe>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
])
def test_nothing_active_survives(source):
    html = render_markdown(source)
    for tag, attrs in elements(html):
        assert tag not in {"script", "style", "img", "iframe"}
        assert not any(name.startswith("on") or name == "style" for name in attrs)
        assert not attrs.get("href", "").lower().startswith(("javascript", "data"))


@pytest.mark.parametrize("text, kind", [
    ("appelle-moi au 06 12 34 56 78", "phone"),
    ("mon num 06.12.34.56.78", "phone"),
    ("0612345678", "phone"),
    ("+33 6 12 34 56 78", "phone"),
    ("+33 (0)6 12 34 56 78", "phone"),
    ("gsm 0470/12.34.56", "phone"),
    ("0470 12 34 56", "phone"),
    ("+32 470 12 34 56", "phone"),
    ("bureau 02 123 45 67", "phone"),
    ("écris-moi: lea.dupont@exemple.fr", "email"),
    ("lea (at) exemple.fr", "email"),
    ("j'habite au 12 rue des Lilas", "address"),
    ("5 bis, avenue Foch", "address"),
    ("Kerkstraat 12, Gent", "address"),
    ("Je m'appelle Léa Martin", "name"),
    ("my name is Tom Peeters", "name"),
    ("c'est Lucas Dupont qui m'a dit", "name"),
])
def test_personal_data_is_detected(text, kind):
    assert kind in personal_data_kinds(text)


@pytest.mark.parametrize("text", [
    "Bonjour, je cherche un logement à Lille pour septembre 2024.",
    "Ma classe compte 25 élèves et j'ai 15 ans.",
    "Le service civique dure 6 à 12 mois, environ 600 € par mois.",
    "Bonjour Marie, merci pour ta réponse !",
    "Appelle le 3114 ou le 119, c'est gratuit.",
    "J'ai eu 14/20 au bac blanc.",
])
def test_ordinary_text_is_not_held(text):
    assert personal_data_kinds(text) == []


def test_banned_words_per_language(app):
    with app.app_context():
        _check_banned()


def _check_banned():
    assert has_banned_words("t'es qu'un CONNARD")
    assert has_banned_words("you are a retard")
    assert has_banned_words("klootzak")
    assert not has_banned_words("Une connaissance m'a aidé")
