"""The kinds of anonymous events the domains record, and the value buckets.

A kind names what happened; its ``flag`` and ``value`` mean one thing each,
written here once so that recording and reading agree.
"""

from __future__ import annotations

import math

#: kind → (what the flag means, what the value is)
KINDS = {
    "guide_search": ("no result", "results"),
    "entry_viewed": (None, None),
    "contact_shown": (None, None),
    "contact_sent": (None, None),
    "assistant_question": ("answered", None),
    "assistant_distress": (None, None),
    "chat_started": (None, None),
    "chat_answered": (None, "wait in seconds"),
    "chat_abandoned": (None, "wait in seconds"),
    "chat_closed": (None, "answer time in seconds"),
    "forum_topic": (None, None),
    "forum_answered": (None, "hours to a professional's answer"),
    "forum_unanswered_48h": (None, None),
    "appointment_booked": (None, "days ahead"),
    "appointment_kept": (None, None),
    "appointment_missed": (None, None),
    "appointment_cancelled": (None, None),
    "consultation_answer_set": (None, None),
    "notification_sent": (None, None),
    "referral": (None, None),
}

#: Kinds whose value is read as a distribution (medians, 9 in 10): only
#: these keep a value bucket in the facts; for the others the value is summed.
DISTRIBUTED = frozenset({"chat_answered", "chat_abandoned", "chat_closed", "forum_answered",
                         "appointment_booked"})

#: The guide journey's steps in order; a journey counts once per step reached.
JOURNEY_STEPS = ("guide_search", "entry_viewed", "contact_shown", "contact_sent", "appointment_booked")

#: Four buckets per doubling: a percentile read back is within ~9 % of the truth.
_PER_DOUBLING = 4


def bucket_of(value: float | None, kind: str | None = None) -> int | None:
    if value is None or (kind is not None and kind not in DISTRIBUTED):
        return None
    return int(math.log2(max(float(value), 0.0) + 1.0) * _PER_DOUBLING)


def bucket_value(bucket: int) -> float:
    """The middle of a bucket, in the value's unit."""
    return 2 ** ((bucket + 0.5) / _PER_DOUBLING) - 1.0
