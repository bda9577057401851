"""Patterns for urgent situations: no shelter tonight (thrown out, runaway,
sleeping rough) and urgent sexual health (a pregnancy of a minor, a broken
condom, emergency contraception, PEP, symptoms after a risk).

Sexual health is urgent only (corpus rule 11): "pilule ou stérilet ?" is a
question for an article, a broken condom last night is not.
"""

from __future__ import annotations

from portal.safety.concepts import alt, either, near

_ROUGH = alt(
    r"rue", r"gare", r"voiture", r"squat", r"tente", r"parc", r"metro", r"bus de nuit",
    r"cage d escalier", r"hall", r"toilettes de la gare", r"banc", r"abri", r"parking", r"batiment abandonne",
    r"car", r"station", r"tent", r"park", r"street", r"outside", r"rough", r"wagen", r"auto", r"bankje",
    r"leegstaand\w*", r"bib", r"straat", r"buiten", r"trein", r"squat",
)
NO_SHELTER = [
    "~" + alt(r"a la rue", r"sdf", r"sans abri", r"sans domicile", r"homeless", r"dakloos",
              r"fugu\w*(?! de (?:la|l) (?:reunion|soiree|fete|cours))"),
    alt(r"(?:suis|serai|vais etre|vis|vit|dort|dors|etre) (?:\w+ ){0,2}(?:a|dans) la rue", r"op straat", r"on the street",
        r"(?:nulle|nul) part (?:ou|pour) (?:dormir|aller|dormir ce soir)", r"pas ou dormir", r"ou dormir",
        r"sais (?:pas|plus) ou (?:dormir|aller)", r"sais pas ou aller", r"nowhere to (?:stay|sleep|go)",
        r"(?:weet|weten) (?:niet|nie) waar (?:ik|ge|we) (?:\w+ ){0,2}(?:slapen|naartoe)", r"waar (?:ik|ge|we) (?:\w+ ){0,3}(?:slapen|kan slapen)",
        r"plus d hebergement", r"personne pour m heberger", r"plus rien pour dormir", r"(?:ou|where) (?:je peux|can i|i can) (?:\w+ ){0,2}(?:dormir|sleep)",
        r"(?:peux|pourrais) dormir ou", r"dormir (?:a|dans) la gare", r"sleep in the station",
        r"mis\w* dehors", r"fout\w* dehors", r"jet\w* (?:mes affaires )?dehors", r"mes affaires dehors",
        r"spullen staan buiten", r"buitengezet", r"buiten gezet", r"eruit gegooid", r"kicked out",
        r"thrown out", r"threw me out", r"changed the locks", r"deur was op slot", r"vire\w* (?:de chez|pcq|parce)",
        r"m ont vire", r"m a vire", r"chasse\w* de chez", r"tu degages", r"plus revenir", r"kom (?:niet|nie) terug",
        r"rot op", r"ran away", r"run away", r"running away",
        r"weggelopen", r"enfui\w*", r"parti\w* de chez (?:moi|mon|ma|mes)", r"quitte la maison", r"left home",
        r"(?:plus|pas) rentrer chez", r"ose pas rentrer", r"expulsion", r"expulse\w*", r"evicted",
        r"plus rester chez", r"veut plus de moi", r"veulent plus", r"mon foyer m a exclu", r"exclu pour la nuit",
        r"devant l immeuble", r"je suis dehors", r"suis dehors", r"i am outside", r"sitting outside",
        r"zit (?:nu )?(?:op|buiten)", r"nergens (?:om te )?slapen", r"geen slaapplek", r"(?:pas|plus) de toit",
        r"no place to stay", r"nowhere to stay", r"sleeping rough", r"got nowhere", r"shelters? (?:are )?full",
        r"115 ne repond pas", r"batiment abandonne", r"abandoned building", r"leegstaand huis", r"centres? (?:veulent|sont)"),
    either(alt(r"dormir", r"dors", r"dormi", r"dort", r"passe la nuit", r"nuits?", r"sleep\w*", r"slept",
               r"slaap", r"slapen", r"geslapen", r"vis", r"vivre"), _ROUGH, 5),
    either(alt(r"ce soir", r"cette nuit", r"tonight", r"vannacht", r"vanavond"),
           alt(r"dormir", r"aller", r"sleep", r"stay", r"slapen", r"dehors"), 5),
]

_CONDOM = alt(r"capote", r"preservatif", r"condom", r"condoom", r"sterilet", r"pilule", r"pil", r"pills?")
SEXUAL_HEALTH = [
    "~" + alt(r"enceinte", r"pregnant", r"zwanger", r"grossesse", r"pilule du lendemain", r"plan b", r"morning after",
              r"contraception d urgence", r"noodpil", r"morning afterpil"),
    alt(r"test (?:de grossesse )?positif",
        r"positive (?:pregnancy )?test", r"test is positief", r"deux barres", r"twee streepjes",
        r"ellaone", r"norlevo", r"pep", r"tpe", r"traitement (?:d urgence|post exposition)",
        r"rapport (?:a risque|non protege|sans protection)", r"sans (?:capote|preservatif|protection)",
        r"unprotected", r"without (?:a )?condom", r"zonder condoom", r"sans rien\b(?: \w+){0,2} (?:rapport|couche)",
        r"il se retirer\w*", r"retrait", r"pulled out", r"regles (?:\w+ ){0,2}(?:viennent|arrivent) pas",
        r"(?:semaines?|jours?|weeks?|days?|dagen) de retard", r"\bretard de regles", r"period (?:is )?(?:\w+ ){0,3}late",
        r"(?:weken|dagen) te laat", r"over tijd", r"ivg\w*", r"avort\w*", r"abortion", r"abortus",
        r"verrues? genitales?", r"boutons? (?:\w+ ){0,2}(?:en bas|la en bas)", r"brulures? (?:quand|en)",
        r"burns when i pee", r"brandt als ik plas", r"saign\w* (?:\w+ ){0,3}(?:apres|ivg)", r"saignements?"),
    either(_CONDOM, alt(r"craqu\w*", r"glisse\w*", r"cass\w*", r"reste\w*", r"tombe\w*", r"enlev\w*", r"oubli\w*",
                        r"retard", r"broke", r"came off", r"slipped", r"missed", r"erin", r"gescheurd",
                        r"vergeten", r"werkte (?:niet|nie)", r"a pas marche", r"vomi\w*", r"a l interieur",
                        r"inside"), 4),
    either(alt(r"vih", r"hiv", r"ist", r"mst", r"std", r"sti", r"soa", r"seropositi\w*", r"sida", r"aids"),
           alt(r"urgen\w*", r"peur", r"risque", r"brul\w*", r"burns?", r"brandt", r"asap", r"snel", r"presse",
               r"has", r"heeft", r"attrape", r"caught", r"worried", r"symptom\w*", r"achteraf", r"apres"), 6),
    near(alt(r"couche", r"rapport", r"fait", r"sex", r"seks"), alt(r"sans capote", r"premiere fois", r"mes regles"), 6),
]

# Wider nets (see patterns_harm).
NO_SHELTER += [
    alt(r"mis\w* a la porte", r"met\w* a la porte", r"sans logement", r"sans toit", r"un toit",
        r"(?:cherche|besoin d) (?:un endroit|un lit|une place) pour dormir",
        r"place to sleep", r"slaapplaats", r"couch ?surf\w*", r"run ?away", r"left home",
        r"weg van huis", r"thuis weg", r"plus de (?:chez moi|maison|logement)", r"no home", r"geen (?:huis|thuis|dak)",
        r"heberger", r"nachtopvang", r"foyer d urgence",
        r"dehors", r"outside tonight", r"weggelopen", r"enfui\w*",
        r"(?:vire|viree|chasse|chassee|jete|jetee) (?:de|d) (?:la maison|chez (?:moi|nous|mes|mon|ma)|l appart\w*|mon appart\w*)"),
]
SEXUAL_HEALTH += [
    alt(r"ecoulement\w*", r"demangeaisons?",
        r"depistage (?:en )?urgen\w*", r"morning after ?pil\w*", r"morning-after",
        r"condoom (?:gescheurd|kapot|gesprongen)", r"capote (?:percee|trouee|explosee)", r"condom (?:broke|split|ripped)",
        r"pas eu mes regles", r"regles en retard", r"(?:ongesteld|maandstonden) (?:\w+ ){0,3}(?:niet|nie|laat)",
        r"late period", r"missed (?:my )?period", r"test de grossesse", r"pregnancy test", r"zwangerschapstest"),
]
