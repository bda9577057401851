"""The one registry of indicators: every page, board, export and API answer
reads its figures through these definitions, so two pages never disagree.

An indicator says what it counts (kinds and flag of the anonymous events),
how (a count, a share, a median or a 90th percentile of the events' value),
which breakdowns it allows, the smallest group it shows, and the version in
which it appeared. A definition that changes is a new indicator name; the
old one keeps its series.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

BREAKDOWNS = ("theme", "commune", "department", "age_range", "channel")


@dataclass(frozen=True)
class Source:
    kinds: tuple[str, ...]
    flag: bool | None = None  # None: any


@dataclass(frozen=True)
class Indicator:
    name: str
    title: object
    definition: object
    measure: str  # count | share | median | p90
    source: Source  # the counted events; a share's numerator
    denominator: Source | None = None  # a share's whole
    unit: object = ""
    breakdowns: tuple[str, ...] = ("theme", "commune", "department", "age_range")
    k: int | None = None  # None: the install's default (disclosure.minimum_cell_size)
    since: str = "1.0"
    public: bool = True
    higher_is_better: bool | None = None


REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    REGISTRY[indicator.name] = indicator
    return indicator


register(Indicator(
    "guide_searches", _l("Searches in the guide"),
    _l("Number of searches made in the guide of structures."),
    "count", Source(("guide_search",))))
register(Indicator(
    "guide_searches_without_result", _l("Searches that found nothing"),
    _l("Share of guide searches that gave no result: a need the guide does not cover yet."),
    "share", Source(("guide_search",), flag=True), Source(("guide_search",)), unit="%",
    higher_is_better=False))
register(Indicator(
    "guide_searches_no_result", _l("Searches with no result"),
    _l("Number of guide searches that gave no result, by where and what was looked for."),
    "count", Source(("guide_search",), flag=True), higher_is_better=False))
register(Indicator(
    "assistant_questions", _l("Questions to the assistant"),
    _l("Number of questions asked to the assistant."),
    "count", Source(("assistant_question",)), breakdowns=("theme", "age_range")))
register(Indicator(
    "assistant_unanswered", _l("Questions the assistant could not answer"),
    _l("Share of the assistant's questions for which no information sheet matched."),
    "share", Source(("assistant_question",), flag=False), Source(("assistant_question",)),
    unit="%", breakdowns=("theme", "age_range"), higher_is_better=False))
register(Indicator(
    "assistant_unanswered_count", _l("Questions without an answer"),
    _l("Number of the assistant's questions for which no information sheet matched."),
    "count", Source(("assistant_question",), flag=False), breakdowns=("theme", "age_range"),
    higher_is_better=False))
register(Indicator(
    "chat_conversations", _l("Live chat conversations"),
    _l("Number of conversations started with a professional in the live chat."),
    "count", Source(("chat_started",))))
register(Indicator(
    "chat_wait_median", _l("Wait before a professional answers (median)"),
    _l("Median wait, in minutes, between the first message and the professional's first answer."),
    "median", Source(("chat_answered",)), unit=_l("min"), breakdowns=("theme", "department"),
    higher_is_better=False))
register(Indicator(
    "chat_wait_p90", _l("Wait before a professional answers (9 in 10 within)"),
    _l("Wait, in minutes, within which nine conversations in ten got a professional's answer."),
    "p90", Source(("chat_answered",)), unit=_l("min"), breakdowns=("theme", "department"),
    higher_is_better=False))
register(Indicator(
    "chat_abandoned", _l("Chats nobody took"),
    _l("Share of chat conversations that ended before a professional answered."),
    "share", Source(("chat_abandoned",)), Source(("chat_answered", "chat_abandoned")), unit="%",
    breakdowns=("theme", "department"), higher_is_better=False))
register(Indicator(
    "chats_abandoned_count", _l("Chats that ended unanswered"),
    _l("Number of chat conversations that ended before a professional answered."),
    "count", Source(("chat_abandoned",)), breakdowns=("theme", "department"), higher_is_better=False))
register(Indicator(
    "forum_topics", _l("Questions in the forum"),
    _l("Number of topics opened in the forum."),
    "count", Source(("forum_topic",)), breakdowns=("theme",)))
register(Indicator(
    "forum_unanswered_48h", _l("Forum questions without a professional's answer after 48 hours"),
    _l("Number of forum topics that had no professional's answer 48 hours after they were opened."),
    "count", Source(("forum_unanswered_48h",)), breakdowns=("theme",), higher_is_better=False))
register(Indicator(
    "contacts_sent", _l("Messages sent to professionals"),
    _l("Number of messages sent to a professional of the guide through the contact form."),
    "count", Source(("contact_sent",))))
register(Indicator(
    "appointments_booked", _l("Appointments booked"),
    _l("Number of appointments booked with a professional."),
    "count", Source(("appointment_booked",))))
register(Indicator(
    "appointments_kept", _l("Appointments kept"),
    _l("Share of appointments that took place among those kept or missed."),
    "share", Source(("appointment_kept",)), Source(("appointment_kept", "appointment_missed")),
    unit="%", higher_is_better=True))
register(Indicator(
    "assistant_distress", _l("Messages showing distress"),
    _l("Number of messages to the assistant in which distress was recognised and help numbers shown."),
    "count", Source(("assistant_distress",)), breakdowns=("department", "age_range"), public=False,
    k=10))


def get(name: str) -> Indicator | None:
    return REGISTRY.get(name)


def public() -> list[Indicator]:
    return [i for i in REGISTRY.values() if i.public]


def all_indicators() -> list[Indicator]:
    return list(REGISTRY.values())
