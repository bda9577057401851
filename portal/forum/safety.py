"""Moved to ``portal.safety`` (issue 12): personal data, banned words and
distress are screened in one place for every channel.

Kept as a re-export so that code written against the old place still
imports; new code imports ``from portal.safety import …``.
"""

from portal.safety import (  # noqa: F401  (re-exported)
    Screening,
    has_banned_words,
    personal_data_kinds,
    screen,
)
