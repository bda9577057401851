"""Fixtures the channel tests borrow from the channels' own suites (forum:
signed-in clients, people, a category; chat: in-process sockets)."""

from tests.chat.conftest import chat_socket  # noqa: F401
from tests.forum.conftest import category, client_for, people  # noqa: F401
