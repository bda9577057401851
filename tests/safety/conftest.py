"""Fixtures the channel tests borrow from the channels' own suites (forum:
signed-in clients, people, a category; chat: in-process sockets; the guide's
structures and persons; a bookable professional; the information base)."""

from tests.booking.conftest import professional  # noqa: F401
from tests.chat.conftest import chat_socket  # noqa: F401
from tests.directory.conftest import create_person, create_structure  # noqa: F401
from tests.forum.conftest import category, client_for, people  # noqa: F401
from tests.knowledge.conftest import all_articles, all_sheets  # noqa: F401
