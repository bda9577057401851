"""Opening hours in the OpenStreetMap ``opening_hours`` syntax: the one "open now".

The guide's index, the structure and person pages and the JSON API all ask
``is_open`` here, with the place's country, so that "PH off" means France's
public holidays in France and Belgium's in Belgium (the parser carries both
calendars). Times are local to the structure (Europe/Paris on both sides of
the border).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from opening_hours import OpeningHours, ParserError, State

from portal.core.time import PARIS

#: The countries whose public holidays the guide knows (its structures' countries).
COUNTRIES = ("FR", "BE")
DEFAULT_COUNTRY = "FR"


def _country(country: str | None) -> str:
    return country if country in COUNTRIES else DEFAULT_COUNTRY


@lru_cache(maxsize=4096)
def _parse(hours: str, country: str) -> OpeningHours | None:
    try:
        return OpeningHours(hours, country=country)
    except (ParserError, SyntaxError, ValueError):
        return None


def parse(hours: str | None, country: str | None) -> OpeningHours | None:
    """Parsed hours; ``country`` gives the public holidays that "PH" means."""
    if not hours or not hours.strip():
        return None
    return _parse(hours.strip(), _country(country))


def is_valid(hours: str) -> bool:
    # The syntax is the same in every country: only what "PH" means differs.
    return parse(hours, DEFAULT_COUNTRY) is not None


def _local(at: datetime) -> datetime:
    return at.astimezone(PARIS).replace(tzinfo=None)


def is_open(hours: str | None, country: str | None, at: datetime) -> bool | None:
    """True/False, or None when the entry gives no (readable) hours."""
    parsed = parse(hours, country)
    if parsed is None:
        return None
    try:
        return parsed.state(_local(at))[0] == State.OPEN
    except Exception:  # noqa: BLE001 -- a rule the parser reads but cannot evaluate (Rust panics)
        return None


def index_term(hours: str | None, country: str | None) -> str | None:
    """What the guide's index stores for one entry's hours: the country and
    the string as one term, so "open now" is evaluated once per distinct pair
    (``is_open_term``), with the same rule as the pages."""
    if not hours or not hours.strip():
        return None
    return f"{_country(country)}@{hours.strip()}"


def is_open_term(term: str, at: datetime) -> bool:
    """``is_open`` for an ``index_term``; a term without a country (an index
    built before terms carried one) is read as French."""
    country, sep, hours = term.partition("@")
    if not sep or country not in COUNTRIES:
        country, hours = DEFAULT_COUNTRY, term
    return bool(is_open(hours, country, at))


def week(hours: str | None, country: str | None, start: datetime,
         days: int = 7) -> list[tuple[date, list[tuple[time, time]]]]:
    """The opening ranges of each of the next ``days`` days, for a table."""
    parsed = parse(hours, country)
    if parsed is None:
        return []
    first = _local(start).replace(hour=0, minute=0, second=0, microsecond=0)
    table = {first.date() + timedelta(days=i): [] for i in range(days)}
    for begin, end, state, _comment in parsed.intervals(first, first + timedelta(days=days)):
        if state != State.OPEN:
            continue
        # An interval can run past midnight (24/7): cut it per day.
        while begin < end:
            day_end = datetime.combine(begin.date() + timedelta(days=1), time())
            piece_end = min(end, day_end)
            if begin.date() in table:
                closing = time(23, 59) if piece_end == day_end else piece_end.time()
                table[begin.date()].append((begin.time(), closing))
            begin = piece_end
    return list(table.items())
