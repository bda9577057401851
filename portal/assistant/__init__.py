"""The chat-style assistant: understands a young person's question, answers from the
information base and the guide, and offers the next step (chat, booking, forum).

This module is the domain's public surface: other packages import from here and
nowhere else in it (``make lint``'s import contracts, pyproject.toml); within the
domain, modules import each other directly.
"""

__all__: list[str] = []  # nothing yet: no other domain needs it
