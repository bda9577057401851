"""What every channel shows once ``screen`` has read a text: which country's
numbers, the numbers themselves, the "before you send" step, the quick exit.

Only ``portal.safety``'s public surface is called (``screen``,
``help_numbers``, ``all_help_numbers``). The engine behind it is being
rebuilt (issue 12): ``help_numbers`` may not take ``kinds`` / ``country`` /
``minor`` yet, and ``all_help_numbers`` may not exist; the adapter below asks
for what exists and falls back on the old ``help_numbers()`` (France's list).
"""

from __future__ import annotations

import inspect
from functools import lru_cache

from flask import current_app, g, has_app_context, request

import portal.safety as safety

COUNTRIES = ("FR", "BE")
#: The pages where the quick exit is offered: those a young person may read
#: about what is happening to them (staff pages, the console, moderation: no).
QUICK_EXIT_ENDPOINTS = frozenset({
    "assistant.page", "chat.page", "safety.help", "forum.index", "forum.category",
    "forum.topic", "forum.search", "forum.new_topic", "forum.reply"})
#: The pages that load css/quick-exit.css: those, and the forms with a
#: "before you send" step.
STYLED_ENDPOINTS = QUICK_EXIT_ENDPOINTS | {"directory.contact", "booking.book"}
#: The form field a "before you send" step adds (contact form, booking).
SEEN_FIELD = "safety_seen"


# --- the engine's surface, whatever its age ------------------------------------------

@lru_cache(maxsize=1)
def _help_numbers_takes_country() -> bool:
    try:
        return "country" in inspect.signature(safety.help_numbers).parameters
    except (TypeError, ValueError):
        return False


def numbers_for(kinds=None, *, country: str = "FR", minor: bool | None = None) -> list[dict]:
    """The numbers for these kinds of distress (every one when None), as
    ``{number, label, tel}``, in the order to show."""
    if _help_numbers_takes_country():
        return list(safety.help_numbers(kinds, country=country, minor=minor))
    return safety.help_numbers()  # the old engine: France's numbers, every one


def countries() -> tuple[str, ...]:
    """The countries whose numbers the engine knows: France only until it
    takes a ``country`` (a Belgian page of French numbers would mislead)."""
    if getattr(safety, "all_help_numbers", None) is not None and _help_numbers_takes_country():
        return COUNTRIES
    return ("FR",)


def all_numbers(country: str = "FR") -> list[dict]:
    """Every number of a country for the help page, each with its ``kinds``."""
    every = getattr(safety, "all_help_numbers", None)
    if every is not None:
        return list(every(country=country))
    return [dict(n, kinds=[]) for n in safety.help_numbers()]


def screen(text: str, *, locale: str | None = None, country: str | None = None):
    """The one screening (``portal.safety.screen``), once per text and unit
    of work: the chat's ``send`` asks where it stores the message and again
    where it answers the young person, the forum in its operation and its
    view — the engine reads the text once (kept on ``g``, so for one request
    or socket event only)."""
    key = (text or "", locale, country)
    if not has_app_context():
        return safety.screen(key[0], locale=locale, country=country)
    memo = g.setdefault("safety_screened", {})
    if len(memo) > 32:  # a long unit of work (a task, a CLI command) keeps no pile
        memo.clear()
    if key not in memo:
        memo[key] = safety.screen(key[0], locale=locale, country=country)
    return memo[key]


# --- which country ---------------------------------------------------------------------

def country_of_commune(commune: str | None) -> str | None:
    """"Mouscron", "7700", "59350", an INSEE code… → "BE" / "FR"; None if unknown."""
    if not commune or not commune.strip():
        return None
    from portal.geo.places import UnknownPlace, resolve_place

    try:
        place = resolve_place(commune)
    except UnknownPlace:
        return None
    return place.commune.country if place.commune else None


def country_for(*, choice: str | None = None, commune: str | None = None,
                locale: str | None = None) -> str:
    """The person's own choice first (the help page's switch), then where
    they said they are, then their language (Dutch: Belgium), else France —
    among the countries the engine has numbers for."""
    known = countries()
    if choice and choice.upper() in known:
        return choice.upper()
    if (found := country_of_commune(commune)) in known:
        return found
    return "BE" if (locale or "").startswith("nl") and "BE" in known else "FR"


# --- what the channels show -------------------------------------------------------------

def distress_numbers(found) -> list[dict]:
    """The numbers a screening calls for, as ``{number, label, tel}`` ([] if none)."""
    if not found.distress:
        return []
    return [{"number": n["number"], "label": str(n["label"]), "tel": n["tel"]}
            for n in found.numbers]


def check_payload(found) -> dict:
    """The API's answer: ``{distress: {kinds, numbers}, personal_data}``."""
    return {"distress": {"kinds": list(found.distress.kinds) if found.distress else [],
                         "numbers": distress_numbers(found)},
            "personal_data": list(found.personal_data)}


def before_sending(text: str, *, locale: str | None = None, country: str | None = None) -> list[dict]:
    """Contact form, booking note: the numbers to show before the message
    leaves, once ([] when nothing calls for them or the person has seen them
    and sends anyway — the form then carries ``safety_seen``)."""
    if request.form.get(SEEN_FIELD) == "1":
        return []
    return distress_numbers(screen(text, locale=locale, country=country))


def quick_exit_url() -> str:
    return current_app.config["SAFETY_QUICK_EXIT_URL"]


def quick_exit_here() -> bool:
    return request.endpoint in QUICK_EXIT_ENDPOINTS


def safety_css_here() -> bool:
    return request.endpoint in STYLED_ENDPOINTS
