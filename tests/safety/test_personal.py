"""Personal data, however typed (issue 12, item 5), on posts written for
these tests (not taken from the corpus)."""

from __future__ import annotations

import pytest

from portal.safety import personal_data_kinds

WRITTEN_HERE = [
    ('phone', 'appelle moi 06 39 98 00 11'),
    ('phone', "mon 06 c'est le 39 98 12 34"),
    ('phone', 'zero sept trente neuf quatre vingt dix huit onze douze'),
    ('phone', '+33 7 39 98 11 22'),
    ('phone', 'mijn nummer is nul vier zeven acht twaalf vierendertig zesenvijftig'),
    ('phone', 'bel me 0470.12.34.56'),
    ('phone', '06 39 98 / 45 / 67'),
    ('email', 'contact: lea point martin at gmail point com'),
    ('email', 'mon adresse c julie.b@hotmail.fr'),
    ('email', 'ecris a tom_rx arobase outlook.fr'),
    ('email', 'my mail is noah [dot] s [at] gmail [dot] com'),
    ('email', 'mail naar sien@telenet.be'),
    ('handle', 'ajoute moi sur insta : julie.rbx'),
    ('handle', 'jsuis sur tiktok sous le nom de lea_dance'),
    ('handle', 'passe en privé je te dirai'),
    ('handle', 'on se parle sur snap ?'),
    ('handle', 'add me on discord: kai#0420'),
    ('handle', 'hit me up on insta @kai.lille'),
    ('handle', 'stuur me een berichtje op snap'),
    ('handle', 'kom op whatsapp'),
    ('handle', 'mon pseudo fortnite c xXdarkXx'),
    ('handle', 'rejoins mon groupe telegram'),
    ('handle', 'envoie moi un message privé'),
    ('handle', "on peut s'écrire en dehors du forum ?"),
    ('address', "j'habite 5 rue Nationale à Lille"),
    ('address', 'au 18 avenue de la République, 2e étage'),
    ('address', 'Grote Markt 3, 8500 Kortrijk'),
    ('address', '14 boulevard de la liberté'),
    ('address', 'viens au 3 impasse du moulin'),
    ('address', 'residence du parc, batiment A, appartement 14'),
    ('name', "je m'appelle Inès Dubreuil"),
    ('name', "c'est Karim Belkacem de terminale"),
    ('name', "my name's Sophie Turner and i'm new here"),
    ('name', 'ik ben Jelle Maes uit Gent'),
    ('name', "la fille s'appelle Chaïma Bensaïd"),
    ('name', "je suis Nolan Carpentier, j'ai 16 ans"),
    ('handle', 'viens pv on sera tranquilles'),
    ('handle', 'slide in my dms'),
    ('handle', 'psn: darkwolf'),
    ('handle', 'rajoute moi stp'),
    ('email', 'mon mail: tom.b at outlook'),
    ('address', 'j habite au 8 de la rue des roses'),
    ('address', 'rue de la gare numero 14, tournai'),
]
NOT_PERSONAL = [
    'le rdv est a 15h le 12/03',
    "j'ai payé 35 euros",
    "ma prof d'anglais est trop sympa",
    'le 06 est un numéro de portable en france ?',
    "j'habite a lille depuis 2 ans",
    'on se voit place de la république ?',
    "j'ai 3 frères",
    'la mission locale de lille est au 2e étage',
    'vous utilisez snap ou whatsapp ?',
    "j'ai perdu mon téléphone",
    "le code postal de roubaix c'est 59100",
    "victor hugo c'est mon auteur préféré",
    'je joue à fortnite tous les soirs',
    'mon insta est en privé maintenant',
    "j'ai 17 ans et je cherche un job",
    'la salle 12 au bâtiment B',
]


@pytest.mark.parametrize("kind, text", WRITTEN_HERE)
def test_personal_data_is_found_however_typed(kind, text):
    assert kind in personal_data_kinds(text), text


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_times_prices_places_and_topics_are_not_personal_data(text):
    assert personal_data_kinds(text) == [], text


def test_help_lines_are_not_personal_data():
    assert personal_data_kinds("appelle le 3114 ou Fil Santé Jeunes au 0 800 235 236") == []


def test_a_number_given_as_a_whatsapp_contact_is_a_phone_and_a_handle():
    assert personal_data_kinds("whatsapp au 06 39 98 55 44") == ["phone", "handle"]


def test_a_first_name_alone_is_not_a_name():
    assert "name" not in personal_data_kinds("merci Lea, t'es trop gentille")
    assert "name" in personal_data_kinds("merci Lea Dubois, t'es trop gentille")
