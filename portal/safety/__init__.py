"""The one screening of free text, for every channel (assistant, chat, forum,
contact form, booking notes, consultations, proposals…).

This module is the safety domain's public surface: other domains import from
here and nowhere else in ``portal.safety``.

    from portal.safety import screen
    result = screen(text, locale="fr", country="FR")
    result.distress            # falsy when nothing was recognised
    result.distress.kinds      # ["suicide", "no_shelter", …]
    result.distress.numbers    # [{"number", "label", "tel"}, …] in the order to show
    result.personal_data       # ["phone", "email", "handle", "address", "name"]
    result.banned              # banned words (forum moderation)

(The implementation behind this surface is being rebuilt: issue 12.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.core.safety import (  # noqa: F401  (re-exported)
    DistressResult,
    detect_distress,
    hash_ip,
    help_numbers,
    number_payload,
)


@dataclass
class Screening:
    distress: DistressResult
    personal_data: list[str] = field(default_factory=list)
    banned: bool = False

    @property
    def numbers(self) -> list[dict]:
        return [number_payload(n) for n in self.distress.numbers]


def personal_data_kinds(text: str) -> list[str]:
    from portal.forum.safety import personal_data_kinds as kinds

    return kinds(text)


def screen(text: str, *, locale: str | None = None, country: str | None = None) -> Screening:
    from portal.forum.safety import has_banned_words

    return Screening(distress=detect_distress(text), personal_data=personal_data_kinds(text),
                     banned=has_banned_words(text))
