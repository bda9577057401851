"""Demo topics: a few realistic (fictional) questions per category, answered
by peers and by the demo professionals (accounts made by the guide's demo)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.core.demo import seeding_demo_content
from portal.core.time import utcnow
from portal.extensions import db

# (category, young pseudonym, title, question, [(answerer, answer)], highlighted answer index)
# Answerers: a pseudonym of a young person, or a demo professional's login.
TOPICS = [
    ("decrochage", "nino59", "J'ai arrêté le lycée en novembre, je fais quoi maintenant ?",
     "Salut, j'ai 17 ans et j'ai arrêté ma 1re en novembre. Mes parents sont pas contents et moi je sais pas trop quoi faire. Est-ce qu'on peut reprendre en cours d'année ?",
     [("pro-info-jeunes", "Bonjour, c'est une situation fréquente, et il y a des solutions. À 16-18 ans tu as droit à l'**obligation de formation** : la mission locale ou le CIO peuvent te recevoir pour faire le point et t'aider à reprendre (retour en lycée, formation, apprentissage…). Tu peux passer au Point Information Jeunesse sans rendez-vous."),
      ("lili.r", "Moi j'ai repris en janvier dans un autre lycée, ça s'est bien passé. Courage !")], 0),
    ("decrochage", "sam_tcr", "Je veux quitter ma fac de droit",
     "Je suis en L1 droit et je déteste. Est-ce que je perds tout si j'arrête maintenant ? J'ai peur de perdre ma bourse.",
     [("pro-insertion", "Bonjour, avant d'arrêter, parle avec le service d'orientation de ta fac : une **réorientation** en cours d'année est possible dans certaines formations. Pour la bourse, les droits dépendent des années déjà utilisées ; le Crous peut te répondre précisément.")], 0),
    ("decrochage", "lea_tourcoing", "Je rate beaucoup de cours à cause de l'anxiété",
     "Depuis la rentrée j'ai du mal à aller au lycée, j'ai des crises d'angoisse le matin. J'ai déjà beaucoup d'absences. Est-ce que je vais être virée ?",
     [("pro-ecoute", "Bonjour, merci d'en parler. Tu n'es pas la seule, et ce n'est pas de ta faute. Tu peux en parler à l'infirmière ou au CPE de ton lycée : ils peuvent aménager ta scolarité. La **Maison des ados** reçoit gratuitement, sans rendez-vous le mercredi, pour t'aider avec l'angoisse."),
      ("kenza.b", "J'ai eu pareil en seconde, l'infirmière m'a beaucoup aidée.")], 0),
    ("orientation", "kenza.b", "Comment savoir quel métier me plaît ?",
     "Je suis en 3e et je dois choisir entre générale et pro. Je n'ai aucune idée de ce que je veux faire plus tard. Vous avez fait comment ?",
     [("axel-93", "Fais des stages d'observation dans plusieurs domaines, c'est ce qui m'a aidé."),
      ("pro-info-jeunes", "Bonjour ! Ne pas savoir à ton âge est tout à fait normal. Un conseiller du CIO peut faire avec toi un point sur ce que tu aimes. Tu peux aussi regarder les fiches métiers de l'Onisep et venir aux journées portes ouvertes des lycées.")], 1),
    ("orientation", "mathis_r", "BTS ou licence pro après le bac ?",
     "J'hésite entre un BTS en alternance et une licence. Qu'est-ce qui est le mieux pour trouver du travail ?",
     [("pro-insertion", "Les deux mènent à l'emploi ; l'alternance a l'avantage de l'expérience et d'un salaire. Viens en parler à la mission locale : on regarde ensemble ton projet et les entreprises qui recrutent près de chez toi.")], 0),
    ("orientation", "hugo.wattrelos", "Faire une année de césure après le bac, c'est une bonne idée ?",
     "J'ai eu mon bac et Parcoursup ne m'a rien donné qui me plaît. Je pense faire une année pour travailler et réfléchir. C'est mal vu ?",
     [("pro-info-jeunes", "Ce n'est pas mal vu si tu en fais quelque chose : un job, un service civique, un stage… Tu peux aussi participer à la phase complémentaire de Parcoursup cet été. Passe au PIJ, on regarde ensemble les possibilités."),
      ("ines.v", "J'ai fait un service civique pendant ma césure, ça m'a aidée à choisir.")], 0),
    ("emploi", "yanis.l", "Premier job d'été : à partir de quel âge ?",
     "J'ai 15 ans, je voudrais travailler cet été. C'est possible ? Je dois avoir une autorisation ?",
     [("pro-info-jeunes", "Oui, dès 14 ans pendant les vacances scolaires, avec l'**autorisation écrite** d'un parent et des règles particulières (durée, travaux autorisés). Le PIJ a une liste des employeurs qui recrutent des jeunes l'été."),
      ("lili.r", "Moi j'ai trouvé dans un centre de loisirs, renseigne-toi aussi pour le BAFA.")], 0),
    ("emploi", "eva_dk", "On m'a refusé un stage à cause de mon voile",
     "L'entreprise m'a dit clairement que c'était à cause de ça. Je peux faire quelque chose ?",
     [("pro-insertion", "Bonjour, un refus pour ce motif peut être une **discrimination**. Tu peux saisir le Défenseur des droits (gratuit) et garder toutes les traces écrites. Ta mission locale peut t'accompagner et t'aider à trouver un autre stage.")], 0),
    ("emploi", "rayan_roubaix", "Comment faire un CV quand on n'a jamais travaillé ?",
     "J'ai 18 ans, pas de diplôme et aucune expérience. Je ne sais pas quoi mettre sur mon CV.",
     [("pro-insertion", "Bonjour, mets en avant ce que tu sais faire : sport, bénévolat, garde d'enfants, aide à la famille, tout compte. Les conseillers de la **mission locale** font des ateliers CV chaque semaine, sans rendez-vous le mardi après-midi."),
      ("yanis.l", "Mets aussi ton permis ou ton BSR si tu l'as.")], 0),
    ("autonomie", "jordan_59", "Comment trouver un logement quand on est apprenti ?",
     "Je commence mon apprentissage à Lille en septembre et j'habite à 1h. Je gagne pas beaucoup. Des idées ?",
     [("pro-info-jeunes", "Regarde les **foyers de jeunes travailleurs** (FJT) et les résidences pour apprentis ; l'aide Mobili-Jeune d'Action Logement peut payer une partie du loyer. Tu peux aussi demander l'APL à la CAF."),
      ("axel-93", "Le FJT c'est bien, j'y suis resté un an.")], 0),
    ("autonomie", "clem.s", "Je n'ose pas parler de ma santé à mes parents",
     "J'ai des questions sur la contraception et je ne veux pas en parler à mes parents. Où je peux aller ?",
     [("pro-ecoute", "Bonjour, tu peux aller dans un **centre de santé sexuelle** (ancien planning familial) : c'est gratuit, confidentiel, et sans l'accord de tes parents, même si tu es mineur·e. La Maison des ados peut aussi t'écouter.")], 0),
    ("autonomie", "tom.villeneuve", "Payer le permis de conduire quand on n'a pas d'argent",
     "Le permis coûte super cher et j'en ai besoin pour trouver du travail. Il existe des aides ?",
     [("pro-insertion", "Oui, plusieurs : le **permis à 1 € par jour** (prêt à taux zéro), l'aide de France Travail si tu es inscrit, et parfois des aides de la région ou de la commune. La mission locale peut monter le dossier avec toi."),
      ("jordan_59", "J'ai eu l'aide de la région, demande bien à ta mairie aussi.")], 0),
    ("engagement", "ines.v", "Le service civique, c'est payé ?",
     "J'ai 19 ans et je cherche quelque chose d'utile à faire pendant un an. Le service civique c'est payé ou c'est du bénévolat ?",
     [("pro-info-jeunes", "C'est une indemnité d'environ 600 € par mois, pour 6 à 12 mois, ouvert de 16 à 25 ans (30 ans en situation de handicap). Les missions sont sur le site du service civique, et le PIJ peut t'aider à candidater.")], 0),
    ("engagement", "noe_lambersart", "Partir faire du volontariat à l'étranger",
     "Est-ce qu'il existe des programmes pour partir quelques mois à l'étranger sans payer ?",
     [("lili.r", "Le Corps européen de solidarité ! Logement et transport payés."),
      ("pro-info-jeunes", "Oui : le **Corps européen de solidarité** finance le voyage, le logement et donne de l'argent de poche. Viens au PIJ, on t'aide à trouver une structure d'envoi.")], 1),
    ("engagement", "maelys_lomme", "Créer une association au lycée",
     "Avec des amis on voudrait monter une asso pour organiser des concerts au lycée. On est mineurs, on a le droit ?",
     [("pro-info-jeunes", "Oui : dès 16 ans vous pouvez créer et gérer une association (une **junior association** est possible avant, avec un accompagnement). Le PIJ vous aide pour les statuts et les premières démarches."),
      ("noe_lambersart", "On a fait une junior asso en 3e, c'était simple.")], 0),
]


def _young(pseudonym: str):
    from portal.accounts import create_staff_user, find_by_login
    from portal.core.demo import DEMO_ADMIN

    user = find_by_login(pseudonym)
    if user is None:
        user = create_staff_user(pseudonym=pseudonym, password=DEMO_ADMIN["password"],
                                 role="young")
    return user


def seed_forum() -> int:
    from portal.accounts import find_by_login
    from portal.forum.models import ForumCategory, ForumPost, ForumTopic, PostStatus
    from portal.forum.operations import topic_slug
    from portal.forum.rendering import render_markdown

    categories = {c.slug: c for c in db.session.scalars(select(ForumCategory))}
    # Spread over the last four weeks, the newest answer a day ago: never in the future.
    span = timedelta(days=28)
    start = utcnow() - span
    made = 0
    for n, (slug, asker, title, question, answers, highlight) in enumerate(TOPICS):
        category = categories.get(slug)
        if category is None or db.session.scalar(select(ForumTopic.id).where(ForumTopic.title == title)):
            continue
        when = start + span * n / len(TOPICS)
        author = _young(asker)
        topic = ForumTopic(category=category, author_id=author.id, author_name=author.display_name,
                           title=title, slug=topic_slug(title), status=PostStatus.VISIBLE,
                           post_count=0, last_post_at=when, locked=False, created_at=when)
        db.session.add(topic)
        posts = [(author, question)]
        for login, text in answers:
            user = find_by_login(login) or (None if login.startswith("pro-") else _young(login))
            if user is not None:
                posts.append((user, text))
        made_posts = []
        for i, (user, text) in enumerate(posts):
            at = when + timedelta(hours=3 * i)
            post = ForumPost(topic=topic, author_id=user.id, author_name=user.display_name,
                             author_is_professional=user.is_verified_professional,
                             author_structure=user.structure_name, body=text,
                             body_html=render_markdown(text), status=PostStatus.VISIBLE,
                             distress=False, flag_count=0, created_at=at)
            db.session.add(post)
            made_posts.append(post)
            topic.last_post_at = at
        topic.post_count = len(made_posts)
        category.topic_count = (category.topic_count or 0) + 1
        category.last_post_at = max(category.last_post_at or topic.last_post_at, topic.last_post_at)
        db.session.flush()
        answer_posts = made_posts[1:]
        if highlight is not None and highlight < len(answer_posts) \
                and answer_posts[highlight].author_is_professional:
            topic.highlighted_post_id = answer_posts[highlight].id
        made += 1
    db.session.flush()
    return made


@seeding_demo_content.connect
def _seed(sender, **_):
    return seed_forum()
