"""Distress by kind (issue 12, item 3), on messages written for these tests
(not taken from the corpus): the way the same dangers are said in other
words, in French, English and Dutch."""

from __future__ import annotations

import pytest

from portal.safety import detect_distress, minor_in
from portal.safety.distress import explain, kinds_in

WRITTEN_HERE = [
    ('suicide', 'jpense a la mort tout le temps en ce moment'),
    ('suicide', "j'ai plus aucune raison de rester"),
    ('suicide', "je vais tout arreter ce soir, merci a ceux qui m'ont aidé"),
    ('suicide', 'personne va me regretter'),
    ('suicide', 'jsuis sur le pont la'),
    ('suicide', 'je me suis renseigné sur comment se pendre'),
    ('suicide', 'ca sert a rien que je reste en vie'),
    ('suicide', "si j'étais morte tout le monde serait tranquille"),
    ('suicide', 'i just want to sleep and never wake up'),
    ('suicide', 'nobody would care if i died'),
    ('suicide', "i'm gonna end it tonight"),
    ('suicide', 'ik wil dood'),
    ('suicide', 'niemand zou het merken als ik er niet meer was'),
    ('suicide', 'jai pas envie de me reveiller demain'),
    ('suicide', 'je compte plus rester longtemps sur cette terre'),
    ('suicide', "vivre c'est trop dur jveux que ça s'arrete"),
    ('suicide', "j'ai fait une TS l'an dernier et j'y repense"),
    ('suicide', "ma vie c'est de la merde je veux en finir"),
    ('self_harm', 'je me suis encore tailladé les bras'),
    ('self_harm', "j'ai des coupures sur les cuisses que personne voit"),
    ('self_harm', 'relapsed on sh last night'),
    ('self_harm', 'ik heb weer gekrast'),
    ('self_harm', 'je me brûle avec des cigarettes quand ça va pas'),
    ('self_harm', 'jme frappe la tête contre les murs'),
    ('violence_home', "mon père m'a mis une droite parce que j'avais pas rangé"),
    ('violence_home', 'ma mère me tape avec une ceinture'),
    ('violence_home', 'mon beau-père me hurle dessus et me pousse'),
    ('violence_home', 'my stepdad punched me in the face'),
    ('violence_home', 'mijn vader slaat mijn moeder en mij'),
    ('violence_home', 'ya jamais personne a la maison et on a rien a manger depuis 3 jours'),
    ('violence_home', 'un mec de 35 ans me parle sur snap et veut me voir, il dit de rien dire a ma mere'),
    ('sexual_violence', "il m'a forcée à coucher avec lui"),
    ('sexual_violence', "mon oncle m'a touchée quand j'étais petite"),
    ('sexual_violence', "j'ai été agressée sexuellement dans une soirée"),
    ('sexual_violence', 'he forced himself on me'),
    ('sexual_violence', 'ik ben aangerand op de bus'),
    ('sexual_violence', 'un type m a mis la main entre les jambes dans le tram'),
    ('couple_violence', 'mon copain me gifle quand il est jaloux'),
    ('couple_violence', "mon mec m'étrangle pendant les disputes"),
    ('couple_violence', 'my boyfriend threatened to kill me'),
    ('couple_violence', 'mijn vriend slaat me als hij boos is'),
    ('couple_violence', "ma famille veut me marier de force l'été prochain"),
    ('harassment', "on m'insulte sur insta tous les jours"),
    ('harassment', 'ils ont diffusé mes nudes'),
    ('harassment', 'je me fais harceler au lycée'),
    ('harassment', 'ze pesten mij elke dag op school'),
    ('harassment', 'someone made a fake account with my face'),
    ('harassment', "un mec menace de publier mes photos si je lui envoie pas d'argent"),
    ('no_shelter', "j'ai nulle part où dormir ce soir"),
    ('no_shelter', "ma mère m'a mis à la porte"),
    ('no_shelter', 'je dors dans la rue depuis une semaine'),
    ('no_shelter', 'i got kicked out and have nowhere to go'),
    ('no_shelter', 'ik slaap op straat'),
    ('no_shelter', "j'ai fugué de chez moi"),
    ('sexual_health', 'la capote a craqué hier soir'),
    ('sexual_health', "je pense être enceinte j'ai 15 ans"),
    ('sexual_health', "i think i'm pregnant and i'm 16"),
    ('sexual_health', 'het condoom is gescheurd'),
    ('sexual_health', "on a oublié la capote et j'ai peur d'avoir le sida"),
    ('eating_addiction', 'je me fais vomir après chaque repas'),
    ('eating_addiction', "j'arrive pas à arrêter de fumer des joints"),
    ('eating_addiction', 'je mange plus depuis une semaine'),
    ('eating_addiction', "my friend took too many pills at a party and won't wake up"),
    ('eating_addiction', 'ik ben verslaafd aan gokken'),
    ('eating_addiction', 'je suis accro au proto'),
]
ORDINARY = [
    'je suis mort de fatigue après le boulot',
    'comment faire une demande de logement étudiant',
    'mon prof de maths me saoule',
    "on a regardé un film d'horreur trop bien",
    'je cherche une formation en alternance',
    "c'est quoi les horaires de la mission locale",
    'tu connais un bon coiffeur pas cher',
    'comment on calcule son quotient familial',
    'ma mère veut que je range ma chambre, elle me saoule',
    "j'ai un exposé sur le harcèlement scolaire à préparer",
    'on joue à fortnite ce soir ?',
    "je veux partir en erasmus l'année prochaine",
    "j'ai raté mon permis, je suis dégoûté",
    'mon coloc fait trop de bruit la nuit',
    "i'm dying to see that movie",
    'how do i apply for a job at mcdonalds',
    'ik zoek een vakantiejob',
    'ik ben kapot na de training',
    'la pilule est remboursée pour les mineures ?',
    'je veux arrêter de fumer, des conseils ?',
    'comment devenir pompier volontaire',
    "j'ai tué ce contrôle de maths mdr",
    "je fais un régime pour l'été",
]


@pytest.mark.parametrize("kind, text", WRITTEN_HERE)
def test_each_kind_is_recognised(kind, text):
    assert kind in kinds_in(text), (text, explain(text))


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_messages_raise_no_alarm(text):
    assert kinds_in(text) == [], explain(text)


@pytest.mark.parametrize("text", [
    "jsuis mort de rire", "ce prof me tue avec ses controles", "ma mere va me tuer si je rentre tard",
    "je vais le tuer mon coloc mdr", "on creve de chaud", "jpp des exams", "i killed it at my interview",
    "my mum is gonna kill me if i fail lol", "ik sterf van de honger",
])
def test_idioms_about_dying_are_not_distress(text):
    assert not kinds_in(text), explain(text)


@pytest.mark.parametrize("text", [
    "jvoudrais etre mort mdr", "si je rate le brevet je me tue jrigole pas", "kms lol",
])
def test_humour_does_not_cancel_a_wish_to_die(text):
    assert "suicide" in kinds_in(text), explain(text)


def test_a_talk_or_a_story_about_a_subject_is_not_distress():
    assert not kinds_in("expose sur le harcelement pour l'emc, des sources ?")
    assert not kinds_in("dans le livre le heros se fait frapper par son pere, fiche de lecture")
    assert not kinds_in("dans le jeu il faut sauter du pont pour finir le niveau")
    # ...but the writer's own distress next to a topic word still is.
    assert "suicide" in kinds_in("j'ai un exposé demain mais je veux mourir")


def test_several_dangers_give_several_kinds_in_the_issues_order():
    found = detect_distress("mon pere me frappe et il m'a mis dehors ce soir, j'ai 15 ans")
    assert found.kinds == ["violence_home", "no_shelter"]
    assert found.numbers == ["119", "115", "17", "112"]


def test_swallowed_medication_is_suicide_and_self_harm():
    assert kinds_in("j'ai avalé toute la plaquette de doliprane")[:2] == ["suicide", "self_harm"]


def test_the_writers_age_decides_the_numbers_for_minors():
    assert minor_in("j'ai 15 ans et je suis a la rue") is True
    assert minor_in("jsuis en 3e") is True
    assert minor_in("J'ai 19 ans, je dors dans ma voiture") is False
    assert minor_in("ma soeur de 14 ans dort dehors") is None      # a third person's age
    assert detect_distress("J'ai 19 ans, je dors dans ma voiture").numbers == ["115", "17", "112"]
    assert detect_distress("j'ai 15 ans, je dors dans ma voiture").numbers == ["115", "119", "17", "112"]


def test_nothing_and_empty_text():
    assert not detect_distress("") and not detect_distress(None)
    assert detect_distress("").numbers == []
