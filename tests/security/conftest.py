"""Fixtures of other packages' tests that the attack tests reuse."""

from tests.chat.conftest import (
    chat_server,  # noqa: F401,E402
    chat_socket,  # noqa: F401
)
from tests.forum.conftest import category  # noqa: F401
