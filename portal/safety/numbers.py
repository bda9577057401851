"""The help lines: which numbers for which kind of distress, in which order,
for France or Belgium (``data/help_numbers.json``, each number with the
official page it comes from), and their labels in the reader's language.

Order rules (issue 12): kinds in the order of the issue, each kind's numbers
in its own order, a number given once; numbers for minors left out only
when the writer is known to be an adult; 17 and 112 (112 in Belgium) close
every list; for a Dutch speaker the Dutch-speaking Belgian line comes before
its French-speaking twin (1813 before 0800 32 123, 102 before 103).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

DATA = Path(__file__).resolve().parent / "data" / "help_numbers.json"

#: What each line is for, in words a young person understands.
LABELS = {
    "3114": _l("Suicide prevention: someone listens, day and night, free."),
    "119": _l("Child or teenager in danger (violence, abuse at home): day and night, free."),
    "3919": _l("Violence in a couple, sexual violence, forced marriage: someone listens and "
               "advises, day and night, free."),
    "3018": _l("Harassment and cyber-harassment, at school or online: free and confidential."),
    "115": _l("Emergency shelter, for tonight: day and night, free."),
    "0800081111": _l("Sexuality, contraception, abortion: free and anonymous."),
    "0800235236": _l("Fil Santé Jeunes: health, love, sexuality, eating, drugs, for young "
                     "people, free and anonymous."),
    "0800231313": _l("Drogues Info Service: drugs and addictions, free and anonymous, every day."),
    "17": _l("Police: when you are in danger right now."),
    "112": _l("Emergency number, from any phone in Europe."),
    "080032123": _l("Suicide prevention (Belgium, in French): day and night, free."),
    "1813": _l("Zelfmoordlijn 1813, suicide prevention (Belgium, in Dutch): day and night, free."),
    "103": _l("Écoute-Enfants (Belgium, in French): for children and teenagers, free."),
    "102": _l("Awel (Belgium, in Dutch): for children and teenagers, free."),
    "080030030": _l("Violence in a couple (Belgium, in French): free."),
    "1712": _l("1712 (Belgium, in Dutch): violence, abuse and child abuse, free."),
    "080098100": _l("SOS Viol (Belgium): sexual violence, free."),
    "022275252": _l("Infor-Drogues (Belgium, in French): drugs and addictions, day and night."),
    "078151020": _l("De DrugLijn (Belgium, in Dutch): alcohol, drugs and gambling."),
    "080099340": _l("Samusocial (Brussels): emergency shelter, free."),
    "112BE": _l("Emergency number, from any phone in Europe."),
}


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def kinds_order() -> list[str]:
    return list(table()["order"])


def _country(country: str | None) -> str:
    return "BE" if (country or "").upper() == "BE" else "FR"


def number_ids(kinds, *, country: str | None = "FR", minor: bool | None = None,
               locale: str | None = None) -> list[str]:
    """The ids of the numbers to show for these kinds, in order, closing
    numbers last."""
    data, country = table(), _country(country)
    per_kind = data["kinds"][country]
    wanted = set(kinds)
    closing = data["closing"][country]
    ids: list[str] = []
    for kind in data["order"]:
        if kind not in wanted:
            continue
        for entry in per_kind.get(kind, ()):
            number, for_minors = (entry, False) if isinstance(entry, str) else (entry["id"], True)
            if for_minors and minor is False:
                continue
            if number not in ids and number not in closing:
                ids.append(number)
    if (locale or "")[:2] == "nl":
        for french, dutch in data["dutch_first"].items():
            if french in ids and dutch in ids and ids.index(dutch) > ids.index(french):
                ids.remove(dutch)
                ids.insert(ids.index(french), dutch)
    return ids + list(closing) if ids else []


def payload(number_id: str) -> dict:
    """``{number, label, tel, source}`` for one line (label in the request's language)."""
    entry = table()["numbers"][number_id]
    return {"number": entry["number"], "label": str(LABELS[number_id]), "tel": entry["tel"],
            "source": entry["source"]}


def all_number_ids(country: str | None = "FR") -> list[tuple[str, list[str]]]:
    """Every line of a country with the kinds it answers, in the order of
    the first kind it serves; closing numbers last."""
    data, country = table(), _country(country)
    found: dict[str, list[str]] = {}
    for kind in data["order"]:
        for entry in data["kinds"][country].get(kind, ()):
            number = entry if isinstance(entry, str) else entry["id"]
            if number not in data["closing"][country]:
                found.setdefault(number, []).append(kind)
    for number in data["closing"][country]:
        found[number] = list(data["order"])
    return list(found.items())
