"""Words and sentences of the demo guide: invented people, names and texts.

The names are first names and surnames common in France and Flanders, put
together at random, so no entry describes a real person. Texts come from a
small grammar: a template's ``{slot}`` is replaced by one of the slot's
phrases, which may hold slots of their own. Per-theme slots are looked up as
``slot.subtheme`` first ("do.logement"), so one template serves every theme
and the combinations (thousands per template) keep the 100,000-entry
benchmark from repeating itself. Also here: what each kind of structure is
called and who works there, opening-hours styles, and the phone number
ranges that reach nobody.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from random import Random

from opening_hours import OpeningHours

from portal.directory.models import StructureKind as K


def _w(text: str) -> list[str]:
    """A vocabulary written as 'a|b|c' over several lines (keeps the lists dense)."""
    return [" ".join(p.split()) for p in text.split("|") if p.strip()]


def _blocks(text: str) -> dict[str, dict[str, list[str]]]:
    """'@name' opens a block; 'key: a|b|c' fills it; indented lines go on the previous key."""
    blocks: dict[str, dict[str, str]] = {}
    block = key = None
    for line in text.splitlines():
        if line.startswith("@"):
            block = blocks.setdefault(line[1:].strip(), {})
        elif line[:1].isspace() and key:
            block[key] += " " + line.strip()
        elif line.strip():
            key, _, value = line.partition(":")
            block[key] = value
    return {name: {k: _w(v) for k, v in keys.items()} for name, keys in blocks.items()}


# --- people (first names and surnames, combined at random) -----------------------------
FIRST_F = _w("""Camille|Léa|Manon|Chloé|Inès|Sarah|Emma|Julie|Laura|Marine|Pauline|Claire|Élodie|
Aurélie|Sophie|Nadia|Yasmina|Samia|Fatima|Amandine|Céline|Delphine|Mélanie|Justine|Lucie|Margaux|
Anaïs|Noémie|Océane|Émilie|Charlotte|Hélène|Agathe|Morgane|Sandrine|Karima|Leïla|Myriam|Nathalie|
Virginie|Audrey|Coralie|Estelle|Fanny|Gaëlle|Isabelle|Jeanne|Lina|Maëlle|Ophélie|Rachida|Salomé|
Sonia|Valentine|Zoé|Aïcha|Ana|Joanna|Mariana|Elif""")
FIRST_M = _w("""Thomas|Nicolas|Julien|Maxime|Kevin|Mehdi|Karim|Antoine|Pierre|Romain|Alexandre|
Benoît|Sébastien|Mathieu|Florian|Yann|Hugo|Lucas|Théo|Bastien|Damien|Jérôme|Olivier|Vincent|Rachid|
Samir|Yassine|Sofiane|Bilal|Adrien|Arnaud|Cédric|Clément|Fabien|Guillaume|Loïc|Ludovic|Martin|
Quentin|Rémi|Simon|Steven|Tanguy|Xavier|Youssef|Amadou|Moussa|Ibrahim|Jonathan|Grégory|Jordan|
Franck|Paulo|Tiago|Emre|Hakim|Nabil|Aurélien|Baptiste|Dylan""")
FIRST_F_NL = _w("""Lotte|Fien|Ine|Elke|Sofie|Katrien|Marieke|Annelies|Hanne|Jolien|Lien|Nele|Saskia|
Veerle|Griet|Evelien|Febe|Lore|Amber|Ellen""")
FIRST_M_NL = _w("""Pieter|Jeroen|Wout|Bram|Koen|Stijn|Joris|Dries|Tom|Bart|Sander|Jens|Niels|Ruben|
Wouter|Jasper|Lieven|Maarten|Kobe|Arne""")
SURNAMES = _w("""Martin|Bernard|Dubois|Durand|Leroy|Moreau|Lefebvre|Lefèvre|Roux|Fournier|Girard|
Bonnet|Lambert|Fontaine|Rousseau|Vincent|Muller|Faure|Blanc|Guerin|Boyer|Garnier|Chevalier|Francois|
Legrand|Gauthier|Perrin|Robin|Clement|Morin|Nicolas|Henry|Mathieu|Masson|Marchand|Duval|Denis|
Dumont|Lemaire|Caron|Delattre|Deschamps|Dupont|Lemoine|Carpentier|Leclercq|Delannoy|Vandenbussche|
Desmet|Delplanque|Wauquier|Lecocq|Dhondt|Vermeersch|Hennebelle|Duhamel|Delcroix|Lenoir|Baert|
Verhaeghe|Dewitte|Vanneste|Becquart|Debruyne|Lagache|Hadjadj|Benali|Bensaïd|Haddad|Mansouri|
Boukhari|Cherif|Belkacem|Amrani|Saïdi|Da Silva|Ferreira|Pereira|Rodrigues|Kowalski|Nowak|Wozniak|
Diallo|Traoré|Koné|Ndiaye|Nguyen|Tran|Yilmaz|Demir|Rossi|Garcia|Martinez|Lopez|Sanchez|Ozturk|
Mendy|Camara|Petit|Richard|Bertrand|Roussel|Blanchard|Gaillard|Barbier|Arnaud|Brun|Meunier|Renard|
Picard|Aubert""")
SURNAMES_NL = _w("""Peeters|Janssens|Maes|Claes|Vandamme|Desmedt|Verbeke|Decock|Vanhoutte|Declercq|
Vandenberghe|Goossens|Wouters|Vermeulen|Devos|Demeyer|Coppens|Vervaeke|Lambrecht|Deprez|
Vanlerberghe|Dekeyser|Verstraete|Callens|Mortier""")

# --- places and structure names -------------------------------------------------------
STREETS_FR = _w("""rue des Tilleuls|rue du Moulin|rue de la Gare|place de la République|avenue de la
Liberté|rue Pasteur|rue Victor-Hugo|boulevard de la Paix|rue des Écoles|rue du Marché|rue des
Peupliers|allée des Acacias|rue de la Fraternité|rue du Calvaire|rue des Jardins|rue de l'Égalité|
place du Marché|rue du Château|rue des Fusillés|rue Jean-Jaurès|rue du Général-de-Gaulle|rue de la
Mairie|rue des Remparts|rue Saint-Pierre|chemin des Prés|rue des Tisserands|rue de la Filature|rue du
Canal|rue des Arts|rue de Paris|rue Nationale|rue de l'Espérance|avenue des Sports|rue Voltaire|rue
des Roses|rue de la Briqueterie|rue Carnot|rue Gambetta|rue du Lavoir|rue Émile-Zola|rue des Lilas|
impasse des Hirondelles|rue Lamartine|rue de la Solidarité""")
STREETS_NL = _w("""Stationsstraat|Kerkstraat|Molenstraat|Marktplein|Lindenlaan|Schoolstraat|
Nieuwstraat|Doorniksestraat|Groeningestraat|Leiestraat|Beekstraat|Kapelstraat""")
STREETS_BE_FR = _w("""rue de la Station|rue du Christ|Grand-Place|rue de Tournai|rue des
Combattants|rue du Progrès|rue de la Marlière|rue Royale|quai Notre-Dame|rue de Courtrai""")
ASSOC_PREFIX = _w("Association|Collectif|Réseau|Atelier|Club|Espace|Maison|Fabrique")
ASSOC_CORE = _w("""Horizons Jeunes|Les Passeurs|Cap Avenir|Boussole|Élan solidaire|Le Fil rouge|
Relais Jeunesse|Trait d'union|Pas à pas|L'Escale|Ricochet|Déclic|La Courte Échelle|Envol|Sémaphore|
Les Lucioles|Archipel|Ancrage|Kaléidoscope|La Traverse|Tremplin|Le Phare|Les Possibles|Cap
Mobilité|Parenthèse|Quai des Jeunes|Les Ailes|Nouveaux Horizons|Grain de sable|Mosaïque|Racines et
Ailes|Vent debout""")
FJT_CORE = _w("""Les Hirondelles|Le Beffroi|Les Acacias|L'Étape|Le Relais|Les Marronniers|La
Verrière|Le Carillon|Les Trois Ponts|Les Glycines""")
AMO_CORE = _w("Le Cerf-Volant|La Boussole|Passages|L'Oxygène|Le Radeau|Tandem|La Vague")
VZW_CORE = _w("De Brug|Opstap|Jong & Sterk|De Schakel|Kompas|Tegenstroom|De Overstap")

# --- the French grammar -------------------------------------------------------------
# "we"/"i" carry their agreed verb; "goal" leads to a sub-theme's "do" phrase.
FR = _blocks("""@
we: Nous accompagnons|L'équipe accompagne|Nos conseillers reçoivent|Nous recevons|Nous aidons|
  L'équipe aide|Nos professionnels conseillent|Nous épaulons|On accueille|Une équipe de
  professionnels soutient|Nous guidons|Nos intervenants accompagnent
i: J'accompagne|Je reçois|J'aide|Je conseille|J'oriente|Je soutiens|J'épaule|Je rencontre|Je guide
public: les jeunes de {age_min} à {age_max} ans|les jeunes {de_ville} et des environs|les
  adolescents|les jeunes adultes|les étudiants|les apprentis|les jeunes sans diplôme|les jeunes en
  recherche d'emploi|tous les jeunes|les lycéens|les jeunes parents|les jeunes du territoire|les
  jeunes {de_ville}|les moins de {age_max} ans|les jeunes sortis du système scolaire|les jeunes en
  situation de handicap|les jeunes majeurs|les jeunes arrivés depuis peu {a_ville}|les
  collégiens et lycéens|les jeunes et leurs familles|les jeunes suivis par un éducateur|les
  néo-bacheliers
goal: pour {do}|qui souhaitent {do}|qui cherchent à {do}|qui veulent {do}|pour les aider à {do}|
  quand il faut {do}|qui ont besoin de {do}
talk: parler de|faire le point sur|poser vos questions sur|y voir plus clair sur|être conseillé sur|
  trouver des réponses sur|échanger sur
calmly: sans jugement|en toute confidentialité|gratuitement|pas à pas|sans rendez-vous|en toute
  discrétion|avec ou sans les parents|même sans papiers d'identité
partners: les lycées du secteur|les bailleurs sociaux|les entreprises locales|les clubs sportifs|la
  CAF|les associations du quartier|les centres sociaux|les médiathèques|les services de la ville|les
  centres de formation d'apprentis|les maisons de quartier|l'université|les foyers de jeunes
  travailleurs|les éducateurs de prévention|les missions locales voisines|les services hospitaliers
day: lundi|mardi|mercredi|jeudi|vendredi|samedi
hours: de 9 h à 12 h|de 10 h à 12 h 30|de 14 h à 16 h|de 14 h à 17 h|de 16 h 30 à 18 h 30|de 18 h à
  20 h|de 9 h 30 à 11 h 30|de 13 h 30 à 15 h 30
when: le {day} matin|le {day} après-midi|le {day} {hours}|un {day} sur deux|chaque premier {day}
  du mois|le mardi soir|pendant les vacances scolaires|le mercredi|le {day}
where: au lycée professionnel|à la médiathèque|à la maison de quartier|au centre social|en ligne|à
  l'université|au collège|dans les locaux de la mairie annexe|au foyer de jeunes travailleurs|à
  l'espace jeunes|sur le marché|au centre de formation|à la gare|dans le hall de la résidence
format: Un atelier collectif|Un rendez-vous individuel|Une séance d'information|Un accompagnement
  sur plusieurs semaines|Une permanence|Un entretien de diagnostic|Un parcours de quelques
  séances|Une rencontre en petit groupe|Un temps d'échange|Un suivi personnalisé
struct: {we} {public} {goal}.|{we} {public} {goal}.|On peut venir nous voir pour {talk} {about}.|
  Besoin de {dov} ? {we} {public} dans cette démarche.|Vous pouvez aussi venir pour {talk} {about},
  {calmly}.|L'équipe connaît bien {about} et oriente vers les bons interlocuteurs.|Une
  priorité cette année : {about}.|Nous travaillons avec {partners} pour {do}.
practical: L'accueil est gratuit et sans rendez-vous {when}.|Les entretiens se font sur
  rendez-vous, {a_ville} ou en visio.|Vous pouvez venir seul ou accompagné, {calmly}.|Un premier
  contact par {contact} est possible.|L'accès est gratuit et confidentiel.|Un point numérique en
  libre accès permet de faire vos démarches en ligne.|Pas besoin de dossier pour un premier
  rendez-vous : venez avec vos questions.|Des rendez-vous en fin de journée sont possibles pour
  {public}.|Des permanences ont lieu {when} {where}.|Les locaux sont à {walk} minutes à pied {near}.|
  Inscription sur place, par téléphone ou par message.|Une fois par mois, l'équipe se déplace
  {where}.|L'équipe compte {n} professionnels et bénévoles.
contact: téléphone|message|e-mail|le chat du site|SMS
walk: deux|cinq|dix|quelques
near: de la gare|du métro|de l'arrêt de bus|du tramway|du centre-ville|de la mairie
schedule: Chaque {nth} {day} du mois, {hours}.|Sur inscription, en petit groupe de {n} personnes.|
  Toute l'année, sur rendez-vous {where}.|{when}, {where}.|Pendant les vacances {season}, sur
  inscription.|Places limitées à {n} participants.|Sans inscription, {when}.|Durée : {length},
  {when}.|Chaque semaine, {when}, {where}.
nth: premier|deuxième|troisième|dernier
season: scolaires|d'été|de printemps|de la Toussaint|d'hiver
length: une heure|deux heures|une demi-journée|trois séances de deux heures|une journée
person: {i} {public} {goal}.|Avec moi, vous pouvez {talk} {about}, {calmly}.|Je tiens une
  permanence {when} {where}.|Je travaille avec {partners} pour {do}.|N'hésitez pas à me contacter
  pour {talk} {about}.|Mon rôle : vous aider à {dov}, {calmly}.|{i} {public} {goal}, {calmly}.|
  Je suis votre [interlocuteur/interlocutrice] pour {about} {a_ville}.|Vous voulez {dov} ? Je vous
  reçois {when}, {calmly}.
service: {format} pour {do}.|{format}, {calmly}, pour {talk} {about}.|{format} pour {public} qui
  souhaitent {do}.|{format} pour {public} qui ont besoin de {do}.|{format} en lien avec {partners},
  pour {do}.
""")[""]

# Per sub-theme: "do" (after "pour", "veulent"), "about" (after "parler de"),
# "svc" (service names) and "say" (whole sentences).
THEMES_FR = _blocks("""@scolaire
do: reprendre une formation|retrouver le chemin du lycée|préparer un retour en classe|trouver une
  solution après une exclusion|obtenir un diplôme autrement|faire le point après un décrochage|
  rejoindre une école de la deuxième chance|reprendre confiance en eux
about: le décrochage scolaire|les solutions de retour en formation|l'absentéisme|les
  micro-lycées|l'école de la deuxième chance|les difficultés au collège|le harcèlement à l'école|
  la reprise d'études
svc: Plateforme de retour en formation|Atelier « Raccrocher »|Permanence décrochage scolaire|
  Remobilisation scolaire|Tutorat de reprise d'études
say: Quitter l'école n'est pas une fin : il existe des solutions pour reprendre une formation.|Un
  entretien suffit souvent pour trouver une piste de retour en formation.
@universitaire
do: se réorienter en cours d'année|changer de filière|trouver une formation plus concrète|rebondir
  après un échec en licence|préparer une réorientation à l'université|faire valoir leurs crédits
about: la réorientation à l'université|les passerelles entre filières|les démarches sur
  Parcoursup|l'abandon d'études supérieures|les bourses étudiantes|la vie étudiante
svc: Rendez-vous réorientation étudiante|Atelier « Changer de filière »|Permanence étudiants en
  difficulté|Bilan d'études supérieures
say: Un premier semestre difficile n'empêche pas de réussir ailleurs.|Les passerelles entre
  filières sont plus nombreuses qu'on ne le pense.
@apprentissage
do: retrouver un employeur après une rupture de contrat|terminer leur apprentissage|changer de
  centre de formation|comprendre leurs droits d'apprentis|rebondir après un contrat rompu
about: la rupture d'un contrat d'apprentissage|les droits des apprentis|la recherche d'un nouveau
  maître d'apprentissage|les conflits avec un employeur
svc: Médiation apprentissage|Permanence apprentis|Atelier « Rebondir en apprentissage »
say: Une rupture de contrat d'apprentissage laisse un délai pour retrouver un employeur.
@metiers
do: découvrir des métiers|choisir un métier qui leur ressemble|faire un stage de découverte|
  rencontrer des professionnels|tester un métier en entreprise|explorer les métiers du numérique|
  découvrir les métiers du soin|connaître les métiers qui recrutent
about: les métiers|les métiers qui recrutent|les stages de découverte|les métiers de l'artisanat|
  les métiers du sport et de l'animation|les métiers de la transition écologique|les métiers de
  l'industrie
svc: Forum des métiers|Atelier découverte des métiers|Immersion en entreprise|Rencontres avec des
  professionnels|Visite d'entreprises
say: Rencontrer des professionnels aide souvent à se projeter.|Des stages courts permettent de
  tester un métier avant de s'engager.
@marche-emploi
do: comprendre le marché du travail local|repérer les secteurs qui recrutent|préparer un entretien
  d'embauche|rédiger un CV|trouver un job étudiant|trouver un emploi saisonnier|répondre à une offre
  d'emploi
about: les offres d'emploi du secteur|les secteurs qui embauchent|le CV et la lettre de
  motivation|l'entretien d'embauche|les jobs d'été|les contrats de travail
svc: Atelier CV et lettre de motivation|Simulation d'entretien d'embauche|Job dating|Espace offres
  d'emploi|Club de recherche d'emploi
say: Les offres d'emploi du secteur sont affichées et mises à jour chaque semaine.
@parcours
do: choisir une formation|construire un projet d'études|comparer des formations|préparer leurs
  vœux d'orientation|trouver une formation près de chez eux|faire un bilan d'orientation|reprendre
  des études
about: l'orientation|les formations après le bac|les voies professionnelles|les études
  supérieures|les formations courtes|la validation des acquis
svc: Entretien d'orientation|Atelier « Choisir ses études »|Documentation sur les formations|Bilan
  d'orientation|Soirée d'information sur les études
say: Un entretien d'orientation permet de faire le point sur ses envies et ses atouts.
@alternance
do: trouver un contrat en alternance|décrocher un contrat d'apprentissage|trouver une entreprise
  d'accueil|préparer leur candidature en alternance|choisir entre apprentissage et contrat de
  professionnalisation
about: l'alternance|l'apprentissage|le contrat de professionnalisation|la rémunération des
  apprentis|la recherche d'entreprise
svc: Job dating alternance|Atelier « Trouver son alternance »|Permanence alternance
say: La recherche d'une entreprise en alternance commence idéalement plusieurs mois avant la
  rentrée.
@discriminations
do: faire valoir leurs droits|signaler une discrimination|être accompagnés face à une
  discrimination à l'embauche|préparer un recours|réagir face au racisme
about: les discriminations|les droits face à un employeur|le harcèlement|les inégalités d'accès au
  logement|le racisme et le sexisme au travail
svc: Permanence juridique discriminations|Atelier « Connaître ses droits »|Écoute et
  accompagnement des victimes
say: Une discrimination à l'embauche ou au logement peut être signalée et accompagnée.
@creation-entreprise
do: créer leur activité|tester un projet d'entreprise|devenir micro-entrepreneur|trouver un
  financement pour leur projet|monter une coopérative
about: la création d'entreprise|le statut de micro-entrepreneur|les aides à la création|le
  financement participatif|l'entrepreneuriat social
svc: Permanence création d'activité|Atelier « De l'idée au projet »|Couveuse d'entreprises jeunes|
  Bourse aux projets
say: Une idée d'entreprise se teste d'abord à petite échelle, sans prendre de risques.
@insertion
do: trouver leur premier emploi|entrer dans un parcours d'insertion|signer un contrat d'engagement
  jeune|reprendre une activité|construire un projet professionnel|lever les freins à l'emploi
about: le contrat d'engagement jeune|l'insertion professionnelle|les chantiers d'insertion|
  l'accompagnement vers l'emploi|les aides à l'embauche
svc: Contrat d'engagement jeune|Accompagnement intensif vers l'emploi|Chantier d'insertion jeunes|
  Parrainage vers l'emploi
say: Un conseiller référent suit chaque jeune tout au long de son parcours.
@ressources
do: ouvrir leurs droits|gérer un budget|obtenir une aide financière|faire une demande de prime
  d'activité|comprendre leurs droits à la CAF|faire face à une dette
about: les aides financières|le budget|les droits sociaux|la prime d'activité|les bourses|l'aide
  alimentaire|les démarches administratives
svc: Aide aux démarches administratives|Atelier budget|Permanence accès aux droits|Fonds d'aide aux
  jeunes|Point conseil budget
say: Beaucoup de jeunes ne demandent pas les aides auxquelles ils ont droit.
@logement
do: trouver un logement|quitter le domicile familial|obtenir une aide au logement|trouver une
  colocation|trouver un hébergement d'urgence|préparer leur dossier de location|obtenir une
  garantie locative
about: le logement|les aides au logement|la colocation|les résidences pour jeunes|les droits des
  locataires|la garantie Visale|l'hébergement d'urgence
svc: Permanence logement|Atelier « Premier logement »|Aide à la recherche de logement|Hébergement
  temporaire|Bourse aux colocations
say: Trouver un premier logement demande souvent une garantie : des dispositifs existent.
@sante
do: prendre soin de leur santé|parler de ce qui ne va pas|accéder à une contraception|faire un
  dépistage|trouver un psychologue|arrêter de fumer|gérer le stress
about: la santé|la contraception|les addictions|le mal-être|la santé mentale|les infections
  sexuellement transmissibles|le sommeil|l'alimentation
svc: Consultation psychologique gratuite|Dépistage gratuit|Consultation jeunes consommateurs|Groupe
  de parole|Bilan de santé
say: Les consultations sont gratuites et confidentielles, y compris pour les mineurs.
@mobilite
do: passer le permis de conduire|se déplacer pour aller travailler|trouver un moyen de transport|
  obtenir une aide au permis|louer un deux-roues
about: le permis de conduire|les transports|les aides à la mobilité|le vélo|la location de
  scooters|le code de la route
svc: Aide au permis de conduire|Location solidaire de deux-roues|Atelier vélo|Code de la route
  solidaire|Conseil en mobilité
say: Sans moyen de transport, un emploi ou une formation peut sembler hors de portée.
@service-civique
do: trouver une mission de service civique|s'engager comme bénévole|découvrir le volontariat|
  faire une mission d'intérêt général
about: le service civique|le bénévolat|le volontariat|l'engagement associatif|les missions
  d'intérêt général
svc: Info Service civique|Forum du bénévolat|Accompagnement des volontaires
say: Une mission de service civique est indemnisée et ouverte sans condition de diplôme.
@expression
do: faire entendre leur voix|monter un projet collectif|participer à la vie de leur commune|
  débattre de sujets de société|créer un média jeune
about: la participation|la citoyenneté|les conseils de jeunes|les projets collectifs|le vote|les
  débats
svc: Conseil municipal des jeunes|Café-débat citoyen|Atelier radio|Fonds d'initiatives jeunes
say: Les jeunes proposent et conduisent eux-mêmes leurs projets.
@culture-sport
do: pratiquer un sport|découvrir une pratique artistique|monter un projet culturel|accéder à des
  loisirs à petit prix|partir en vacances
about: les loisirs|le sport|la culture|les pratiques artistiques|les sorties|les vacances
svc: Pass culture et sport|Atelier musique|Stage multisports|Sorties culturelles|Studio de
  répétition
say: Des activités sportives et culturelles sont proposées toute l'année à petit prix.
@mobilite-internationale
do: partir à l'étranger|trouver un stage à l'étranger|faire un volontariat européen|partir en
  jeune fille au pair|étudier dans un autre pays|préparer un séjour Erasmus+
about: la mobilité internationale|Erasmus+|le corps européen de solidarité|les séjours
  linguistiques|le travail à l'étranger|le programme vacances-travail
svc: Information mobilité internationale|Atelier « Partir en Europe »|Permanence Erasmus+|Café des
  langues
say: Partir à l'étranger est possible sans gros budget : plusieurs programmes existent.
""")

# One opening sentence per kind of structure.
INTRO_FR = _blocks("""@
mission-locale: La mission locale {de_ville} accompagne les 16-25 ans vers l'emploi et
  l'autonomie.|Emploi, formation, logement, santé : la mission locale aide les 16-25 ans sortis de
  l'école.|{we} {public} {goal}.
cio: Le centre d'information et d'orientation reçoit élèves, étudiants et parents.|Des
  psychologues de l'Éducation nationale y aident à choisir une voie.|{we} {public} {goal}.
pij: Le point information jeunesse {de_ville} répond à toutes les questions des jeunes.|Un lieu
  d'accueil anonyme et gratuit pour s'informer sur tous les sujets.|{we} {public} {goal}.
crij: Le centre régional information jeunesse anime le réseau des points information jeunesse.|
  Documentation, conseils et rencontres : le CRIJ informe les jeunes de la région.
caf: L'accueil de la caisse d'allocations familiales informe sur les aides au logement et les
  prestations.|Un point d'accueil {a_ville} pour vos démarches auprès de la CAF.
france-travail: L'agence {de_ville} accompagne les demandeurs d'emploi, dont les jeunes.|
  Inscription, offres d'emploi et formations : l'agence vous accompagne.
maison-des-ados: La maison des adolescents accueille les 13-21 ans et leurs parents.|Un lieu
  d'écoute {a_ville} pour les adolescents qui traversent une période difficile.
fjt: Le foyer loue des logements meublés aux jeunes en formation ou en emploi.|Une résidence {a_ville}
  pour les jeunes qui débutent dans la vie active.
sante: Un lieu de soins et de prévention gratuit pour les jeunes.|Une équipe de santé reçoit les
  jeunes {de_ville}, avec ou sans rendez-vous.
service-social: Le service social aide les jeunes adultes à faire valoir leurs droits.|Des
  travailleurs sociaux reçoivent les jeunes en difficulté.
association: L'association agit auprès des jeunes {de_ville} depuis plus de {n} ans.|Une
  association de quartier portée par des bénévoles et des salariés.|{we} {public} {goal}.
collectivite: Le service jeunesse de la ville accueille les jeunes {de_ville}.|La ville propose aux
  jeunes un lieu d'accueil, d'information et de projets.
autre: Un dispositif partenaire pour les jeunes qui ont besoin d'un coup de pouce.|{we} {public}
  {goal}.
infor-jeunes: Infor Jeunes informe gratuitement les jeunes sur leurs droits.|Un service
  d'information jeunesse reconnu par la Fédération Wallonie-Bruxelles.
amo: Le service d'aide en milieu ouvert aide les jeunes et leurs familles, sans mandat.|L'AMO
  accompagne les jeunes à leur demande, gratuitement et en toute confidentialité.
cpas: Le centre public d'action sociale aide les jeunes à faire valoir leurs droits.|Le CPAS
  accompagne les jeunes qui ont besoin d'un revenu ou d'un logement.
""")[""]

# --- Dutch, for Flemish towns (the demo only) ------------------------------------------
NL = _blocks("""@
we: We helpen|Onze medewerkers begeleiden|We ondersteunen|Ons team helpt
public: jongeren van {age_min} tot {age_max} jaar|jongeren uit {ville}|alle jongeren|studenten|
  jonge werkzoekenden|jongvolwassenen
topic: het zoeken naar een woning|budgetbeheer|het zoeken naar werk|studeren in het buitenland|
  hun rechten|de studiekeuze|vrijwilligerswerk|mentaal welzijn|een leefloon|het rijbewijs
sentence: {we} {public} met vragen over {topic}.|Je kan bij ons terecht met vragen over {topic}.|Gratis en
  vertrouwelijk, met of zonder afspraak.|Kom langs of stuur ons een bericht.|We werken samen met
  scholen en jeugdhuizen in de regio.
role: Jeugdconsulent|Maatschappelijk werker|Onthaalmedewerker|Jongerenbegeleider|
  Trajectbegeleider|Psycholoog|Jeugdwerker
svc: Spreekuur huisvesting|Sollicitatietraining|Budgetbegeleiding|Infomoment studeren in het
  buitenland|Vrijwilligerswerk: infomoment|Praatgroep voor jongeren
""")[""]
INTRO_NL = {"infor-jeunes": "Het jongereninfopunt beantwoordt al je vragen, gratis en anoniem.",
            "cpas": "Het OCMW helpt jongeren met een leefloon, huisvesting en schulden.",
            "association": "Een vzw die jongeren uit de regio begeleidt."}

# --- the engine -------------------------------------------------------------------
_SLOT = re.compile(r"\{(\w[\w.-]*)\}")
_GENDER = re.compile(r"\[([^\[\]/]*)/([^\[\]/]*)\]")


class Grammar:
    """Expands templates; a template is pre-split into literal/slot parts once."""

    def __init__(self, rules: dict[str, list[str]], themes: dict[str, dict[str, list[str]]]):
        self.rules = {key: [_SLOT.split(t) for t in ts] for key, ts in rules.items()}
        for sub, slots in themes.items():
            for slot, texts in slots.items():
                self.rules[f"{slot}.{sub}"] = [_SLOT.split(t) for t in texts]

    def say(self, rng: Random, template: str | list[str], ctx: dict) -> str:
        text = _contract(self._expand(rng, template, ctx))
        return text[:1].upper() + text[1:]

    def pick(self, rng: Random, key: str, ctx: dict) -> str:
        return self.say(rng, rng.choice(self.rules[key]), ctx)

    def _expand(self, rng: Random, template: str | list[str], ctx: dict) -> str:
        parts = _SLOT.split(template) if isinstance(template, str) else template
        out = []
        for i, part in enumerate(parts):
            if not i % 2:
                out.append(part)
            elif part in ctx:
                out.append(str(ctx[part]))
            elif part == "dov":  # a "do" phrase said to the reader: "leurs droits" → "vos droits"
                out.append(_to_vous(self._expand(rng, "{do}", ctx)))
            else:
                options = self.rules.get(f"{part}.{ctx.get('sub')}") or self.rules[part]
                out.append(self._expand(rng, rng.choice(options), ctx))
        return "".join(out)


# "parler de" + "les aides" must read "parler des aides", "de obtenir" "d'obtenir".
_CONTRACT = re.compile(r"\b(de les|de le|à les|à le)\b|\bde (?=[aeiouéèêàâîôû])")
_CONTRACTED = {"de les": "des", "de le": "du", "à les": "aux", "à le": "au", None: "d'"}
_VOUS = {"leur": "votre", "leurs": "vos", "eux": "vous"}
_THEIR = re.compile(r"\b(leurs|leur|eux)\b")


def _contract(text: str) -> str:
    return _CONTRACT.sub(lambda m: _CONTRACTED[m.group(1)], text)


def _to_vous(text: str) -> str:
    return _THEIR.sub(lambda m: _VOUS[m.group(1)], text)


FRENCH = Grammar(FR, THEMES_FR)
DUTCH = Grammar(NL, {})


def gendered(text: str, female: bool) -> str:
    """'Conseill[er/ère]' → 'Conseillère' for a woman."""
    return _GENDER.sub(lambda m: m.group(2 if female else 1), text)


def de(name: str) -> str:
    """'de Lille', "d'Armentières", 'du Cateau', 'de La Madeleine'."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return ("d'" if _vowel(name) else "de ") + name


def at(name: str) -> str:
    """'à Lille', 'au Quesnoy', 'aux Lilas'."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def _vowel(word: str) -> bool:
    first = unicodedata.normalize("NFKD", word[:1])[:1].lower()
    return first in "aeiouyh"  # the towns here take elision: d'Halluin, d'Hem


# --- kinds of structure -----------------------------------------------------------
# Per kind: age ranges (one is drawn), sub-themes, roles ("[masculine/feminine]"),
# names and an opening-hours style; a name variant may bring its own themes and
# style (a helpline). Associations draw their themes from ASSOC_FOCUS.
@dataclass(frozen=True)
class Name:
    template: str
    subs: tuple[str, ...] = ()  # overrides the kind's themes
    hours: str = ""  # overrides the kind's opening-hours style


@dataclass(frozen=True)
class Kind:
    ages: tuple[tuple[int, int], ...]
    subs: tuple[str, ...]
    roles: tuple[str, ...]
    names: tuple[Name, ...]
    hours: str = "office"
    names_nl: tuple[Name, ...] = ()


def _k(ages, subs, roles, names, hours="office", names_nl=()):
    def name(n):
        return n if isinstance(n, Name) else Name(n)
    return Kind(tuple(ages), tuple(subs.split()), tuple(_w(roles)), tuple(map(name, names)),
                hours, tuple(map(name, names_nl)))


KINDS: dict[K, Kind] = {
    K.MISSION_LOCALE: _k([(16, 25)], "insertion alternance marche-emploi metiers logement mobilite "
        "sante ressources apprentissage creation-entreprise",
        "Conseill[er/ère] en insertion professionnelle|Conseill[er/ère] emploi-formation|Chargé[/e] "
        "de relations entreprises|Référent[/e] santé|Conseill[er/ère] logement|Chargé[/e] d'accueil",
        ["Mission locale {de_ville}", "Antenne de la mission locale {a_ville}"]),
    K.CIO: _k([(13, 30)], "parcours metiers scolaire universitaire apprentissage",  # 11–30, clamped
        "Psychologue de l'Éducation nationale|Psychologue conseil en orientation|Secrétaire "
        "d'accueil|Direct[eur/rice] du CIO", ["CIO {de_ville}", "Centre d'information et "
        "d'orientation {de_ville}"]),
    K.PIJ: _k([(13, 30)], "parcours metiers logement mobilite-internationale service-civique "
        "culture-sport expression ressources mobilite sante",
        "Informat[eur/rice] jeunesse|Animat[eur/rice] information jeunesse|Chargé[/e] d'accueil",
        ["Point Information Jeunesse {de_ville}", "Point Info Jeunes {de_ville}", "PIJ {de_ville}"],
        "youth"),
    K.CRIJ: _k([(13, 30)], "mobilite-internationale service-civique parcours logement metiers "
        "expression ressources culture-sport", "Informat[eur/rice] jeunesse|Chargé[/e] de "
        "documentation|Conseill[er/ère] mobilité internationale|Chargé[/e] de mission Service "
        "civique", ["Centre régional information jeunesse – espace {ville}"], "youth"),
    K.CAF: _k([(18, 30)], "ressources logement", "Conseill[er/ère] en économie sociale et "
        "familiale|Travailleu[r/se] social[/e]|Conseill[er/ère] service aux allocataires",
        ["CAF – point d'accueil {de_ville}", "Caisse d'allocations familiales – accueil {de_ville}"]),
    K.FRANCE_TRAVAIL: _k([(16, 30)], "insertion marche-emploi alternance creation-entreprise "
        "metiers discriminations", "Conseill[er/ère] à l'emploi|Conseill[er/ère] entreprises|"
        "Psychologue du travail|Conseill[er/ère] accompagnement global",
        ["France Travail {ville}", "Agence France Travail {ville} {side}"]),
    K.MAISON_DES_ADOS: _k([(13, 21)], "sante scolaire expression ressources", "Psychologue|"
        "Infirmi[er/ère]|Éducat[eur/rice] spécialisé[/e]|Accueillant[/e]|Médecin",
        ["Maison des adolescents {de_ville}", "Maison des ados – antenne {de_ville}"]),
    K.FJT: _k([(16, 30)], "logement ressources mobilite insertion", "Chargé[/e] d'accueil "
        "logement|Animat[eur/rice] socio-éducati[f/ve]|Responsable de résidence|Conseill[er/ère] "
        "en économie sociale et familiale", ["Résidence habitat jeunes {fjt}",
        "Foyer de jeunes travailleurs {fjt}"], "residence"),
    K.HEALTH: _k([(13, 25)], "sante", "Infirmi[er/ère]|Sage-femme|Médecin généraliste|"
        "Psychologue|Conseill[er/ère] conjugal[/e] et familial[/e]",
        ["Centre de santé sexuelle {de_ville}", "Point accueil écoute jeunes {de_ville}",
         "Espace santé jeunes {de_ville}", "Consultation jeunes consommateurs {de_ville}",
         Name("Ligne d'écoute jeunes {de_ville}", ("sante",), "helpline")]),
    K.SOCIAL: _k([(18, 30), (16, 30)], "ressources logement sante discriminations",
        "Assistant[/e] de service social|Conseill[er/ère] en économie sociale et familiale|"
        "Travailleu[r/se] social[/e]", ["Maison départementale des solidarités {de_ville}",
        "Centre communal d'action sociale {de_ville}", "Service social départemental – {ville}"]),
    K.ASSOCIATION: _k([(13, 25), (16, 25), (13, 30), (16, 30), (18, 30), (15, 25)], "",
        "Éducat[eur/rice] de prévention|Animat[eur/rice]|Chargé[/e] de projets|Coordinat[eur/"
        "rice]|Bénévole accompagnat[eur/rice]|Médiat[eur/rice]|Juriste",
        ["{assoc_prefix} {assoc_core}", "{assoc_prefix} {assoc_core} {de_ville}"], "few",
        ["{vzw_core} vzw", "Jongerenontmoetingscentrum {vzw_core}"]),
    K.MUNICIPAL: _k([(13, 25), (13, 17), (13, 30)], "expression culture-sport service-civique "
        "parcours mobilite", "Animat[eur/rice] jeunesse|Coordinat[eur/rice] jeunesse|Chargé[/e] "
        "de la participation des jeunes|Responsable du service jeunesse",
        ["Service jeunesse – mairie {de_ville}", "Espace jeunes {de_ville}",
         Name("Conseil municipal des jeunes {de_ville}", ("expression", "service-civique"))],
        "youth"),
    K.OTHER: _k([(16, 25)], "scolaire universitaire apprentissage", "Coordinat[eur/rice] du "
        "dispositif|Référent[/e] décrochage|Chargé[/e] d'accompagnement|Écoutant[/e]",
        [Name("Plateforme de suivi et d'appui aux décrocheurs {de_ville}", ("scolaire",
              "apprentissage")),
         Name("Relais étudiants {de_ville}", ("universitaire", "parcours", "ressources")),
         Name("École de la deuxième chance – site {de_ville}", ("scolaire", "insertion")),
         Name("Écoute Jeunes {de_ville} – ligne anonyme", ("sante", "ressources"), "helpline")]),
    K.INFOR_JEUNES: _k([(13, 26)], "parcours logement mobilite-internationale ressources "
        "expression service-civique universitaire", "Informat[eur/rice] jeunesse|Juriste|"
        "Chargé[/e] d'accueil", ["Infor Jeunes {ville}"], "youth", ["Jongereninfopunt {ville}"]),
    K.AMO: _k([(13, 22)], "scolaire expression sante discriminations ressources", "Éducat[eur/"
        "rice]|Assistant[/e] social[/e]|Psychologue|Coordinat[eur/rice]", ["AMO {amo_core}"],
        "youth"),
    K.CPAS: _k([(18, 30)], "ressources logement sante insertion universitaire", "Assistant[/e] "
        "social[/e]|Agent[/e] d'insertion|Conseill[er/ère] logement", ["CPAS {de_ville}"],
        "office", ["OCMW {ville}"]),
}
# What an association works on (its name says nothing of it).
ASSOC_FOCUS = [tuple(s.split()) for s in _w("""insertion discriminations|logement ressources|
mobilite|culture-sport expression|scolaire apprentissage|creation-entreprise insertion|
mobilite-internationale service-civique|universitaire parcours|sante expression|discriminations
expression|metiers alternance""")]
NAMES = Grammar({"assoc_prefix": ASSOC_PREFIX, "assoc_core": ASSOC_CORE, "fjt": FJT_CORE,
                 "amo_core": AMO_CORE, "vzw_core": VZW_CORE,
                 "side": ["Nord", "Sud", "Est", "Ouest", "Centre", "Gare"]}, {})

# --- opening hours, phone numbers, languages, access ---------------------------------
_HOURS = {
    "office": ["Mo-Fr", "Mo-Fr", "Mo-Fr", "Mo-Th", "Tu-Fr", "Mo,Tu,Th,Fr"],
    "youth": ["Tu-Fr 13:30-18:30", "Mo-Fr 14:00-18:00", "Tu-Sa 13:00-18:00",
              "Mo-Fr 10:00-12:30,13:30-18:00", "Tu-Fr 14:00-19:00"],
    "few": ["Tu,Th 14:00-18:00", "Mo,We 09:30-12:00", "We 14:00-18:00", "Tu,Fr 16:00-19:00",
            "Th 13:30-17:30", "Mo-Fr 09:00-12:00"],
    "residence": ["Mo-Fr 08:00-20:00; Sa,Su 10:00-18:00", "24/7", "Mo-Fr 08:30-19:30; Sa 09:00-13:00"],
    "helpline": ["24/7", "24/7", "24/7", "Mo-Su 08:00-23:00", "Mo-Fr 09:00-21:00; Sa 10:00-18:00"],
}


def opening_hours(rng: Random, style: str) -> str:
    """Opening hours in OpenStreetMap syntax, checked by the opening_hours parser."""
    if style == "office":
        days = rng.choice(_HOURS["office"])
        am = f"{rng.choice(['08:30', '09:00', '09:00', '09:30'])}-{rng.choice(['12:00', '12:30'])}"
        pm = f"{rng.choice(['13:30', '14:00'])}-{rng.choice(['17:00', '17:30', '18:00'])}"
        text = f"{days} {am[:5]}-{pm[6:]}" if rng.random() < .3 else f"{days} {am},{pm}"
        if rng.random() < .2:
            text += f"; We {am}"
        if rng.random() < .15:
            text += "; Sa 09:00-12:00"
    else:
        text = rng.choice(_HOURS[style])
        if style in ("youth", "few") and rng.random() < .4:
            text += f"; Sa {rng.choice(['10:00-12:00', '09:30-12:30', '14:00-17:00'])}"
    if text != "24/7" and rng.random() < .3:
        text += "; PH off"
    return _checked_hours(text)


@cache
def _checked_hours(text: str) -> str:
    OpeningHours(text)  # raises opening_hours.ParserError on a typo in the lists above
    return text


# Phone numbers that ring nobody. France: the ARCEP numbering plan keeps these
# blocks for audiovisual works and fiction (one per zone: 01 Île-de-France,
# 02 north-west, 03 north-east, 04 south-east, 05 south-west; 06 39 98 mobile).
FICTION_FR = {"1": "01 99 00", "2": "02 61 91", "3": "03 53 01", "4": "04 65 71",
              "5": "05 36 49"}
FICTION_FR_MOBILE = "06 39 98"
# Belgium has no such block: "+32 2 0…" is outside the fixed-line plan (Brussels
# numbers go on with 2–8 after the zone's 2), so it cannot reach a subscriber.
FICTION_BE = "+32 2 0"
_ZONES = {"1": "75 77 78 91 92 93 94 95", "3": "02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 "
          "68 70 71 80 88 89 90", "4": "01 03 04 05 06 07 13 15 26 2A 2B 30 34 38 42 43 48 63 69 "
          "73 74 83 84", "5": "09 11 12 16 17 19 23 24 31 32 33 40 46 47 64 65 66 79 81 82 86 87 "
          "971 972 973 975 977 978"}
ZONE = {dep: zone for zone, deps in _ZONES.items() for dep in deps.split()}  # else "2"
LANGUAGES = {"en": "anglais", "ar": "arabe", "es": "espagnol", "pt": "portugais", "tr": "turc",
             "ro": "roumain", "uk": "ukrainien", "it": "italien", "de": "allemand", "nl": "néerlandais"}
EXTRA_LANGS = ["en"] * 6 + ["ar"] * 3 + ["es", "pt", "tr", "ro", "uk", "it", "de"]
ACCESS_FR = [(True, "Accès de plain-pied et toilettes adaptées."), (True, "Ascenseur ; boucle "
             "magnétique à l'accueil."), (False, "Bureaux à l'étage sans ascenseur : rendez-vous "
             "possible au rez-de-chaussée sur demande."), (None, "")]
ACCESS_NL = [(True, "Rolstoeltoegankelijk."), (False, "Kantoor op de eerste verdieping, zonder "
             "lift."), (None, "")]


def fiction_phone(rng: Random, commune, mobile: bool = False) -> str:
    if commune.country == "BE":
        return f"{FICTION_BE}{rng.randrange(100):02d} {rng.randrange(100):02d} {rng.randrange(100):02d}"
    prefix = FICTION_FR_MOBILE if mobile else FICTION_FR[ZONE.get(commune.department, "2")]
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"
