"""The normaliser: how young people type, turned into plain words before
any matching (issue 12, item 2)."""

from __future__ import annotations

import pytest

from portal.safety.distress import register
from portal.safety.normalise import normalise

register()


@pytest.mark.parametrize("typed, words", [
    ("JVEUX MOURIR", "je veux mourir"),                 # case, glued pronoun
    ("j'veux plus", "j veux plus"),                      # apostrophe
    ("chui a bout", "je suis a bout"),
    ("jsp pk", "je sais pas pourquoi"),
    ("jpp", "j en peux plus"),
    ("tkt", "t inquiete"),
    ("g pris bcp de medocs", "j ai pris beaucoup de medocs"),
    ("c la 3e fois", "c est la 3e fois"),
    ("koi mm ya slt", "quoi meme il y a salut"),
    ("mourirrrr nooon", "mourir non"),                   # letters repeated for emphasis
    ("Été, cœur, ÇA", "ete coeur ca"),                   # accents and ligatures
    ("jme scarifi", "je me scarifie"),                   # typo on a key word
    ("enseinte", "enceinte"),
    ("suicde", "suicide"),
    ("m0urir", "mourir"),                                # leetspeak inside a word
    ("i'm gonna kms", "i am going to kill myself"),      # English contractions and slang
    ("idk, can't sleep", "i do not know can not sleep"),
    ("kweet nie", "ik weet niet"),                       # Flemish
])
def test_typed_words_become_plain_words(typed, words):
    assert normalise(typed, "fr") == f" {words} "


@pytest.mark.parametrize("word", ["violet", "menage", "chaque", "expose", "craque"])
def test_ordinary_words_are_not_corrected_into_key_words(word):
    # One letter away from a key word ("violee", "menace"...) but a word of its own.
    assert normalise(word) == f" {word} "


def test_numbers_and_ages_are_left_alone():
    assert normalise("j'ai 15 ans, 3e B") == " j ai 15 ans 3e b "
