"""Appointment booking with professionals (issue 7).

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

__all__: list[str] = []  # nothing yet: no other domain needs it
