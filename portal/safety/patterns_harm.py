"""Patterns for harm to oneself: suicide, self-harm, eating disorders and
addictions in crisis (French, English, Dutch, on normalised words).

A pattern string starting with ``~`` is general (it could be a talk about
the subject): a topic cue in the message (an essay, a film…) quiets it.
Medication swallowed is both ``suicide`` and ``self_harm`` (corpus rule 2),
so the overdose patterns are shared.
"""

from __future__ import annotations

from portal.safety.concepts import alt, either, near

WANT = alt(
    "veux", "veut", "voudrais", "voulais", "vouloir", "aimerais", "envie de", "envie d", "prefere",
    "preferais", "pense a", "pense souvent a", "pense serieusement a", "reve de", "besoin de",
    "j ai envie", "souhaite", "want to", "wanted to", "wish i could", "would rather", "thinking about",
    "thought about", "think about", "need to", "wil", "willen", "wou", "denk aan", "denk er aan",
    "denk er serieus aan", "zou willen", "zin om", "liefst",
)
DIE = alt(
    "mourir", "crever", "disparaitre", "en finir", "me tuer", "me suicider", "etre mort", "etre morte",
    "plus vivre", "plus exister", "plus etre la", "plus etre ici", "plus me reveiller", "pas me reveiller",
    "m endormir pour toujours", "le rejoindre", "la rejoindre", "les rejoindre", "partir pour de bon",
    "me jeter", "sauter", "die", "be dead", "kill myself", "disappear", "not exist", "not wake up",
    "end it", "end my life", "be gone", "sleep forever", "dood", "sterven", "verdwijnen",
    "niet meer (?:leven|bestaan|zijn|wakker (?:worden|te worden))", "er niet meer zijn",
    "er een einde aan (?:te )?maken", "springen", "mezelf (?:van kant maken|doden|iets aandoen)",
)
MEDS = alt(
    r"cachets?", r"medocs?", r"medicaments?", r"comprimes?", r"gelules?", r"plaquettes?",
    r"boites? de \w+", r"boite entiere", r"toute la boite", r"doliprane", r"paracetamol",
    r"dafalgan", r"efferalgan", r"ibuprofene?", r"advil", r"lexomil", r"xanax", r"somniferes?",
    r"anxiolytiques?", r"antidepresseurs?", r"tramadol", r"lamaline", r"javel",
    r"pills?", r"sleeping pills?", r"painkillers?", r"tablets?", r"meds", r"bleach", r"pillen",
    r"slaappillen", r"strip", r"pijnstillers?", r"medicijnen", r"tabletten", r"antidepressiva",
    r"temesta", r"stilnox", r"valium", r"rivotril", r"seroquel", r"zolpidem", r"imovane",
)
TAKE = alt(
    r"pris", r"prendre", r"prends", r"avale\w*", r"ouvert", r"bu", r"took", r"taken", r"take",
    r"swallow\w*", r"stash", r"saved up", r"genomen", r"geslikt", r"slikken", r"nemen", r"neem",
    r"ingenomen", r"opgespaard",
)

OVERDOSE = [
    either(TAKE, MEDS, 6),
    alt(r"overdos\w*", r"surdos\w*", r"od", r"intox\w*"),
    near(r"\bcombien de", MEDS, 2),
    near(r"\bhow many", MEDS, 2),
    r"\bon peut en mourir",
]

SUICIDE = [
    r"~suicid\w*", r"\bidees? noires?", r"\bpensees? (?:de mort|suicidaires?|de suicide)",
    near(WANT, DIE, 3), near(alt("je", "j", "i", "ik"), alt("me tue", "vais me tuer", "me tuerai",
                                                           "kill myself", "ga mezelf"), 2),
    alt("en finir", "finir avec (?:ma|la) vie", "mettre fin a (?:mes jours|ma vie)", "me foutre en l air",
        "me pendre", "me flinguer", "kill myself", "killing myself", "end(?:ing)? it all",
        "end(?:ing)? my life", "take my (?:own )?life", "unalive", "zelfmoord\\w*", "suicidaal",
        "van kant (?:te )?maken", "einde aan (?:te )?maken", "mezelf ophangen", "better off dead",
        "wish i was dead", "wish i were dead", "wish i was never born"),
    # Not wanting to live, to go on, to wake up.
    alt(r"(?:plus|pas|aucune?) (?:envie|gout|force|raison|courage) (?:de|d) (?:vivre|continuer|exister|"
        r"me lever|me reveiller|voir|rien|etre la|me battre|tenir)",
        r"fatigue\w* (?:de|d) (?:vivre|exister|la vie|tout)", r"marre de (?:vivre|la vie|exister|"
        r"me reveiller|se reveiller|tout)", r"(?:veux|veut) plus (?:vivre|exister|etre la|etre ici|"
        r"continuer|me reveiller|rien|de cette vie)", r"veux plus(?= $)", r"veux plus vivre",
        r"(?:suis|serai|serais|etais|etre) plus la", r"jamais (?:ne|nee)", r"pas passer la nuit",
        r"plus vous embeter", r"reparer l erreur", r"c est decide", r"c est fini pour moi",
        r"lache l affaire", r"a quoi bon", r"plus la force", r"y crois plus", r"plus continuer",
        r"capable de continuer", r"devrais (?:plus|pas) (?:vivre|exister|etre la)",
        r"(?:merite|merites) (?:pas|plus) (?:de )?vivre", r"autre (?:sortie|solution|issue)",
        r"la vie (?:vaut|vaille) (?:le coup|la peine)", r"(?:que|veux) (?:ca|tout) (?:s )?arrete",
        r"(?:en peux plus|peux plus) de (?:tout|vivre|la vie|rien|exister|moi)",
        r"tout s arrete", r"mieux vaut que je (?:parte|disparaisse|meure|sois plus la)", r"(?:attends|attendre) que (?:ca|tout) (?:se )?(?:finisse|termine|arrete)", r"que ca se (?:finisse|termine)", r"pas d avenir", r"me sens vide", r"peur de moi", r"peur de faire une (?:connerie|betise)",
        r"plus vivre", r"(?:sers?|sert) a rien", r"servir a rien",
        r"(?:do not|not) (?:want|wanna) to (?:be here|live|exist|wake up|go on)", r"point of living",
        r"tired of (?:living|life|existing|everything)", r"no reason to live", r"disappear forever",
        r"cannot do this anymore", r"can not do this anymore", r"can not go on", r"give up on life",
        r"not safe (?:with|around) myself", r"i have a plan", r"not be here",
        r"(?:niet|nie) meer (?:leven|bestaan|wakker)", r"er niet meer zijn", r"zie het (?:niet )?meer zitten",
        r"zie het niet meer zitten", r"leven beu", r"(?:geen|gene) (?:zin|goesting) meer",
        r"kan dit niet meer", r"niet veilig bij mezelf", r"is het gedaan", r"hoe lang ik dit nog"),
    # A burden, nobody would notice, the world better without me.
    alt(r"sans moi", r"without me", r"zonder mij", r"poids pour", r"burden", r"last voor",
        r"personne (?:ne )?(?:remarquer\w*|viendr\w*|me manquer\w*|pleurer\w*|le remarquer\w*|me regretter\w*)",
        r"(?:mon|my) (?:propre )?(?:enterrement|funeral)", r"no one (?:would|will) (?:notice|miss|care)", r"niemand (?:zou|zal) me missen",
        r"niemand gaat me zoeken", r"qui va le remarquer", r"si je disparais", r"de trop"),
    # Goodbyes, letters, belongings given away.
    alt(r"adieu", r"dire au revoir", r"au revoir(?= $)", r"derniere fois que (?:je|j)", r"dernier message",
        r"merci pour tout", r"vas me manquer", r"va me manquer", r"prends soin de", r"goodbye",
        r"look after my", r"take care of my", r"zorg goed voor", r"afscheid\w*", r"laatste bericht",
        r"lettres? (?:pour|a|d adieu)", r"letters? for my", r"brieven", r"donne mes (?:affaires|trucs)",
        r"donner ses (?:trucs|affaires)", r"gave away", r"given away", r"weggegeven", r"sorry iedereen",
        r"thanks for nothing", r"pour de bon", r"si demain je"),
    # A method or a place looked at.
    near(alt("sauter", "saute", "jeter", "jette", "monte", "monter", "repense", "pense", "regarde",
             "jump", "jumping", "springen", "spring"),
         alt("pont", "toit", "balcon", "fenetre", "train", "metro", "voie", "rails?", "bus", "falaise",
             r"\d+e", r"\d+eme", "etage", "immeuble", "hauteur", "bridge", "roof", "window", "brug",
             "dak", "sporen", "trein", "raam"), 5),
    alt(r"le train (?:ce serait|serait|c est)", r"traverse\w* sans regarder", r"sous (?:un|le|une) (?:bus|train|camion|metro|voiture)",
        r"sur le toit", r"en hauteur", r"in front of (?:a|the) (?:train|bus|car)", r"voor de trein",
        r"aan de sporen", r"comment (?:on fait pour )?(?:partir|mourir|en finir|se tuer)",
        r"least painful way", r"how to (?:die|kill)", r"on sent quelque chose quand on saute",
        r"deja (?:essaye|tente) (?:l annee|une fois|il y a|avant|de me|de mourir|de partir)",
        r"3114 (?:c est |est )?pour moi", r"ose pas appeler", r"partir (?:sans que|si on souffre|avant de)",
        r"vouloir partir", r"tell me to kill myself", r"telling me to kill myself", r"mezelf van kant"),
] + OVERDOSE

SELF_HARM = [
    r"\bscarif\w*", r"\bmutil\w*", r"\bautomutil\w*", r"\bself ?harm\w*", r"\bzelfverwond\w*",
    near(alt("je", "j"), r"me (?:suis )?(?:encore |deja |juste )?(?:coupe\w*|entaille\w*|brule\w*|griffe\w*|"
         r"gratte\w*|mords|mordu\w*|scarifi\w*|mutile\w*|frappe|tape|cogne|blesse\w*|pique\w*|fais mal|"
         r"fais du mal|mets des (?:claques|coups)|suis mis des (?:claques|coups))"
         r"(?! (?:les cheveux|la langue|une frange|la frange|les ongles|le doigt|en cuisinant|avec (?:mon|le) "
         r"(?:chocolat|cafe|the|four)))", 2),
    alt(r"me faire (?:du )?mal", r"me punir", r"avoir mal ailleurs", r"envie de recommencer", r"rechut\w*",
        r"relaps\w*", r"cicatrices?", r"lames?", r"cutter", r"compas", r"scars?", r"littekens?",
        r"snijwond\w*", r"mesje", r"marques? sur (?:mes|les) (?:bras|cuisses|jambes)",
        r"pleines? de marques", r"(?:cache|cacher|hide|verberg\w*) (?:mes |my |de |des )?(?:bras|arms?|cuts|cicatrices|marques|coupures|littekens)",
        r"mes bras", r"my arms", r"haar armen", r"mijn armen", r"mes poignets?", r"le poignet",
        r"ca saigne", r"saigne beaucoup", r"arrete pas de (?:couler|saigner)", r"bleed\w*",
        r"bloedt", r"bloed", r"tete contre (?:le|les) murs?", r"contre le mur", r"hoofd tegen de muur",
        r"punch(?:ing)? walls?", r"knuckles", r"expres", r"on purpose", r"encore le faire",
        r"i cut", r"cut (?:again|myself|my)", r"cuts", r"cutting", r"burn\w* myself", r"hurt\w* myself",
        r"hit\w* myself", r"mezelf (?:weer )?(?:gesneden|snijden|snij|pijn|slaan|krabben|branden|bijten)",
        r"snij\w* (?:ik )?mezelf", r"mezelf (?:\w+ )?(?:snijden|gesneden|snij)", r"(?:gratte|griffe|arrache|scratch)\w* (?:\w+ )?(?:ma|la|mes|my) (?:peau|skin)", r"jusqu (?:a|au) (?:l os|sang)", r"krab\w* (?:\w+ ){0,3}(?:open|tot)", r"3 mois clean", r"mois clean", r"months clean"),
] + OVERDOSE

_SUBSTANCE = alt(
    r"boire", r"bois", r"bu", r"alcool", r"bouteilles?", r"vodka", r"whisky", r"joints?", r"shit",
    r"beuh", r"weed", r"cannabis", r"coke", r"cocaine", r"heroine", r"crack", r"md", r"mdma",
    r"molly", r"ecstasy", r"xtc", r"pilleke", r"ketamine", r"ket", r"3mmc", r"lsd", r"speed",
    r"subutex", r"methadone", r"benzos?", r"xanax", r"puffs?", r"vape\w*", r"vapot\w*", r"fumer",
    r"fume", r"clopes?", r"cigarettes?", r"jouer", r"joue", r"jeux?", r"paris?", r"parie\w*",
    r"porno", r"drink\w*", r"drank", r"alcohol", r"smok\w*", r"gambl\w*", r"betting", r"drinken",
    r"drink", r"zuip\w*", r"gezopen", r"blow\w*", r"gokk\w*", r"gegokt", r"weggegokt", r"snuiv\w*",
    r"sniff\w*", r"trip", r"drogues?", r"drugs?", r"dope", r"sportweddenschappen", r"proto\w*", r"protoxyde",
    r"ballons?", r"lachgas", r"gaz hilarant",
)
EATING_ADDICTION = [
    # Alcohol with pills is an addiction crisis too (corpus rule 2).
    either(alt(r"whisky", r"vodka", r"wodka", r"alcool", r"alcohol", r"bouteilles?", r"fles", r"bu", r"drank",
               r"bieres?", r"beers?", r"pintjes"), MEDS, 8),
    # Not eating, purging, counting.
    alt(r"boulimi\w*", r"anorexi\w*", r"anorex\w*", r"bulimi\w*", r"binge\w*", r"laxati\w*", r"purg\w*",
        r"me fais vomir", r"me faire vomir", r"fait vomir", r"tout vomi", r"vomi apres", r"throw up after",
        r"kots\w*", r"uitkotsen", r"overgeven na", r"vreet", r"eetbui\w*", r"\d+ ?(?:calories|kcal)", r"compte\w* (?:les |mes |chaque )?calories?",
        r"count\w* (?:every |my )?calories", r"calories? (?:par jour|a day|per dag)", r"calorie\w* tellen",
        r"saute (?:tous )?(?:les|mes) repas", r"skip\w* meals", r"mange en cachette", r"recrache",
        r"boterhammen weg", r"me vois grosse?", r"see fat", r"mezelf (?:nog )?(?:altijd )?dik",
        r"crise de (?:boulimie|bouffe)", r"(?:mange|manger|mangé|manges) (?:plus|rien|pas)\b(?: \w+){0,4} (?:depuis|jours|semaine)",
        r"(?:plus|pas|rien) mange\w*(?: \w+){0,3} (?:depuis|de la semaine|jours)",
        r"(?:arrive|peux) plus a manger", r"mange plus", r"mange rien", r"eaten in \d+ days",
        r"not eaten", r"have not eaten", r"niks gegeten", r"eet (?:niet|nie) meer", r"kilo kwijt",
        r"\d+ ?kg and", r"\d+ kilo en", r"evanou\w*", r"tete qui tourne", r"fainting", r"passed out",
        r"zwarte vlekken"),
    # Can't stop, withdrawal, a trip gone wrong, someone unconscious.
    either(alt(r"(?:arrive|arriver|peux|pouvoir|sais) (?:pas |plus )?(?:a )?(?:m |me )?(?:arreter|en passer|passer|stopper)",
               r"m en passer", r"me en passer", r"me passer", r"accro\w*", r"addict\w*", r"verslaafd", r"dependan\w*",
               r"manque de", r"withdraw\w*", r"sevrage", r"afkick\w*", r"tremble\w*",
               r"shaking", r"tril\w*", r"sueurs", r"sweating", r"can not stop", r"stop (?:ik|tril)",
               r"du matin au soir", r"tous les soirs", r"every (?:night|day|\d+ min\w*)", r"elke avond",
               r"non stop", r"pour oublier", r"pour tenir", r"seul tous", r"blijf maar", r"(?:14|\d\d)h par jour",
               r"toutes les \d+ min\w*", r"s ochtends tot s avonds", r"from morning (?:to|till) night", r"avant d aller en cours", r"en cachette"),
           _SUBSTANCE, 8),
    near(alt(r"pris", r"prendre", r"took", r"taken", r"genomen", r"sniffe\w*", r"sous"),
         alt(r"md", r"mdma", r"molly", r"ecstasy", r"xtc", r"pilleke", r"ketamine", r"ket", r"3mmc",
             r"coke", r"cocaine", r"lsd", r"ghb", r"xanax", r"truc", r"champis?", r"drogues?"), 4),
    alt(r"bad trip", r"crise d angoisse apres", r"coeur bat trop vite", r"heart (?:will not|wont) slow",
        r"hart bonkt", r"respire bizarre", r"breathing weird", r"ademt raar", r"repond plus",
        r"not responding", r"reageert (?:niet|nie) meer", r"arrive pas a la reveiller", r"can not wake",
        r"unconscious", r"inconscient", r"tout blanc", r"malaise apres", r"not making sense",
        r"trop bu\b(?: \w+){0,4} (?:repond|respire|malaise|vomi)", r"drank way too much",
        r"te veel gezopen", r"paris sportifs", r"sportweddenschappen", r"weggegokt", r"parie\w* tout",
        r"accro a la", r"addicted to"),
]

# Wider nets, written from how the same things are said in other words
# (not from the corpus): every one of them alone is worth the numbers.
SUICIDE += [
    near(alt("veux", "voudrais", "envie", "prefere", "pense", "aimerais", "vais", "laissez moi", "laisse moi",
             "besoin", "souhaite", "plutot", "mieux", "serais", "serait", "rather", "better", "wish", "liever",
             "beter"), alt("mourir", "crever", "mort", "morte", "dead", "dood", "die", "sterven",
                           "disparaitre", "verdwijnen", "plus la", "plus exister", "gone"), 4),
    alt(r"tentative de suicide", r"fait une ts", r"deja fait une ts", r"ts", r"faire une ts", r"idees suicidaires",
        r"envie d en finir", r"j abandonne", r"i give up", r"geef het op",
        r"(?:la|ma) vie (?:n a|a) (?:pas|plus|aucun) (?:de )?sens", r"(?:deteste|hais) ma vie", r"hate my life",
        r"haat mijn leven", r"life is pointless", r"what is the point", r"no point (?:in|anymore)", r"geen zin meer",
        r"(?:het )?leven heeft geen zin", r"pas d issue", r"aucune issue", r"no way out", r"geen uitweg",
        r"un fardeau", r"a burden", r"een last", r"ma derniere nuit",
        r"last (?:day|night) (?:alive|here)", r"laatste (?:dag|nacht)", r"j ai tout prevu", r"tout est pret",
        r"choisi la date", r"la corde", r"une corde", r"rope", r"touw", r"me pendre", r"hang myself",
        r"ophangen", r"(?:ouvrir|ouvert) les veines", r"slit my wrists", r"polsen", r"au bord du vide",
        r"(?:edge|rand) (?:of|van) (?:the|het|de) (?:roof|bridge|dak|brug)", r"op het dak", r"op de brug",
        r"dites a ma mere", r"dis a ma mere", r"tell my (?:mom|mum|dad|parents|family)", r"zeg (?:tegen )?mijn (?:ma|pa|ouders)",
        r"je vous aime tous", r"love you all", r"(?:pardon|desole|sorry) pour tout", r"sorry for everything",
        r"sorry voor alles", r"vergeef me", r"forgive me", r"pardonnez moi", r"plus me battre", r"can not take it",
        r"(?:make|want) it (?:all )?(?:to )?stop", r"i am done", r"done with (?:life|everything|it all)",
        r"never wake up", r"jamais me reveiller", r"plus jamais me reveiller", r"nooit meer wakker",
        r"dormir pour toujours", r"sleep forever", r"voor altijd slapen", r"me jeter", r"jump off",
        r"wil (?:dood|sterven)", r"ik wil niet meer(?= $)", r"ik kan niet meer(?= $)", r"het hoeft (?:niet|nie) meer",
        r"beter af zonder", r"better off without", r"serait mieux sans", r"seraient mieux sans",
        r"inutile sur terre", r"plus de raison", r"pas ma place", r"aucune place",
        r"je suis de trop", r"envie de rien", r"plus envie de rien", r"pu envie", r"nothing to live for",
        r"rien pour vivre", r"me tuer",
        r"raisons? de (?:rester|vivre|continuer|me lever)", r"reasons? to (?:live|stay|go on)",
        r"reden om (?:te leven|door te gaan)", r"personne (?:ne )?(?:va |vont |ne va )?(?:me )?(?:regrett|manqu|remarqu|pleur)\w*",
        r"(?:no one|nobody) (?:would|will) (?:care|notice|miss)", r"(?:niemand|geen mens) (?:zou|zal) (?:het )?(?:merken|missen)",
        r"sur (?:le|un) (?:pont|toit)", r"on (?:the|a) (?:bridge|roof)", r"op (?:de|het) (?:brug|dak)",
        r"comment (?:on )?(?:se|me) (?:pendre|tuer|suicider|jeter)", r"how (?:to|do i) (?:hang|kill) myself",
        r"hoe (?:kan ik )?(?:mezelf )?(?:ophangen|doden)", r"si (?:je|j) (?:etais|serais|mourais)(?: \w+){0,2} morte?",
        r"(?:etais|serais|etre) morte?", r"end it (?:tonight|now|all|today|soon)", r"er niet meer (?:was|ben|zou zijn)",
        r"(?:rester|vivre) (?:\w+ ){0,2}sur (?:cette )?terre", r"plus (?:longtemps )?(?:ici|sur terre)",
        r"une ts", r"fait une ts", r"tentative de"),
    alt(r"a quoi (?:ca )?sert (?:de )?(?:vivre|tout ca|la vie|de continuer)", r"au ciel", r"rien ne me retient",
        r"nothing (?:is )?keeping me", r"niets houdt me", r"un poids", r"(?:me vois|see myself) (?:pas|not) (?:vivre|living|grandir)",
        r"see the point", r"voir l interet", r"can not keep going", r"(?:if|when) i (?:was|am) gone",
        r"si je (?:partais|disparaissais|mourais)", r"als ik (?:weg|dood) (?:was|ben)", r"eind(?:e)? aan (?:te )?maken",
        r"zinloos", r"pointless", r"(?:veux|veut) plus (?:me lever|sortir de mon lit)"),
    either(MEDS, alt(r"de cote", r"garde\w*", r"stock\w*", r"cache\w*", r"verzameld", r"gespaard", r"hidden", r"saved"), 4),
]
SELF_HARM += [
    alt(r"me (?:couper|scarifier|taillader|mutiler|bruler|entailler|lacerer)(?! (?:les cheveux|la langue|une frange|la frange|les ongles|le doigt))",
        r"me fais des (?:marques|entailles|coupures|bleus|brulures)"),
    either(alt(r"coupures?", r"entailles?", r"cicatrices?", r"griffures?", r"brulures?", r"plaies?", r"cuts", r"scars?"),
           alt(r"bras", r"cuisses?", r"poignets?", r"jambes?", r"ventre", r"arms?", r"thighs?", r"wrists?", r"legs?",
               r"armen", r"benen", r"polsen", r"personne (?:ne )?(?:voit|sait)", r"cache\w*", r"hide"), 5),
    alt(r"me (?:couper|blesser|bruler|taillader|lacerer|griffer|gratter|mordre|frapper moi meme|punir)",
        r"me suis (?:coupe|blesse|brule|taillade|griffe|gratte|mordu)\w*", r"entailles?",
        r"lames? de rasoir", r"scheermes\w*", r"krass\w*",
        r"zelfbeschadiging", r"mezelf pijn", r"mezelf snijden", r"punish myself", r"mezelf straffen",
        r"arracher les cheveux", r"m arrache", r"trichotillo\w*",
        r"se faire du mal", r"mal (?:physiquement )?expres",
        r"saigner", r"taillad\w*", r"gekrast", r"gesneden"),
]
EATING_ADDICTION += [
    either(alt(r"soiree", r"fete", r"teuf", r"party", r"fuif", r"festival", r"feestje", r"boite", r"club"),
           alt(MEDS, _SUBSTANCE, r"trop (?:bu|pris)", r"too (?:much|many)", r"te veel"), 10),
    alt(r"anorex\w*", r"boulim\w*", r"eating disorder", r"eetstoornis",
        r"purging", r"hyperphagi\w*", r"maigrir a tout prix", r"(?:je suis|me trouve|me sens) (?:trop )?grosse?",
        r"(?:feel|am so|look) fat", r"(?:voel|vind) me (?:te )?dik",
        r"ne mange plus", r"mange presque rien", r"eat nothing", r"barely eat", r"eet bijna niks",
        r"(?:coma|comas) ethylique", r"alcohol poisoning", r"alcoholvergiftiging",
        r"protoxyde", r"gaz hilarant", r"lachgas", r"whippets?",
        r"codeine", r"heroine", r"heroin", r"crack", r"cocaine", r"coke", r"ecstasy", r"mdma", r"ketamine",
        r"3mmc", r"speed", r"gokk\w*", r"gambl\w*", r"paris (?:sportifs|en ligne)", r"betclic",
        r"winamax", r"verslaafd", r"dependan\w*", r"afkick\w*", r"ontwenning",
        r"sevrage", r"withdrawal", r"overdose", r"bad trip", r"en manque",
        r"bourre tous les", r"drunk every", r"elke dag dronken", r"je bois trop", r"drink too much", r"drink te veel"),
]
