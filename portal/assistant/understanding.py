"""Reading a question the way a young person types it.

``understand(text)`` folds it (lower case, no accents), rewrites informal French
(SMS spelling, abbreviations: "jsuis", "kel", "g pas de", "taf", "appart"…) and
common English and Dutch phrasings into the French words of the articles, and
guesses the theme(s). Spelling mistakes are left to the article index's typo
tolerance. Tables, not a model: every rewrite can be read and corrected here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.core.text import fold_words as fold

# ---------------------------------------------------------------- phrases

#: Multi-word phrases (folded), rewritten before single words. English and
#: Dutch phrases map to the French words of the articles.
PHRASES: list[tuple[str, str]] = [
    # informal French
    ("g pas de", "je n ai pas de"), ("jai pas de", "je n ai pas de"), ("j ai pas", "je n ai pas"),
    ("arrete le lycee", "decrochage lycee sans diplome"), ("arrete l ecole", "decrochage sans diplome"),
    ("arrete les cours", "decrochage sans diplome"), ("lache les cours", "decrochage sans diplome"),
    ("quitte le lycee", "decrochage lycee sans diplome"), ("quitter le lycee", "decrochage lycee"),
    ("plus aller en cours", "decrochage absenteisme"),
    ("plus aller a l ecole", "decrochage instruction obligatoire"), ("sans diplome", "sans diplome"),
    ("service civique", "service civique"), ("mission locale", "garantie jeunes"),
    ("pole emploi", "pole emploi chomage"), ("carte vitale", "carte vitale"),
    ("bon pour un euro", "permis un euro"), ("permis a 1 euro", "permis un euro"),
    ("pilule du lendemain", "pilule lendemain contraception urgence"),
    ("pas de papiers", "titre sejour"),
    # English
    ("driving licence", "permis conduire"), ("driving license", "permis conduire"),
    ("driver s license", "permis conduire"), ("drivers license", "permis conduire"),
    ("health insurance", "assurance maladie securite sociale"),
    ("housing benefit", "aide logement apl"), ("housing allowance", "aide logement apl"),
    ("social housing", "logement social hlm"), ("student housing", "logement etudiant crous"),
    ("minimum wage", "smic salaire minimum"), ("bank account", "compte bancaire"),
    ("dropped out", "decrochage sans diplome"), ("drop out", "decrochage sans diplome"),
    ("quit school", "decrochage sans diplome"), ("left school", "decrochage sans diplome"),
    ("study abroad", "etudier etranger erasmus"), ("civic service", "service civique"),
    ("job seeker", "demandeur emploi chomage"), ("register to vote", "inscription liste electorale"),
    ("morning after pill", "pilule lendemain contraception urgence"),
    ("security deposit", "depot garantie caution"), ("pay slip", "fiche paie"),
    ("work study", "alternance apprentissage"),
    # Dutch
    ("gestopt met school", "decrochage sans diplome"), ("stoppen met school", "decrochage"),
    ("sociale woning", "logement social hlm"), ("huur betalen", "payer loyer"),
    ("minimum loon", "smic"), ("zonder diploma", "sans diploma"),
]

#: Single words (folded) → French query words ("" drops the word).
WORDS: dict[str, str] = {
    # informal French: SMS spelling and abbreviations
    "jsuis": "je suis", "chui": "je suis", "chuis": "je suis", "jsui": "je suis", "jss": "je suis",
    "sui": "suis", "g": "j ai", "jai": "j ai", "jveux": "je veux", "jpeux": "je peux",
    "jsp": "", "kel": "quel", "kelle": "quelle", "kels": "quels", "koi": "quoi", "kwa": "quoi",
    "pr": "pour", "pk": "pourquoi", "pq": "pourquoi", "ki": "qui", "ke": "que", "ds": "dans",
    "tt": "tout", "bcp": "beaucoup", "mtn": "maintenant", "dc": "donc", "c": "c est",
    "stp": "", "svp": "", "bjr": "", "slt": "", "wesh": "", "salut": "", "bonjour": "",
    "merci": "", "mrc": "", "ptn": "", "mdr": "", "lol": "",
    "taf": "travail emploi", "boulot": "travail emploi", "job": "travail emploi",
    "appart": "appartement logement", "apart": "appartement logement", "appartement": "logement",
    "logt": "logement", "loge": "logement", "secu": "securite sociale",
    "garant": "garant caution garantie visale", "stagiaire": "stagiaire gratification",
    "inscrire": "inscrire inscription", "inscris": "inscrire inscription",
    "kost": "cout payer", "cost": "cout payer", "hoeveel": "combien",
    "rsa": "rsa revenu solidarite active", "apl": "apl aide personnalisee logement",
    "chomdu": "chomage", "chomeur": "chomage demandeur emploi", "cv": "cv curriculum candidature",
    "permis": "permis conduire", "bourse": "bourse", "bourses": "bourse",
    "thune": "argent aide", "tune": "argent aide", "sous": "argent", "fric": "argent",
    "fac": "universite etudiant enseignement superieur", "etudes": "etudiant etudes",
    "bac": "baccalaureat bac", "alternance": "alternance apprentissage",
    "apprenti": "apprentissage apprenti", "proprio": "proprietaire bailleur",
    "caution": "caution depot garantie", "caf": "caf allocation", "mutuelle": "mutuelle complementaire sante",
    "ivg": "ivg interruption volontaire grossesse", "avorter": "ivg interruption volontaire grossesse",
    "avortement": "ivg interruption volontaire grossesse", "pilule": "pilule contraception",
    "capote": "preservatif contraception", "enceinte": "enceinte grossesse",
    "toubib": "medecin consultation", "medoc": "medicament", "medocs": "medicaments",
    "psy": "psy psychologue consultation", "dentiste": "dentaire dentiste",
    "clope": "tabac fumer", "clopes": "tabac fumer", "beuh": "drogue toxicomanie",
    "shit": "drogue toxicomanie", "drogue": "drogue toxicomanie", "alcool": "alcool ivresse",
    "hlm": "logement social hlm", "crous": "crous logement etudiant", "coloc": "colocation",
    "paye": "salaire paie", "smic": "smic salaire", "stage": "stage stagiaire",
    "interim": "interim travail temporaire", "cdd": "cdd contrat duree determinee",
    "cdi": "cdi contrat duree indeterminee", "voter": "vote elections liste electorale",
    "banque": "banque compte bancaire", "dettes": "dettes surendettement",
    "decroche": "decrochage", "decrocher": "decrochage", "lycee": "lycee", "bahut": "lycee college",
    "brevet": "brevet college", "parcoursup": "parcoursup", "erasmus": "erasmus etudier europe",
    "bafa": "animateur", "benevole": "benevolat volontariat", "sport": "sport",
    "musee": "musee", "vacances": "vacances", "trottinette": "trottinette",
    # English
    "housing": "logement", "flat": "appartement logement", "apartment": "appartement logement",
    "rent": "loyer", "landlord": "proprietaire bailleur", "tenant": "locataire", "lease": "bail",
    "work": "travail emploi", "employment": "emploi", "unemployed": "chomage demandeur emploi",
    "unemployment": "chomage", "salary": "salaire", "wage": "salaire", "wages": "salaire",
    "apprenticeship": "apprentissage alternance", "internship": "stage stagiaire",
    "intern": "stage stagiaire", "resume": "cv curriculum", "scholarship": "bourse",
    "grant": "bourse aide", "student": "etudiant", "students": "etudiant", "university": "universite",
    "school": "scolarite lycee", "exam": "examen", "degree": "diplome",
    "diploma": "diplome", "abortion": "ivg interruption volontaire grossesse",
    "contraception": "contraception", "pill": "pilule contraception", "pregnant": "enceinte grossesse",
    "doctor": "medecin consultation", "dentist": "dentaire", "vaccine": "vaccination",
    "vaccination": "vaccination", "debt": "dettes surendettement", "debts": "dettes surendettement",
    "bank": "banque compte bancaire", "vote": "vote elections liste electorale",
    "election": "elections", "elections": "elections", "volunteer": "volontariat benevolat",
    "volunteering": "volontariat benevolat", "racism": "racisme discrimination",
    "discrimination": "discrimination", "bullying": "harcelement", "abroad": "etranger",
    "benefit": "aide allocation", "benefits": "aide allocation", "allowance": "allocation",
    "driving": "conduire permis", "license": "permis", "licence": "permis", "car": "voiture",
    "smoking": "tabac fumer", "alcohol": "alcool", "drugs": "drogue toxicomanie",
    "payslip": "fiche paie", "contract": "contrat", "hostel": "foyer hebergement",
    "transport": "transport", "bus": "transport", "train": "transport",
    # Dutch
    "woning": "logement", "huis": "logement", "huur": "loyer", "huurder": "locataire",
    "verhuurder": "proprietaire bailleur", "werk": "travail emploi", "baan": "travail emploi",
    "werkloos": "chomage demandeur emploi", "werkloosheid": "chomage", "loon": "salaire",
    "salaris": "salaire", "rijbewijs": "permis conduire", "studiebeurs": "bourse etudiant",
    "beurs": "bourse", "studiefinanciering": "bourse etudiant", "zorgverzekering": "assurance maladie",
    "ziekteverzekering": "assurance maladie securite sociale", "dokter": "medecin consultation",
    "huisarts": "medecin traitant", "tandarts": "dentaire", "abortus": "ivg interruption volontaire grossesse",
    "anticonceptie": "contraception", "zwanger": "enceinte grossesse", "schulden": "dettes surendettement",
    "bankrekening": "compte bancaire", "stemmen": "vote elections", "verkiezingen": "elections",
    "vrijwilliger": "volontariat benevolat", "vrijwilligerswerk": "volontariat service civique",
    "leerling": "eleve", "universiteit": "universite",
    "stageplaats": "stage", "leerlingwezen": "apprentissage", "discriminatie": "discrimination",
    "racisme": "racisme discrimination", "uitkering": "allocation aide", "toeslag": "allocation aide",
    "huurtoeslag": "aide logement apl", "buitenland": "etranger",
}

#: Words that carry no subject in a question (folded). The index drops French
#: stop words itself; these are the others young people type around a question.
FILLER = frozenset("""
comment faire fais fait quoi veux voudrais voudrai peux peut pouvoir besoin aider
sais savoir jsp trouver dois doit quand combien ya y a il faut faut tjrs toujours
bien mal trop vraiment truc chose choses genre grave ok oui non bah ben euh
rue soir dehors ce cette aujourd hui demain maintenant urgent vite
how what where when can could should would get need help want do does know find
my me i am is are the a an to for of in on with have has it this that there please
hoe wat waar wanneer kan kun moet wil ik mijn een de het het is ben heb hebben voor
met van in op te niet geen help hulp krijgen vinden
""".split())

#: Words only English or Dutch speakers type: with enough of them, the
#: question's words that no table knows are left out (they would only be
#: matched, by typo tolerance, to unrelated French words).
_FOREIGN = frozenset("""
how what where when can could should would get need want does know find my the is are i
am an to for of with have has it this please hoe wat waar wanneer kan kun moet wil ik
mijn een het ben heb hebben voor met van niet geen krijgen vinden
""".split())

# ---------------------------------------------------------------- themes

#: Folded word prefixes → (theme, sub-theme).
THEME_WORDS: list[tuple[str, str, str]] = [
    (w, "autonomie", "logement") for w in (
        "logement", "loyer", "appartement", "apl", "caution", "locat", "bail", "proprietaire",
        "hlm", "crous", "colocation", "hebergement", "foyer", "expuls", "dormir", "visale")
] + [
    (w, "autonomie", "sante") for w in (
        "sante", "medecin", "maladie", "securite sociale", "mutuelle", "complementaire", "ivg",
        "contraception", "pilule", "grossesse", "enceinte", "vaccin", "tabac", "alcool", "drogue",
        "toxicomanie", "dentaire", "psy", "soins", "carte vitale", "medicament", "depistage")
] + [
    (w, "autonomie", "mobilite") for w in (
        "permis", "conduire", "conduite", "voiture", "scooter", "transport", "moto", "code")
] + [
    (w, "autonomie", "ressources") for w in (
        "rsa", "argent", "prime activite", "banque", "bancaire", "dettes", "surendettement",
        "allocation", "bourse", "aide financiere", "facture", "cheque energie", "revenu")
] + [
    (w, "emploi", "insertion") for w in (
        "travail", "emploi", "chomage", "salaire", "smic", "cdd", "cdi", "interim", "stage",
        "cv", "candidature", "embauche", "paie", "garantie jeunes", "contrat")
] + [
    (w, "emploi", "alternance") for w in ("alternance", "apprenti", "professionnalisation")
] + [
    (w, "emploi", "discriminations") for w in ("discrimin", "racisme", "homophob")
] + [
    (w, "emploi", "creation-entreprise") for w in ("entreprise", "auto entrepreneur", "acre")
] + [
    (w, "decrochage", "scolaire") for w in (
        "decrochage", "lycee", "college", "ecole", "scolaire", "scolarite", "brevet", "cap",
        "diplome", "exclu", "absenteisme", "eleve", "baccalaureat", "e2c", "2e chance")
] + [
    (w, "orientation", "parcours") for w in (
        "universite", "etudes", "etudiant", "orientation", "parcoursup", "master", "licence",
        "bts", "superieur", "reorient", "erasmus")
] + [
    (w, "engagement", "service-civique") for w in (
        "service civique", "volontariat", "benevolat", "pompier", "reserve")
] + [
    (w, "engagement", "expression") for w in ("vote", "elections", "electorale", "jdc", "recensement")
] + [
    (w, "engagement", "culture-sport") for w in ("sport", "musee", "culture", "vacances", "loisir")
] + [
    (w, "engagement", "mobilite-internationale") for w in ("etranger", "europe", "erasmus")
]


@dataclass
class Understanding:
    original: str
    folded: str
    #: The French words to search the articles with.
    words: list[str]
    #: Themes and sub-themes detected, strongest first.
    themes: list[str] = field(default_factory=list)
    subthemes: list[str] = field(default_factory=list)
    language: str = "fr"

    @property
    def query(self) -> str:
        return " ".join(self.words)


def _rewrite_phrases(folded: str) -> tuple[str, set[str]]:
    """The text with known phrases rewritten, and the words they brought."""
    padded, brought = f" {folded} ", set()
    for phrase, replacement in PHRASES:
        if f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", f" {replacement} ")
            brought.update(replacement.split())
    return padded.strip(), brought


def guess_language(tokens: list[str]) -> str:
    foreign = sum(1 for t in tokens if t in _FOREIGN)
    if foreign >= 2 or (tokens and foreign / len(tokens) >= 0.3):
        dutch = sum(1 for t in tokens if t in {"hoe", "wat", "waar", "ik", "mijn", "een", "het",
                                                "kan", "wil", "moet", "geen", "niet", "krijgen"})
        return "nl" if dutch >= 2 else "en"
    return "fr"


def understand(text: str) -> Understanding:
    folded = fold(text)
    tokens = folded.split()
    language = guess_language(tokens)
    rewritten, brought = _rewrite_phrases(folded)
    words: list[str] = []
    for token in rewritten.split():
        if token in WORDS:
            words.extend(WORDS[token].split())
        elif language != "fr" and not token.isdigit() and token not in brought:
            continue  # an English or Dutch word no table knows
        else:
            words.append(token)
    words = [w for w in dict.fromkeys(words) if w not in FILLER and len(w) > 1]
    themes, subthemes = detect_themes(" ".join(words))
    return Understanding(text, folded, words, themes, subthemes, language)


def detect_themes(folded_words: str) -> tuple[list[str], list[str]]:
    """Themes and sub-themes whose words appear, most mentioned first."""
    padded = f" {folded_words} "
    scores: dict[tuple[str, str], int] = {}
    for prefix, theme, sub in THEME_WORDS:
        if f" {prefix}" in padded:
            scores[(theme, sub)] = scores.get((theme, sub), 0) + 1
    ranked = sorted(scores, key=lambda k: -scores[k])
    themes = list(dict.fromkeys(t for t, _ in ranked))
    subthemes = list(dict.fromkeys(s for _, s in ranked))
    return themes, subthemes
