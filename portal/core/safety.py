"""Moved to ``portal.safety`` (issue 12): the one screening of free text.

Kept as a re-export so that code written against the old place still
imports; new code imports ``from portal.safety import …``.
"""

from portal.safety import (  # noqa: F401  (re-exported)
    DistressResult,
    detect_distress,
    hash_ip,
    help_numbers,
    number_payload,
)
