"""Patterns for violence: at home (and a child in danger, grooming), sexual
violence, violence in a couple (and forced marriage), harassment.

Who does it decides the kind: a member of the household → ``violence_home``,
a partner → ``couple_violence``, classmates or strangers online →
``harassment``. A blow against the writer with nobody named ("il me
frappe") is given both home and couple kinds: the numbers of both are
shown, which costs little.
"""

from __future__ import annotations

from portal.safety.concepts import ADULT, BLOW, CONFINE, FAMILY, PARTNER, THREAT, alt, either, near

# The blow lands on the writer (or a person written about): "me frappe",
# "m a frappe", "hits me", "slaat me", "se fait taper".
_ON_ME = "(?:" + "|".join([
    near(alt("me", "m", "ma", "nous", "la", "le", "l", "se fait", "se font", "me fait", "s est fait",
             "me suis fait", "ai pris"), BLOW, 3),
    near(BLOW, alt("me", "us", "her", "him", "mij", "me", "ons", "haar", "hem", "moi", "mijn"), 3),
]) + ")"
# "l" and "la"/"le" are pronouns only right before the verb: "il la frappe".

VIOLENCE_AT_HOME = [
    either(FAMILY, _ON_ME, 8),
    either(FAMILY, alt(r"menac\w*", r"tuerai\w*", r"tue ma mere", r"tue toute", r"dreig\w*", r"enferm\w*",
                       r"opgesloten", r"sluit\w* me op", r"prive\w* de (?:repas|manger|tout)",
                       r"rien a manger", r"sans manger", r"traite de", r"insulte\w*", r"worthless",
                       r"mislukking", r"merde", r"honte de la famille", r"send me away", r"sturen ze me",
                       r"renvoyer", r"couteau", r"fusil", r"knife", r"gun", r"bleus", r"bruises",
                       r"blauwe plekken", r"brulures?", r"cigarette", r"frappe ma mere", r"slaat mijn ma",
                       r"crie\w*", r"hurle\w*", r"boit", r"drinkt", r"se drogue", r"bourree?",
                       r"oublie de nous", r"vergeet ons", r"laisse seule?", r"left alone", r"parti\w* depuis",
                       r"weg", r"has not been back", r"hasnt been back", r"mauvaises notes", r"desobei\w*"), 10),
    CONFINE,
    # Sexual abuse by someone of the household (corpus rule 6).
    either(FAMILY, alt(r"viol(?:e|ee|er|ait|es|s)?", r"touch\w*", r"attouchements?", r"trucs sexuels", r"zit aan mij", r"aan mij",
                       r"dans (?:mon|ma) (?:lit|chambre)", r"in mijn bed", r"into my (?:bed|room)"), 8),
    alt(r"venu dans mon lit", r"vient dans mon lit", r"came into my bed", r"kwam in mijn bed"),
    alt(r"maltrait\w*", r"mishandel\w*", r"kindermishandeling", r"child abuse", r"violences? (?:a la maison|chez moi|familiales?)",
        r"geweld thuis", r"huiselijk geweld", r"peur de rentrer", r"afraid to go home", r"bang om naar huis",
        r"(?:jamais|rien|pas|plus|no|geen|niks) (?:\w+ ){0,2}(?:a manger|d eau|de lait|eten|food|water)",
        r"rien dans le frigo", r"no food", r"geen eten", r"plus de lait", r"plus d eau",
        r"garde mes petits freres", r"look after my little", r"voor mijn broertje zorgen",
        r"(?:dormir|sleep|slapen) (?:dans|in) (?:le |la |the |de )?(?:garage|cave|kelder|shed)",
        r"me laisse\w* (?:\w+ ){0,3}dehors", r"sur le balcon", r"cassé le bras", r"casse le bras",
        r"arm gebroken", r"broke my arm", r"si je (?:parle|parlais|dis|balance)\w*",
        r"if i tell", r"als ik (?:iets )?(?:\w+ ){0,3}zeg", r"(?:se fait|getting|krijgt) (?:taper|frapper|battre|beaten|hit|slagen)",
        r"ik hoor slagen", r"j entends qu elle", r"ca hurle", r"les flics sont"),
    # Grooming: secrecy, gifts, meeting, an adult.
    alt(r"notre secret", r"our secret", r"(?:sans|rien) (?:rien )?dire a (?:mes|personne)", r"not tell my parents",
        r"aan niemand", r"pas que (?:j )?en parle", r"veut pas que (?:j )?en parle", r"rien dire a mes parents",
        r"sa prefere\w*", r"(?:say|says|saying) i am special", r"dat ik speciaal ben", r"ecrit tard le soir",
        r"texting me late", r"cadeaux (?:fortnite|roblox|v bucks)", r"me donne (?:de l argent|des bonbons) pour que",
        r"argent pour que je vienne", r"pour que je (?:vienne|reste) (?:chez lui|avec lui)", r"vienne chez lui",
        r"meet him", r"says he is \d+", r"me regarde bizarre", r"dit des trucs bizarres?",
        r"rencontre sur (?:un jeu|insta|internet|snap|tiktok)", r"sans que (?:mes parents|ma mere|mon pere|personne) (?:ne )?(?:le )?sach\w*",
        r"without my (?:parents|mum|mom|dad) knowing", r"zonder dat mijn (?:ouders|ma|pa) het (?:weten|weet)", r"met on (?:roblox|insta|a game|discord|snap|tiktok)"),
    either(ADULT, alt(r"secret", r"cadeaux?", r"gifts?", r"chez lui", r"meet", r"rencontrer",
                      r"afspreken", r"speciaal", r"special", r"mooi", r"seul(?:e)?", r"alone"), 8),
]

SEXUAL_VIOLENCE = [
    alt(r"viol(?:e|ee|er|ait|ees|s)?", r"violee?s?", r"viole", r"violer", r"rape\w*", r"raping",
        r"verkracht\w*", r"aangerand", r"aanrand\w*", r"agress\w* sexuel\w*", r"sexual\w* assault\w*",
        r"attouchements?", r"abus sexuels?", r"abus\w* sexuel\w*", r"(?:ete|etre|been|got|was) abuse\w*", r"venu dans mon lit", r"vient dans mon lit", r"came into my bed", r"seksueel misbruik\w*", r"misbruikt",
        r"incest\w*", r"fellation", r"sucer", r"penetre\w*", r"groped?", r"betast", r"molest\w*",
        r"stealthing", r"ghb", r"drogu\w*", r"drugged", r"date rape", r"spiked", r"trucs? sexuels?",
        r"choses sexuelles", r"sexual things", r"viol collectif", r"tournante"),
    near(alt("me", "m", "nous", "la", "l"), alt(r"touch\w*", r"frott\w*", r"tripot\w*", r"caress\w*",
                                             r"force\w*", r"oblige\w*", r"fait des (?:choses|trucs)"), 2),
    alt(r"touches? me", r"touched me", r"touching me", r"zit aan mij", r"aan mij zitten",
        r"aan (?:me|mij) gezeten", r"handen (?:niet|nie) thuis", r"hands where", r"grabbed me",
        r"vastgepakt", r"main dans (?:le|mon|ma) (?:pantalon|culotte|slip|jupe)", r"sous (?:ma|mon) (?:jupe|robe|tee shirt)",
        r"up my skirt", r"onder mijn rok", r"toucher son sexe", r"toucher (?:mes|les) (?:fesses|seins|cuisses)",
        r"touche (?:mes|les) (?:fesses|seins|cuisses)", r"ses doigts", r"la ou il (?:fallait|faut) pas",
        r"where he (?:should not|shouldnt)", r"forc\w* (?:a|me|to|de)\b(?: \w+){0,4} (?:coucher|sex|trucs|choses|fellation|photos|seks)",
        r"force a coucher", r"force a faire", r"me forc\w*", r"m a forc\w*", r"forced me", r"dwingt me",
        r"dwong", r"gedwongen", r"chantage pour que je couche", r"couche avec lui\b(?: \w+){0,3} (?:force|oblige)",
        r"etait sur moi", r"was on top of me", r"pendant que (?:je )?dormais", r"while i (?:was )?(?:asleep|sleeping)",
        r"enleve la capote", r"took the condom off", r"condoom (?:afgedaan|uitgedaan)",
        r"(?:un truc|quelque chose|something|iets) dans (?:mon|my|mijn) (?:verre|drink|drankje)",
        r"in (?:mijn|my) (?:drankje|drink)", r"sans ma culotte", r"trou noir", r"me souviens de rien",
        r"remember anything", r"weet niks meer", r"weet niets meer", r"mal en bas", r"pijn daar beneden",
        r"pouvais (?:rien|pas) (?:faire|bouger)", r"could not move", r"ils etaient (?:\d|trois|plusieurs)",
        r"fait des (?:choses|trucs)", r"abuse de moi", r"profite de moi", r"took advantage"),
    # "I said no and he went on."
    near(alt(r"dit non", r"dis non", r"said no", r"told him to stop", r"zei nee", r"nee zei", r"nee zeg"),
         alt(r"continu\w*", r"arrete pas", r"pas arrete", r"quand meme", r"anyway", r"did not stop",
             r"didnt stop", r"kept going", r"stopte (?:niet|nie)", r"ging door", r"toch"), 8),
    either(alt(r"voulais pas", r"voulait pas", r"didnt want", r"did not want", r"wou (?:niet|nie)", r"wilde (?:niet|nie)"),
           alt(r"mal", r"saign\w*", r"force\w*", r"hurt", r"bleed\w*", r"pijn", r"bloed\w*"), 8),
]

# A man (or woman) not named: "il me frappe", "he locks me in". Home
# violence says who (a parent), so an unnamed "il" reads as a partner.
_HE = alt("il", "he", "hij", "elle", "she", "zij", "ze")
FORCED_MARRIAGE = alt(
    r"marie\w* de force", r"mariage force", r"forced marriage", r"m oblige\w* a epouser", r"epouser",
    r"me marier (?:avec|de force|au pays|cet ete)", r"va me marier", r"veulent me marier", r"me fiance\w*",
    r"laten trouwen", r"uitgehuwelijkt", r"uithuwelijk\w*", r"marie\w* au bled", r"force\w* to marry",
    r"make me marry", r"moet trouwen met")

COUPLE_VIOLENCE = [
    either(PARTNER, _ON_ME, 8),
    near(_HE, _ON_ME, 10),
    either(_HE, alt(CONFINE, r"exploser", r"urgences", r"sur mes gardes", r"si je le quitte", r"if i leave",
                    r"als ik (?:hem )?verlaat"), 6),
    alt(r"si je le quitte", r"if i leave him", r"als ik hem verlaat", r"volgt me overal", r"follows me everywhere",
        r"me suit partout", r"me traque", r"stalk\w*"),
    FORCED_MARRIAGE,
    either(PARTNER, alt(THREAT, r"regarde mon tel", r"check\w* my phone", r"mes codes", r"localisation",
                        r"location", r"track\w*", r"volgt me", r"control\w* (?:mon|mes|my|all my)",
                        r"prend mon (?:salaire|argent)", r"pakt (?:al )?mijn", r"isole\w*", r"verbiedt",
                        r"not let me see", r"doesnt let me", r"traite de pute", r"appelle \d+ fois",
                        r"rabaisse\w*", r"me dit que je suis rien", r"je suis a lui", r"peur de (?:mon|ma)",
                        r"exploser", r"urgences", r"sur mes gardes", r"enferm\w*", r"locks me",
                        r"chantage", r"force\w*", r"banden lek", r"se suicide si je le quitte",
                        r"si je le quitte", r"if i leave", r"als ik (?:hem )?verlaat"), 8),
    alt(r"violences? conjugales?", r"domestic abuse", r"partnergeweld", r"relatiegeweld",
        r"is it abuse", r"is dat normaal dat mijn lief", r"t es morte", r"you are dead",
        r"confisque\w* mon passeport", r"passeport", r"paspoort", r"kill me if", r"kill me when",
        r"il (?:me )?tuera", r"vermoorden als", r"te vermoorden"),
]

HARASSMENT = [
    "~" + alt(r"harcel\w*", r"cyberharcel\w*", r"harass\w*", r"bull(?:y|ied|ying)", r"cyberbull\w*", r"pesten"),
    alt(r"gepest", r"sextor\w*", r"chantage", r"chanteer\w*", r"chantag\w*", r"blackmail\w*", r"racket\w*",
        r"afpersen", r"menaces? de mort", r"death threats?", r"doodsbedreiging\w*", r"montage porno",
        r"fake account", r"faux compte", r"compte fake", r"compte anonyme", r"fake insta", r"fake profiel",
        r"se (?:font|fait) passer pour moi", r"pretend\w* to be me", r"using my (?:pics|photos|name)",
        r"met mijn foto",
        r"kill yourself", r"dit de crever", r"dise de crever", r"de me suicider", r"van kant moet maken",
        r"bruits de singe", r"me tomber dessus", r"personne veut etre avec moi", r"uitgescholden",
        r"scheld\w*", r"si je (?:paye|paie|paie) pas", r"unless i pay", r"als ik (?:niet|nie) betaal", r"(?:fait|font|faire|fais) tourner", r"sinon ils (?:me )?(?:tapent|frappent|cognent|tabassent)", r"(?:telling|tell|told) me to (?:kill|die)", r"photos? de son sexe", r"dick pics?", r"photos? de (?:mes|moi)\b(?: \w+){0,4} (?:notant|partout|tourne\w*)"),
    # Intimate images shared or threatened.
    either(alt(r"nudes?", r"photos? (?:nues?|intimes?|privees?|seins nus|de moi)", r"ma photo", r"mes photos",
               r"photo nue", r"naaktfoto\w*", r"private pics", r"privefoto\w*", r"pics of me", r"video de moi",
               r"mes messages prives", r"film\w*", r"gefilmd", r"pris en photo", r"enregistr\w*", r"opnam",
               r"mon numero", r"mijn foto", r"mes (?:\w+ )?photos", r"my (?:\w+ )?(?:pics|photos)"),
           alt(r"partag\w*", r"diffus\w*", r"balanc\w*", r"leak\w*", r"lek\w*", r"verspreid\w*", r"circul\w*", r"envoy\w*", r"tourn\w*", r"montr\w*", r"post\w*", r"publi\w*",
               r"shared", r"sent", r"send", r"rondgestuurd", r"menac\w*", r"dreig\w*", r"threat\w*", r"paie",
               r"payer", r"pay", r"betalen", r"argent", r"money", r"geld", r"snap", r"tiktok", r"insta",
               r"story", r"groupe", r"group", r"partout", r"school", r"lycee", r"college", r"classe",
               r"site de rencontre", r"mis en story", r"staat op"), 8),
    # Excluded from the class groups.
    alt(r"(?:exclu\w*|vire\w*|kicked me out|gegooid|retire\w*) (?:\w+ ){0,3}(?:groupe|groupes|group|groups|klasgroep\w*|group chats?)",
        r"group chat about me", r"groupe snap anti", r"groupe \w+ anti", r"doen alsof ik (?:niet|nie) besta",
        r"pretend i (?:do not|dont) exist", r"in elkaar geslagen", r"getting beaten up",
        r"(?:se moque\w*|rigol\w*|moqu\w*|laugh\w*|lachen|lacht) (?:\w+ ){0,2}(?:de moi|at me|me uit|quand je)",
        r"memes? (?:sur|van|about|of) (?:moi|mij|me)", r"memes van mij"),
    # Insults again and again, at school or online.
    near(alt("ils", "elles", "they", "ze", "on", "les autres"), _ON_ME, 3),
    near(alt("ils", "they", "ze", "on", "people"), alt(r"(?:m ont |me )?dit\w*", r"disent", r"telling", r"tell", r"say",
                                                      r"zeggen", r"comment(?:s|ed|ing|ent|aient)?"), 2)
    + r"(?: \w+){0,8} " + alt(r"sans moi", r"without me", r"crever", r"mourir", r"die", r"kill", r"suicider",
                                r"van kant", r"dood"),
    either(alt(r"m appellent", r"me traitent", r"call me", r"noemen me", r"calling me"),
           alt(r"tous les jours", r"chaque jour", r"every day", r"elke dag", r"depuis", r"story", r"classe"), 14),
    either(alt(r"insult\w*", r"traite\w* de", r"m appellent", r"appelle \w* ?(?:la|le)", r"call\w* me",
               r"noemen me", r"uitgescholden", r"crach\w*", r"menac\w*", r"rumou?rs?",
               r"commentaires", r"comments", r"commentaar\w*", r"suit dans", r"tapent", r"me tapent", r"on me tape", r"frappent", r"dreig\w*"),
           alt(r"tous les jours", r"chaque jour", r"every (?:day|single)", r"elke dag", r"depuis", r"sur (?:snap|insta|discord|tiktok|les groupes|le serveur)",
               r"en ligne", r"online", r"dm", r"discord", r"snap", r"insta", r"tiktok", r"classe", r"college",
               r"lycee", r"ecole", r"school", r"class", r"bus", r"cantine", r"op school", r"toute la ville"), 8),
]

# Wider nets (see patterns_harm): other words for the same dangers.
VIOLENCE_AT_HOME += [
    either(FAMILY, alt(r"cri\w* dessus", r"rabaiss\w*", r"me prive\w*", r"priv\w* de",
                       r"peur (?:de lui|d elle|de rentrer)", r"scared",
                       r"terrified", r"slag\w*", r"klap\w*",
                       r"gewelddadig"), 8),
    alt(r"enfant (?:battu|maltraite)\w*", r"negligence", r"neglect\w*", r"verwaarloos\w*",
        r"personne (?:ne )?s occupe de (?:moi|nous)", r"no one (?:takes care|looks after)", r"niemand zorgt",
        r"on mange pas", r"pas de chauffage", r"no heating", r"geen verwarming", r"dors par terre",
        r"laisse\w* seule?s? (?:\w+ ){0,3}(?:jours|nuit|semaine)", r"left (?:alone|home alone) for",
        r"alleen gelaten", r"c est notre (?:petit )?secret", r"dit de (?:rien|ne rien) dire", r"told me not to tell",
        r"zei dat ik (?:niets|niks) mocht", r"(?:demande|veut|asks?|wants|vraagt)\w* (?:\w+ ){0,4}(?:photos|pics|foto\w*|nudes)",
        r"me voir seule?", r"see me alone", r"alleen zien", r"plus vieux qui", r"older guy", r"oudere man"),
]
SEXUAL_VIOLENCE += [
    alt(r"forced himself", r"forc\w* (?:me|her|himself|herself)", r"entre (?:les|mes) jambes", r"between my legs",
        r"tussen mijn benen", r"dans (?:ma|mon) (?:culotte|slip|soutif|soutien gorge)"),
    alt(r"(?:pas|sans mon|without my|zonder mijn|zonder) (?:consenti\w*|consentement|consent|toestemming)",
        r"did not consent", r"never consented", r"mains? baladeuses?", r"main aux fesses",
        r"montre son sexe", r"showed me his", r"frotteur", r"embrass\w* de force", r"bisous? forces?",
        r"forced (?:me|kiss)", r"made me (?:do|touch|suck|have)", r"il en a profite", r"profit\w* que j",
        r"took advantage",
        r"molest\w*", r"misbruik\w*", r"betast\w*", r"gedwongen", r"touch\w* me",
        r"m a touche\w*", r"me touche\w*"),
]
COUPLE_VIOLENCE += [
    either(PARTNER, alt(r"jaloux", r"jalouse", r"jealous", r"jaloers", r"surveill\w*", r"lit mes messages",
                        r"reads my", r"leest mijn", r"won t let", r"will not let",
                        r"laat me (?:niet|nie)", r"humili\w*",
                        r"scheld\w*", r"manipul\w*", r"emprise", r"bang",
                        r"afraid", r"hits?", r"slaat", r"frapp\w*", r"gifl\w*", r"cogn\w*",
                        r"violent\w*", r"gewelddadig", r"agressi\w*"), 8),
    alt(r"peur de lui", r"scared of him", r"afraid of him", r"bang van hem", r"bang voor hem", r"pervers narcissique",
        r"sous (?:son )?emprise", r"toxic relationship", r"relation toxique", r"toxische relatie"),
]
HARASSMENT += [
    alt(r"mes nudes", r"my nudes", r"mijn nudes", r"naaktfoto\w*", r"nudes? de moi", r"nudes? of me",
        r"photos? (?:intimes|nues?) de moi"),
    either(alt(r"pirat\w*", r"hack\w*", r"gehackt", r"vole mon compte", r"stole my account", r"account gestolen"),
           alt(r"menac\w*", r"dreig\w*", r"threat\w*", r"post\w*", r"publi\w*", r"en mon nom", r"in my name",
               r"in mijn naam", r"photos?", r"pics", r"foto\w*", r"argent", r"money", r"geld", r"insult\w*"), 10),
    alt(r"rumeurs? sur moi", r"roddels over mij", r"rumou?rs about me", r"exclu\w* (?:du|des|de|d) (?:groupe|groupes|conversation|classe)",
        r"mis a l ecart", r"rejete\w* par", r"uitgesloten",
        r"left out", r"personne (?:ne )?me parle", r"no one talks to me", r"niemand praat met mij",
        r"tout le monde me deteste", r"everyone hates me", r"iedereen haat mij", r"se foutent de moi",
        r"se moquent de moi", r"made fun of me", r"make fun of", r"uitgelachen", r"lachen me uit",
        r"leaked", r"exposed me", r"gelekt", r"balance\w* (?:mes|ma|des) (?:photos|videos|nudes)",
        r"faux profil", r"fake profile", r"nep ?account", r"(?:me|m) (?:menac\w*|insult\w*|humili\w*)",
        r"threaten\w* me", r"bedreig\w* me", r"bully\w*", r"gepest", r"pesten me", r"frapp\w* a l ecole"),
]
