"""Live chat between young people and professionals.

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

from portal.chat.queue import online_desks

__all__ = ["online_desks"]
