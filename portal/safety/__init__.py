"""The one screening of free text, for every channel (assistant, chat, forum,
contact form, booking notes, consultations, proposals…).

This module is the safety domain's public surface: other domains import from
here and nowhere else in ``portal.safety``.

    from portal.safety import screen, help_numbers, all_help_numbers
    s = screen(text, locale="fr", country="FR")   # country "FR"/"BE" or None (nl → BE)
    s.distress            # falsy when nothing was recognised
    s.distress.kinds      # ["suicide", "no_shelter", …] in the issue's order
    s.distress.numbers    # ["3114", "115", "17", "112"] in the order to show
    s.numbers             # [{"number", "label", "tel", "source"}, …] the same, to show
    s.personal_data       # subset of ["phone", "email", "handle", "address", "name"]
    s.banned              # banned words (forum moderation)

How: ``normalise.py`` turns the way young people type into plain words,
``distress.py`` (patterns in ``patterns_*.py``) finds the kinds,
``numbers.py`` (``data/help_numbers.json``) orders their numbers,
``personal.py`` finds personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.safety.banned import has_banned_words
from portal.safety.distress import DistressResult, detect_distress, minor_in
from portal.safety.numbers import all_number_ids, number_ids, payload, table
from portal.safety.personal import personal_data_kinds
from portal.safety.privacy import hash_ip

__all__ = ["DistressResult", "Screening", "all_help_numbers", "detect_distress", "has_banned_words",
           "hash_ip", "help_numbers", "minor_in", "number_payload", "personal_data_kinds", "screen"]


def country_for(country: str | None, locale: str | None) -> str:
    """The country whose numbers are shown: the one given, else Belgium for a
    Dutch speaker, else France."""
    if country:
        return "BE" if country.upper() == "BE" else "FR"
    return "BE" if (locale or "")[:2] == "nl" else "FR"


@dataclass
class Screening:
    distress: DistressResult
    personal_data: list[str] = field(default_factory=list)
    banned: bool = False

    @property
    def numbers(self) -> list[dict]:
        return self.distress.payloads


def screen(text: str | None, *, locale: str | None = None, country: str | None = None,
           minor: bool | None = None) -> Screening:
    """Everything the portal checks in a free text, in one pass."""
    distress = detect_distress(text, locale=locale, country=country_for(country, locale), minor=minor)
    return Screening(distress=distress, personal_data=personal_data_kinds(text),
                     banned=has_banned_words(text))


def _number_id(value: str) -> str | None:
    numbers = table()["numbers"]
    if value in numbers:
        return value
    digits = "".join(ch for ch in value if ch.isdigit())
    return next((key for key, entry in numbers.items() if entry["tel"] == "tel:" + digits), None)


def help_numbers(kinds=None, *, country: str | None = "FR", minor: bool | None = None,
                 locale: str | None = None) -> list[dict]:
    """The numbers for those kinds of distress, in the order to show
    (``{number, label, tel, source}``); every line of the country when
    ``kinds`` is None. Numbers ("3114") are accepted in place of kinds, as
    the channels passed them before (``help_numbers(distress.numbers)``)."""
    if not kinds:
        return [dict(payload(n), kinds=k) for n, k in all_number_ids(country_for(country, locale))]
    order = table()["order"]
    kinds = list(kinds)
    if all(k in order for k in kinds):
        ids = number_ids(kinds, country=country_for(country, locale), minor=minor, locale=locale)
    else:
        ids = [i for k in kinds if (i := _number_id(k)) is not None]
    return [payload(n) for n in ids]


def all_help_numbers(country: str | None = "FR") -> list[dict]:
    """Every number of a country for the help page, each with the ``kinds`` it answers."""
    return [dict(payload(n), kinds=k) for n, k in all_number_ids(country_for(country, None))]


def number_payload(number: str) -> dict:
    """One number as ``{number, label, tel, source}`` ("3114" or an id)."""
    found = _number_id(number)
    if found is None:
        raise KeyError(number)
    return payload(found)
