"""A year of plausible anonymous figures for the demo territory, so that a
newcomer's ``make run`` shows living boards and public pages.

Everything is generated (a seeded random generator): no real person's data,
no real figure. Facts are written directly, day by day, the way the nightly
aggregation would have written them; the last finished month is frozen and
one month carries a correction, so the methodology page has one to show.
The benchmark (``bench/observatory.py``) uses :func:`events_for_day` to make
raw events at scale.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import insert

from portal.core.demo import seeding_demo_content
from portal.core.observe import AGE_RANGES, new_journey
from portal.core.time import local_today
from portal.extensions import db
from portal.observatory import operations, snapshots
from portal.observatory.kinds import JOURNEY_STEPS, bucket_of
from portal.observatory.models import AggregatedDay, CalendarEntry, Fact

#: Communes of the demo territory, weighted by how many young people live there.
COMMUNES = {
    "59350": 24, "59512": 10, "59599": 10, "59009": 7, "59650": 4, "59378": 4, "59328": 3,
    "59017": 3, "59360": 2, "59410": 2, "59163": 2, "59299": 2, "59646": 2, "59279": 2,
    "59560": 1, "59220": 2, "59507": 2, "BE-54007": 4, "BE-57081": 3, "BE-34022": 3,
    "BE-54010": 1, "BE-34027": 1,
}
THEMES = {"logement": 22, "emploi": 24, "orientation": 18, "sante": 14, "decrochage": 8,
          "mobilite": 6, "ressources": 8}
AGES = {"13-17": 3, "18-25": 6, "26-30": 2}
#: Month → how busy it is (September is the peak: studies, housing).
SEASON = {1: 1.0, 2: 0.95, 3: 1.0, 4: 0.95, 5: 0.9, 6: 1.05, 7: 0.7, 8: 0.65, 9: 1.4, 10: 1.2,
          11: 1.05, 12: 0.8}


_CUMULATIVE: dict[int, tuple[list, list]] = {}


def _pick(rng: random.Random, weights: dict) -> str:
    if id(weights) not in _CUMULATIVE:
        total, cumulative = 0, []
        for weight in weights.values():
            total += weight
            cumulative.append(total)
        _CUMULATIVE[id(weights)] = (list(weights), cumulative)
    keys, cumulative = _CUMULATIVE[id(weights)]
    return rng.choices(keys, cum_weights=cumulative)[0]


def events_for_day(day: date, rng: random.Random, scale: float = 1.0):
    """The day's anonymous events, as ``observe.record`` would have stored them."""
    busy = SEASON[day.month] * (0.55 if day.weekday() >= 5 else 1.0) * scale
    for _ in range(int(rng.gauss(120, 12) * busy)):
        theme, commune, age = _pick(rng, THEMES), _pick(rng, COMMUNES), _pick(rng, AGES)
        # Housing and the Belgian side find less in the guide: an unmet need to show.
        nothing = rng.random() < (0.28 if theme == "logement" else 0.1) + (0.12 if commune.startswith("BE") else 0)
        journey = new_journey()
        yield _event(day, "guide_search", theme, commune, age, flag=nothing, value=0 if nothing else rng.randint(1, 40),
                     journey=journey)
        if nothing or rng.random() > 0.6:
            continue
        yield _event(day, "entry_viewed", theme, commune, age, journey=journey)
        if rng.random() < 0.45:
            yield _event(day, "contact_shown", theme, commune, age, journey=journey)
            if rng.random() < 0.5:
                yield _event(day, "contact_sent", theme, commune, age, journey=journey)
                if rng.random() < 0.4:
                    yield _event(day, "appointment_booked", theme, commune, age, value=rng.randint(1, 14),
                                 journey=journey)
    for _ in range(int(rng.gauss(45, 6) * busy)):
        theme, age = _pick(rng, THEMES), _pick(rng, AGES)
        yield _event(day, "assistant_question", theme, None, age, flag=rng.random() > (0.3 if theme == "sante" else 0.18))
        if rng.random() < 0.02:
            yield _event(day, "assistant_distress", None, _pick(rng, COMMUNES), age)
    for _ in range(int(rng.gauss(14, 3) * busy)):
        theme, commune, age = _pick(rng, THEMES), _pick(rng, COMMUNES), _pick(rng, AGES)
        yield _event(day, "chat_started", theme, commune, age)
        if rng.random() < 0.12:
            yield _event(day, "chat_abandoned", theme, commune, age, value=rng.uniform(120, 900))
        else:
            yield _event(day, "chat_answered", theme, commune, age, value=rng.lognormvariate(math.log(150), 0.7))
    for _ in range(int(rng.gauss(6, 2) * busy)):
        theme = _pick(rng, THEMES)
        yield _event(day, "forum_topic", theme, None, None)
        if rng.random() < 0.15:
            yield _event(day, "forum_unanswered_48h", theme, None, None)
        else:
            yield _event(day, "forum_answered", theme, None, None, value=rng.uniform(1, 40))
    for _ in range(int(rng.gauss(8, 2) * busy)):
        commune, age = _pick(rng, COMMUNES), _pick(rng, AGES)
        yield _event(day, "appointment_kept" if rng.random() < 0.82 else "appointment_missed",
                     _pick(rng, THEMES), commune, age)


def _event(day, kind, theme, commune, age, *, flag=None, value=None, journey=None) -> dict:
    return {"day": day, "kind": kind, "theme": theme, "subtheme": None, "commune": commune,
            "age_range": age if age in AGE_RANGES else None, "channel": None, "flag": flag,
            "value": value, "journey": journey}


_DEPARTMENTS: dict = {}


def _facts(day: date, events) -> list[dict]:
    """What aggregation makes of a day's events (operations.aggregate_day), in memory."""
    counts, sums, paths = Counter(), Counter(), {}
    for e in events:
        key = (e["kind"], e["theme"], e["commune"], e["age_range"], e["flag"], bucket_of(e["value"], e["kind"]))
        counts[key] += 1
        if e["value"] is not None:
            sums[key] += e["value"]
        if e["journey"]:
            paths.setdefault(e["journey"], [(e["theme"], e["commune"], e["age_range"]), set()])[1].add(e["kind"])
    for (theme, commune, age), reached in paths.values():
        for step in JOURNEY_STEPS:
            if step not in reached:
                break
            counts[("journey", theme, commune, age, None, None, step)] += 1
    facts = []
    for key, count in counts.items():
        kind, theme, commune, age, flag, bucket, *step = key
        if commune not in _DEPARTMENTS:
            _DEPARTMENTS[commune] = operations.department_of(commune)
        facts.append({"day": day, "kind": kind, "theme": theme, "subtheme": None, "commune": commune,
                      "department": _DEPARTMENTS[commune], "age_range": age,
                      "channel": step[0] if step else None, "flag": flag, "bucket": bucket,
                      "count": count, "value_sum": sums.get(key)})
    return facts


def seed_observatory(days: int = 365, today: date | None = None) -> int:
    today = today or local_today()
    rng = random.Random(18)
    written = 0
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        events = list(events_for_day(day, rng))
        facts = _facts(day, events)
        db.session.execute(insert(Fact), facts)
        db.session.add(AggregatedDay(day=day, events=len(events)))
        written += len(facts)
    db.session.flush()
    start = today - timedelta(days=days)
    db.session.add_all([
        CalendarEntry(day=date(start.year, 9, 1) if start.month < 9 else date(start.year + 1, 9, 1),
                      kind="campaign", label="Campagne « Un toit pour étudier » (logement étudiant)"),
        CalendarEntry(day=start + timedelta(days=40), kind="launch", label="Ouverture du chat en soirée"),
        CalendarEntry(day=date(today.year, 7, 4) if today.month > 7 else date(today.year - 1, 7, 4),
                      end_day=date(today.year, 9, 1) if today.month > 7 else date(today.year - 1, 9, 1),
                      kind="holidays", label="Vacances scolaires d'été"),
    ])
    snapshots.freeze_month(snapshots.last_finished_month(today))
    db.session.flush()
    return written


@seeding_demo_content.connect
def _seed(sender, count=None, **_):
    if count is None:
        return seed_observatory()
    return 0
