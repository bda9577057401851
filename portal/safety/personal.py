"""Personal data in a post or a message (a minor's phone number above all):
detected, never published. Kinds: ``phone``, ``email``, ``handle``,
``address``, ``name``.

The way a young person gives contact to a stranger is rarely the textbook
form, so each kind is read after undoing the usual disguises:

- phone: letters for digits ("o6 l2"), numbers in words (French with
  *septante*/*nonante*, English, Dutch), any separators, a number given in
  two halves; +33/0033/+32/0032; the public help lines are not personal data;
- email: "arobase", "at", "(at)", "[@]", "chez", "apenstaartje", "point",
  "dot", "punt", letters spaced out;
- handle: "@name", "name#1234", discord.gg links, a network named with an
  account after it ("mon snap c lea_59"), and any invitation to move to a
  private channel, even without a name ("dm moi sur insta", "viens en pv");
- address: a number and a street (French and Belgian orders, number in
  words), a residence or estate with building and flat;
- name: a first name (``data/first_names.txt``) followed by a surname,
  with or without "je m'appelle"; famous people are not personal data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from portal.core.text import fold

DATA = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------- phone

_UNITS_FR = {"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
             "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
             "quatorze": 14, "quinze": 15, "seize": 16}
_TENS_FR = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
            "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
_UNITS_EN = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
             "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
             "nineteen": 19}
_TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_UNITS_NL = {"nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
             "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
             "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}
UNITS = {**_UNITS_FR, **_UNITS_EN, **_UNITS_NL}
TENS = {**_TENS_FR, **_TENS_EN, **_TENS_NL}
_NL_COMPOUND = re.compile(r"^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(" + "|".join(_TENS_NL) + ")$")
# Letters typed for digits inside a group of digits: "o6", "l2", "o47o", "9O".
_LEETISH = re.compile(r"^[0-9oOlIi|]+$")
_LEET_DIGITS = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "|": "1"})
_TOKEN = re.compile(r"\+?[0-9a-zA-Z|]+")
# Words that may sit inside a spoken or split number without ending it.
_GLUE = {"et", "and", "en", "puis", "then", "dan", "apres", "after", "fin", "tiret", "point"}
_PHONE_CUE = re.compile(
    r"\b(?:num\w*|tel|tél|telephone|portable|mobile|gsm|fixe|appel\w*|call|text|sms|bel|belle|nummer|"
    r"whatsapp|joignable|contact\w*|hmu|cell|number)\b")
# A phone number given as a messenger contact is a handle too.
_MESSENGER = re.compile(r"\b(?:whatsapp|telegram|signal|viber|wa|wsp)\b")
HELP_LINES = {"3114", "119", "115", "3018", "3919", "17", "112", "1813", "102", "103", "3230",
              "0800235236", "0800231313", "0800081111", "080032123", "080030030", "080098100"}


def _spoken_number(words: list[str], i: int) -> tuple[str, int] | None:
    """A number said in words from position i: its digits and the next
    position ("quatre vingt dix huit" → "98", "zero" → "0", "vingt et un" → "21")."""
    word = words[i]
    if m := _NL_COMPOUND.match(word):
        return str(_UNITS_NL[m.group(1)] + _TENS_NL[m.group(2)]), i + 1
    if word == "quatre" and i + 1 < len(words) and words[i + 1] in ("vingt", "vingts"):
        value, j = 80, i + 2
    elif word in TENS:
        value, j = TENS[word], i + 1
    elif word in UNITS:
        return str(UNITS[word]), i + 1
    else:
        return None
    # "soixante dix", "quatre vingt dix huit", "vingt et un", "thirty nine"
    if j < len(words) and words[j] == "et" and j + 1 < len(words) and words[j + 1] in ("un", "onze"):
        return str(value + UNITS[words[j + 1]]), j + 2
    if j < len(words) and words[j] in UNITS and UNITS[words[j]] < 20 and (value % 20 == 0 or UNITS[words[j]] < 10):
        extra = UNITS[words[j]]
        j += 1
        if extra == 10 and j < len(words) and words[j] in UNITS and UNITS[words[j]] < 10:
            extra += UNITS[words[j]]
            j += 1
        return str(value + extra), j
    return str(value), j


def _digit_runs(text: str) -> list[str]:
    """Runs of digits however typed, each run as plain digits ("+33" kept);
    two runs a few words apart are also given joined ("mon 06 c est le 39 98
    12 34", a number given in two halves)."""
    runs = _runs(text)
    joined = [a + b.lstrip("+") for (a, _, end), (b, start, _) in zip(runs, runs[1:], strict=False) if start - end <= 4]
    return [run for run, _, _ in runs] + joined


def _runs(text: str) -> list[tuple[str, int, int]]:
    """(digits, first word, word after) for each run of digits."""
    words = _TOKEN.findall(fold(text).replace("-", " "))
    runs: list[tuple[str, int, int]] = []
    current, start, i = "", 0, 0
    while i < len(words):
        word = words[i]
        raw = word.lstrip("+")
        if raw and _LEETISH.match(raw) and any(c.isdigit() for c in raw):
            if not current:
                start = i
            current += ("+" if word.startswith("+") and not current else "") + raw.translate(_LEET_DIGITS)
            i += 1
            continue
        spoken = _spoken_number(words, i)
        if spoken is not None:
            if not current:
                start = i
            current += spoken[0]
            i = spoken[1]
            continue
        if word in _GLUE and current:
            i += 1
            continue
        if current:
            runs.append((current, start, i))
        current = ""
        i += 1
    if current:
        runs.append((current, start, i))
    return runs


def has_phone(text: str) -> bool:
    folded = fold(text)
    cue = _PHONE_CUE.search(folded) is not None
    for run in _digit_runs(text):
        digits = run.lstrip("+")
        if digits in HELP_LINES or digits.startswith("08"):
            continue
        if run.startswith("+") or digits.startswith("00"):
            if len(digits) >= 10:
                return True
            continue
        if digits.startswith("0") and len(digits) >= 9:
            return True
        if digits.startswith(("06", "07", "04")) and len(digits) >= 8:
            return True
        if cue and digits.startswith("0") and len(digits) >= 6:
            return True
        # "six trente neuf quatre vingt dix huit…, ajoute le zero devant"
        if cue and len(digits) >= 8 and digits[0] in "67":
            return True
        if "zero devant" in folded and len(digits) >= 8:
            return True
    return False


# ---------------------------------------------------------------- email

_PROVIDERS = (r"gmail|googlemail|ymail|hotmail|outlook|yahoo|icloud|live|msn|free|orange|laposte|wanadoo|sfr|"
              r"neuf|bbox|aol|protonmail|proton|gmx|telenet|skynet|proximus|scarlet|voo|me|mail")
_AT = r"(?:@|\(\s*(?:at|@|a|arobase|arrobase)\s*\)|\[\s*(?:at|@|a|arobase|arrobase)\s*\]|\barobase\b|\barrobase\b|\bapenstaartje\b|\bat\b|\bchez\b|\ba\b)"
_DOT = r"(?:\.|\(\s*(?:dot|point|punt|\.)\s*\)|\[\s*(?:dot|point|punt|\.)\s*\]|\bpoint\b|\bdot\b|\bpunt\b)"
_LOCAL = r"[a-z0-9][a-z0-9._+\-]*"
_EMAIL = re.compile(
    rf"{_LOCAL}\s*{_AT}\s*[a-z0-9\-]+(?:\s*{_DOT}\s*[a-z0-9\-]+)*\s*{_DOT}\s*(?:com|fr|be|net|org|eu|nl|uk|co|io|me|de)\b"
    rf"|(?:@|\barobase\b|\barrobase\b|\bapenstaartje\b|\(at\)|\[at\]|\[@\])\s*(?:{_PROVIDERS})\b"
    rf"|{_LOCAL}\s+(?:at|a|chez)\s+(?:{_PROVIDERS})\b(?=\s*(?:{_DOT}|,|$))"
    rf"|[a-z0-9]+[._][a-z0-9._]*\s+(?:at|chez)\s+(?:{_PROVIDERS})\b"
    rf"|\b(?:{_PROVIDERS})\s*{_DOT}\s*(?:com|fr|be|net)\b(?=.*\b(?:mail|e-mail|email|adresse|mijn)\b)"
    rf"|\b(?:mail|e-mail|email)\b.*\b(?:{_PROVIDERS})\s*{_DOT}\s*(?:com|fr|be|net)\b"
)
# "l e a @ g m a i l . c o m": letters spaced out, joined again.
_SPACED = re.compile(r"(?<![a-z0-9])((?:[a-z0-9@._] ){2,}[a-z0-9@._])(?![a-z0-9])")


def _unspaced(folded: str) -> str:
    return _SPACED.sub(lambda m: m.group(1).replace(" ", ""), folded)


def has_email(text: str) -> bool:
    folded = _unspaced(fold(text).replace("underscore", "_"))
    return _EMAIL.search(folded) is not None


# ---------------------------------------------------------------- handle

NETWORKS = (r"snap|snapchat|sc|insta|instagram|ig|tiktok|tik tok|tt|discord|telegram|tg|whatsapp|wa|"
            r"wsp|psn|xbox|xbox live|steam|bereal|twitter|x|twitch|facebook|fb|messenger|signal|kik|"
            r"wechat|threads|roblox|epic|fortnite|skype|line|viber|reddit|youtube|onlyfans|tinder|"
            r"gamertag|pseudo|id|tag|compte")
_PRIVATE = r"(?:en |in |op |via )?(?:prive|pv|mp|dm|dms|pm|privately|private|priv|prive e)"
_INVITE_VERB = (r"ajoute\w*|rajoute\w*|add|follow|suis|abonne\w*|dm|mp|pm|ecri\w*|contacte\w*|envoie|envoyez|donne\w*|"
                r"passe|passez|viens|venez|continue|continuons|move|lets|text|message|hit|hmu|stuur|"
                r"voeg|volg|volgen|zullen|gaan|kom|app|sms|rejoins|rejoignez|join|parle\w*|talk|chat|"
                r"retrouve|capte|dis moi|laisse|file|passe moi")
_HANDLE_PATTERNS = [
    r"(?<![\w.@])@(?!\s)[a-z0-9_.]{2,}",                     # @name (not "@ tout le monde")
    r"\b[a-z0-9_.]{2,}#\d{4}\b",                              # discord name#1234
    r"\bdiscord\.gg/\w+|\bdiscord\.com/invite/\w+|\bt\.me/\w+|\bwa\.me/\d+|\bchat\.whatsapp\.com/\w+",
    # "mon snap c lea_59", "snap: emma.vrm", "my psn is xX_Kai_Xx", "son insta c kdpnt_59"
    rf"\b(?:{NETWORKS})\b\s*(?:c est|c|cest|est|is|its|it s|het is|:|->|=|-|>)?\s*:?\s*@?"
    r"(?=[a-z0-9_.]*[a-z])[a-z0-9]*[0-9_.][a-z0-9_.]*[a-z0-9]",
    rf"\b(?:mon|ma|son|sa|my|his|her|mijn|zijn|haar)\s+(?:{NETWORKS})\b\s*(?:c est|c|cest|est|is|its|it s|het is|:|->|=)\s*"
    r"(?!(?:en|un|une|le|la|les|pas|plus|trop|nul|nulle|a|bug\w*|prive\w*|private|ferme|supprime\w*|hacke|pirate\w*|"
    r"the|not|een|niet|gehackt|weg|down|mort|bloque\w*|banni|vide|public|publiek|priv\w*)\b)@?[a-z0-9_.]{2,}",
    # invitations to a private channel
    rf"\b(?:{_INVITE_VERB})\b(?:\s+\w+){{0,4}}?\s+(?:sur|on|op|in|via|en|naar|to)\s+(?:mon |ma |my |mijn )?(?:{NETWORKS}|{_PRIVATE})\b",
    rf"\b(?:{_INVITE_VERB})\s+(?:moi|me|mij|nous|us)\b(?:\s+\w+){{0,2}}\s+(?:{NETWORKS}|{_PRIVATE})\b",
    r"\b(?:whatsapp|snap|telegram|insta|dm|mp|pm|text|signal)\s+(?:moi|me|mij)\b",
    rf"\b(?:ton|ta|tes|your|je|jouw)\s+(?:{NETWORKS}|num|numero|number|nummer|06|gsm)\b",
    rf"\b(?:mon|my|mijn)\s+(?:{NETWORKS})\s+(?:en prive|in private|en pv|en dm|en mp|via dm)",
    rf"\b(?:donne|file|passe|envoie|laisse|give|send)\w*\s+(?:\w+\s+){{0,2}}(?:mon|ma|my|mijn)\s+(?:{NETWORKS})\b",
    rf"\b(?:j ai|jai|i have|i got|ik heb|je suis|jsuis|chui|i am|im|ik zit|ik ben)\s+(?:sur\s+|on\s+|op\s+)?(?:{NETWORKS})\b(?!\s+(?:qui|depuis|mais|et|a|ou|c))",
    r"\b(?:viens|venez|passe\w*|parl\w*|ecri\w*|continu\w*|discut\w*|contact\w*|envoi\w*|donne\w*|dis|dirai|"
    r"dit|talk|chat|text|message\w*|stuur|praat|kom|mp|dm|pm|te|t)\b(?:\s+\w+){0,4}\s+(?:en|in|on|op|par|via)\s+"
    r"(?:pv|mp|dm|dms|prive|private|prive e|privé)\b",
    r"\bmessage priv|\bprivate message|\bprive ?bericht|\bprivébericht|\bpriveberichtje",
    r"\b(?:en dehors|hors|outside|buiten)\s+(?:du|de ce|the|this|het|dit)\s+(?:forum|site|chat)\b",
    rf"\b(?:rejoins|rejoignez|join|viens|venez|kom|ajoute\w*|add|follow|volg|abonne\w*)\b(?:\s+\w+){{0,4}}\s+(?:{NETWORKS})\b",
    r"\b(?:pseudo|gamertag|psn|epic|id|tag|username|user|gebruikersnaam|nom d utilisateur)\b(?:\s+\w+)?\s+"
    r"(?:c est|c|cest|est|is|its|:|=)\s+(?!(?:pas|un|une|quoi|le|la|les|nul|trop|bien|not|a|the|een|niet)\b)[a-z0-9_.]{3,}",
    r"\bailleurs que (?:sur )?(?:le|ce) (?:forum|site)\b|\belsewhere than\b|\bergens anders\b",
    r"\b(?:chat|talk|parler|praten)\s+(?:privately|en prive|prive|in private|priv[eé])\b",
    r"\b(?:serveur|server)\s+(?:discord)\b",
    # "snap: emmavrm", "psn -> darkwolf": an explicit separator, any account name after it
    rf"\b(?:{NETWORKS})\b\s*(?::|->|=>|=)\s*@?(?!(?:nul|bien|trop|pas|quoi|oui|non|ok)\b)[a-z][a-z0-9_.]{{2,}}",
    r"\b(?:r?ajoute|add|voeg)\w*\s+(?:moi|me|mij)\b",
    r"\bmon @\s*(?:c est|c|cest|:|est)\s*\S+",
    r"\b(?:cherche|trouve|find|search|zoek)\w*\s+(?:moi|me|mij)\s+(?:sur|on|op)\b",
    r"\b(?:viens|venez|passe|go|come|kom)\s+(?:en\s+)?(?:pv|mp|dm|dms|prive)\b",
    r"\b(?:slide|come)\s+(?:in|into)\s+(?:my|mes)\s+dms?\b|\b(?:my|mes|mijn)\s+dms?\b",
    r"\bsnapcode\b|\bcode snap\b",
    r"\baccepte\w* (?:ma|mon) (?:demande|invit\w*)|\bdemande d ami|\bfriend request|\bvriendschapsverzoek",
    rf"\b(?:{_INVITE_VERB})\s+(?:moi|me|mij)\s*(?:c est|c|cest|:|->|its|it s|het is|is)\s*@?[a-z0-9]*[0-9_.][a-z0-9_.]*[a-z0-9]",
]
# A network named anywhere, and an account-looking word ("theo.lml",
# "yass_59") anywhere else in the text: "mon mail c le meme que mon insta".
_NETWORK = re.compile(rf"\b(?:{NETWORKS})\b")
_ACCOUNT = re.compile(r"(?<![\w@.])[a-z][a-z0-9]*[._][a-z0-9_.]*[a-z0-9](?![\w@])")
_DOMAIN = re.compile(r"\.(?:com|fr|be|net|org|eu|nl|uk|io|gg|me)$|^(?:www|http)")
_HANDLE = re.compile("|".join(f"(?:{p})" for p in _HANDLE_PATTERNS))
_NOT_HANDLE = re.compile(r"@\s*(?:tout le monde|everyone|iedereen|all)\b")


def has_handle(text: str) -> bool:
    folded = _unspaced(fold(text).replace("underscore", "_"))
    folded = _NOT_HANDLE.sub(" ", folded)
    if _HANDLE.search(folded) is not None:
        return True
    if _NETWORK.search(folded):
        return any(not _DOMAIN.search(m.group(0)) for m in _ACCOUNT.finditer(folded))
    return False


# ---------------------------------------------------------------- address

_STREET = (r"rue|r\.|avenue|av\.?|ave|bd|boulevard|boul|allee|impasse|imp|place|pl\.|chemin|sentier|quai|"
           r"route|rte|cours|square|passage|voie|villa|hameau|lieu dit|chaussee|ch\.|drève|dreve|clos|"
           r"parvis|esplanade|promenade|rond point|street|st\.?|road|rd\.?|lane|drive|way|close|"
           r"crescent|terrace|court|gardens")
_NUMBER_WORD = (r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
                r"seize|vingt|trente|quarante|cinquante|soixante|septante|nonante|cent)(?:[ -](?:et|un|deux|"
                r"trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|onze|douze))*")
_NL_STREET = r"[a-z]+(?:straat|laan|steenweg|plein|dreef|wijk|weg|lei|baan|kaai|markt|singel|vest|dijk|hof|pad|park)"
_ADDRESS = re.compile("|".join(f"(?:{p})" for p in [
    rf"\b(?:\d{{1,4}}|{_NUMBER_WORD})\s*(?:bis|ter|[a-z])?\s*,?\s+(?:{_STREET})(?=\s|$|,)"
    r"(?!\s+(?:en|pour|dans|a|au|par|sur|libre|of|in|for|to|at|on|et|ou|dispo\w*|restante?s?|de libre|"
    r"disponibles?|left|available|vrij)\b)",
    rf"\b(?:numero|au|no|n)\s+\d{{1,4}}\s*,?\s+(?:de la|du|de l|des|de)\s+(?:{_STREET})\b",
    rf"\b(?:{_STREET}|{_NL_STREET})\s+(?:[a-z\-]+\s+){{0,4}}(?:n|no|numero|nr|nummer)\.?\s*\d{{1,4}}\b",
    rf"\b{_NL_STREET}\s+\d{{1,4}}\b",
    rf"\b(?:{_STREET})\s+(?:[a-z\-]+\s+){{1,4}}\d{{1,4}}\s*(?:,|bte|bus|b|\d{{4,5}}|$|\s+[a-z]+)",
    r"\b(?:residence|res\.?|cite|immeuble|lotissement|lot\.|hlm|tour)\s+(?:[a-z\-]+\s+){0,4}?"
    r"(?:bat\.?|batiment|bloc|building|apt\.?|appt\.?|appartement|porte|etage|escalier|esc\.?|entree)\b",
    r"\b(?:bat\.?|batiment|bloc)\s+[a-z0-9]\b.*\b(?:apt|appt|appartement|porte|etage)\b",
    r"\b(?:apt|appt|appartement|flat)\s+\d+[a-z]?\s*,\s*\d{1,4}\s+\w+",
    r"\b(?:grote|kleine|oude|nieuwe)\s+(?:markt|plaats|weg|baan)\s+\d{1,4}\b",
    r"\b[a-z]+\s+\d{1,4}\s*(?:bte|bus|b)?\s*\d*\s*,\s*\d{4,5}\s+[a-z]{3,}",
]))


def has_address(text: str) -> bool:
    return _ADDRESS.search(fold(text)) is not None


# ---------------------------------------------------------------- name

@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    lines = (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in " ".join(
        ln for ln in lines if not ln.startswith("#")).split() if line.strip())


# Words that follow a first name without being a surname (fr, en, nl).
_NOT_SURNAME = frozenset("""
a au aux avec c ca ce cette ces chez dans de des du elle elles en est et etait il ils je la le les leur lui
ma mais me mes moi mon ne ni nous on ou par pas pour qu que qui sa se ses si son sur ta te tes toi ton tu un
une vous y ya m t s l d n j qui quoi comme aussi alors apres avant bien tres trop plus moins deja encore
toujours jamais hier demain ce soir ici la bas oui non merci salut stp svp mdr lol ptdr wsh
am an and are as at be but by for from had has have he her him his i in is it its me my no not of on or our
she so that the their them they this to too was we were what when who will with you your yes ok hi hey
aan al als bij dan dat de die dit een en er haar heb heeft het hij hem hun ik in is je jij kan maar me
met mij mijn na naar niet nog nu of om op te toe tot uit van voor was wat we wel wie wil zal ze zei zij zijn
ans jaar years yo fille gars mec meuf pote copine copain frere soeur mere pere cousin cousine prof
ecole classe college lycee club equipe team
""".split())
# Famous people named as a topic are not personal data.
FAMOUS = frozenset("""
emmanuel macron victor hugo kylian mbappe stromae squeezie jean jacques goldman alexander croo
jean-jacques angele aya nakamura orelsan booba jul ninho gims zinedine zidane antoine griezmann
taylor swift lionel messi cristiano ronaldo elon musk billie eilish marine pen jordan bardella
charles baudelaire albert camus moliere paul virginie harry potter lewis hamilton remco evenepoel
""".split())
_INTRO = re.compile(
    r"\b(?:je m appelle|je m apelle|j m appelle|m appelle|on m appelle|moi c est|moi c|moi cest|je suis|jsuis|"
    r"chui|c est|cest|c|s appelle|s apelle|elle s appelle|il s appelle|mon nom est|mon nom c est|"
    r"my name is|my name s|i am|im|i m|its|it s|called|named|ask|ik ben|ik heet|mijn naam is|heet|"
    r"vraag het aan|vraag aan|demande a|dites a|dis a|tell|envoyez vos questions a|pour|madame|monsieur|"
    r"mme|mr|m\.|de la part de|signe|coach c|coach c est)\s+([a-z][a-z\-]+)\s+((?:van den |van der |van de |"
    r"van |de |le |la |du |des |ten |ter |vande |vanden )?[a-z][a-z\-]+)")
# A lookahead, so that every pair of neighbouring words is tried ("tu connais yanis bouzidi").
_PAIR = re.compile(r"(?=\b([a-z][a-z\-]{2,})\s+((?:van den |van der |van de |van |de |ten |ter )?[a-z][a-z\-]{2,})\b)")
# Handles and addresses are not names: "manon.dlt", "lea_59", "kev@".
_HANDLE_TOKEN = re.compile(r"\S*[0-9_.@#]\S*")


_STRONG_INTRO = re.compile(
    r"\b(?:je m appelle|je m apelle|j m appelle|on m appelle|s appelle|s apelle|mon nom est|mon nom c est|"
    r"my name is|my name s|i am called|ik heet|mijn naam is|heet)\s+([a-z][a-z\-]+)\s+((?:van den |van der |"
    r"van de |van |de |le |la |ten |ter )?[a-z][a-z\-]+)")
# Two capitalised words after "je suis", "c'est", "I'm", "ik ben": "je suis Nolan Carpentier".
_CAPITALISED_INTRO = re.compile(
    r"(?:je suis|jsuis|moi c'est|moi c|c'est|cest|i am|i'm|im|ik ben|this is|hier is|ici)\s+"
    r"([A-ZÀ-Ý][a-zà-ÿ\-]+)\s+((?:[Vv]an |[Dd]e |[Ll]e |[Dd]en )*[A-ZÀ-Ý][A-Za-zà-ÿ\-]+)")


def _is_surname(word: str) -> bool:
    last = word.split()[-1]
    return last not in _NOT_SURNAME and len(last) >= 2 and not last.isdigit()


def has_name(text: str) -> bool:
    folded = _HANDLE_TOKEN.sub(" ", fold(text).replace("'", " "))
    folded = re.sub(r"[^a-z0-9\- ]+", " ", folded)
    names = first_names()
    for match in _STRONG_INTRO.finditer(folded):
        first, last = match.group(1), match.group(2)
        if (first not in _NOT_SURNAME and _is_surname(last) and first not in ("monsieur", "madame", "mme", "mr")
                and not ({first, last.split()[-1]} & FAMOUS)):
            return True
    for match in _CAPITALISED_INTRO.finditer(text or ""):
        first, last = fold(match.group(1)), fold(match.group(2))
        if _is_surname(last) and first not in _NOT_SURNAME and not ({first, last.split()[-1]} & FAMOUS):
            return True
    for match in _INTRO.finditer(folded):
        first, last = match.group(1), match.group(2)
        if first.split("-")[0] in names and _is_surname(last) and not (
                {first, last.split()[-1]} & FAMOUS):
            return True
    for match in _PAIR.finditer(folded):
        first, last = match.group(1), match.group(2)
        surname = last.split()[-1]
        if (first.split("-")[0] in names and _is_surname(last) and surname not in names
                and first not in FAMOUS and surname not in FAMOUS):
            return True
    return False


def personal_data_kinds(text: str | None) -> list[str]:
    """The kinds of personal data in a text, in a fixed order."""
    text = text or ""
    kinds = []
    if has_phone(text):
        kinds.append("phone")
    if has_email(text):
        kinds.append("email")
    if has_handle(text) or (kinds[:1] == ["phone"] and _MESSENGER.search(fold(text))):
        kinds.append("handle")
    if has_address(text):
        kinds.append("address")
    if has_name(text):
        kinds.append("name")
    return kinds
