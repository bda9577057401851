"""Building blocks of the distress patterns: word classes (who, doing what,
to whom) shared by every kind, and the helpers that write a pattern from
them. Patterns run on ``normalise()``'s output: folded words separated by
single spaces, one space at each end, so ``\\b`` is a word boundary and a
space is a word gap.

The classes are concepts, not phrases: "a member of the household" +
"a blow" within a few words is violence at home whatever the exact
sentence ("mon daron ma encore frappé", "my dad threw me against the wall",
"mijn pa slaat me").
"""

from __future__ import annotations


def alt(*options: str) -> str:
    """One of the options, as whole words (options are regex fragments)."""
    return r"\b(?:" + "|".join(options) + r")\b"


def near(a: str, b: str, gap: int = 5) -> str:
    """``a`` then ``b`` with at most ``gap`` words in between."""
    return a + r"(?: \w+){0," + str(gap) + "} " + b.removeprefix(r"\b")


def either(a: str, b: str, gap: int = 5) -> str:
    """``a`` and ``b`` within ``gap`` words, in either order."""
    return "(?:" + near(a, b, gap) + "|" + near(b, a, gap) + ")"


# The writer (or the person they write about) as the one it happens to.
ME = alt("je", "j", "me", "m", "moi", "i", "me", "my", "myself", "ik", "mij", "mijn", "mezelf",
         "ma", "mon", "mes")
OBJ_ME = alt("me", "m", "moi", "nous", "la", "le", "lui", "me", "us", "her", "him", "mij", "ons",
             "haar", "hem")

FAMILY = alt(
    r"(?:beau |belle |grand |arriere )?(?:pere|mere|frere|soeur|parents?)", "papa", "maman",
    "daron(?:ne)?", "oncle", "tante", "cousine?", "demi frere", "demi soeur", "famille",
    "parrain", "marraine", "tonton", "tata", "papi", "mamie", "nounou",
    "dad", "mum", "mom", "mother", "father", "step ?(?:dad|mom|mum|father|mother)", "brother",
    "sister", "uncle", "aunt", "grand(?:pa|ma|father|mother)", "parents?", "family",
    "pa", "ma", "vader", "moeder", "stief(?:vader|moeder|pa|ma)", "ouders", "broer", "zus",
    "nonkel", "oom", "tante", "opa", "oma", "familie", "bompa", "bomma",
)
PARTNER = alt(
    "copain", "copine", "mec", "ex", "mari", "conjoint", "compagnon", "compagne", "petit ami",
    "petite amie", "fiance", "amoureux", "boyfriend", "girlfriend", "partner", "husband", "wife",
    "lief", "vriend", "vriendin", "man", "vrouw", "lief", "ex vriend", "ex lief",
)
ADULT = alt(
    r"adultes?", r"(?:un |une )?(?:homme|vieux|monsieur|inconnu)", r"mec de (?:[2-9]\d) ans",
    r"(?:homme|gars|vent|man|guy|type) (?:de|van|of) (?:[2-9]\d)", r"plus (?:vieux|age|agee?)",
    r"way older", "older", "ouder", "coach", "entraineur", "moniteur", "animateur", "prof",
    "professeur", "teacher", "trainer", "leerkracht", "monitor",
)

# Blows, threats and confinement: what someone does to the writer.
BLOW = alt(
    r"frapp\w*", r"tap(?:e|ent|ait|er)", r"gifl\w*", r"claques?", r"tartes?", r"baffes?",
    r"coups? de (?:poing|pied|tete|ceinture|couteau)", r"coups?", r"battu\w*", r"bat",
    r"battent", r"cogn\w*", r"etrangl\w*", r"serre le cou", r"pouss\w*", r"secou\w*",
    r"tire les cheveux", r"mord\w*", r"griff\w*", r"pince\w*", r"crache\w*", r"defonc\w*",
    r"tabass\w*", r"planter", r"droite", r"beignes?", r"mandales?", r"patates?", r"pains?", r"torgnoles?",
    r"raclees?", r"fessees?", r"claque\w*", r"bouscul\w*", r"casse (?:le|la|les|mon|ma|deux|2|\w+) (?:bras|cotes?|nez|jambe|dent\w*)",
    r"cass\w* (?:le|la|les|mon|ma) (?:bras|nez|jambe)", r"leve la main", r"balance\w*",
    r"jet\w* contre", r"brul\w*", r"blesse\w*", r"violent(?:e|s)? avec",
    r"hits?", r"hitting", r"beat(?:s|en|ing)?", r"slap\w*", r"punch\w*", r"kick(?:s|ed)?",
    r"strangl\w*", r"chok\w*", r"threw", r"push\w*", r"hurts?", r"smash\w*", r"shov\w*",
    r"sla(?:at|an|g)", r"sloeg", r"geslagen", r"klap(?:pen)?", r"mep", r"duwt?", r"duwde",
    r"kneep", r"keel", r"schopt?", r"gooide", r"riem", r"in elkaar geslagen", r"pijn gedaan",
)
THREAT = alt(
    r"menac\w*", r"tuer\w*", r"tuera\w*", r"tue", r"buter", r"planter", r"couteau", r"fusil",
    r"arme", r"threat\w*", r"kill", r"knife", r"gun", r"dreig\w*", r"vermoord\w*",
    r"t es mort(?:e)?", r"you are dead",
)
CONFINE = alt(
    r"enferm\w*", r"locks? me", r"locked", r"opgesloten", r"sluit(?:en)? me op",
    r"garde mes cles", r"keeps my keys", r"(?:dans|in) (?:le |la |the |de )?(?:garage|cave|kelder)",
    r"dehors sur le balcon",
)
# A message about a topic (a talk, an essay, a film, a game, a charity
# round) is not someone's distress: it only quiets the general patterns
# (marked ``~``), never a first-person one.
TOPIC = alt(
    r"expose\w*", r"series?", r"episode", r"films?", r"chansons?", r"livres?", r"romans?",
    r"fiche de lecture", r"emc", r"svt", r"ses", r"spreekbeurt", r"presentation", r"school project",
    r"project", r"essay", r"werk over", r"sensibilisation", r"prevention", r"statistiques",
    r"chiffres", r"cijfers", r"sources", r"dans le jeu", r"in the game", r"gta", r"fortnite", r"13 reasons why", r"maraudes?",
    r"benevolat", r"collecte", r"charity", r"daklozen helpen", r"help homeless", r"organisation",
    r"organisatie", r"vrijwillig\w*", r"aider (?:les|des|ces)", r"scene", r"tiktok de prevention", r"quiz",
    r"en cours d", r"laws?", r"loi", r"wet", r"journee", r"documentaire", r"docu", r"reportage",
    r"le heros", r"personnage", r"character", r"on en (?:parle|a parle)", r"pour comprendre", r"c est pour savoir",
    r"juste pour savoir", r"just asking", r"gewoon om te weten", r"for general info", r"general info",
    r"(?:veux|veut|voudrais|want to|wil|would like to) (?:\w+ ){0,2}(?:aider|help|helpen)",
)
