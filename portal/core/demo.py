"""Demo data: the fictional content ``make run`` seeds once.

Each domain contributes through two signals, so the core does not import
them: ``seeding_demo`` for the people and places (the guide and its
professionals' accounts), then ``seeding_demo_content`` for what refers to
them (appointment settings, forum posts) — blinker calls the receivers of one
signal in no promised order. Everything here is invented: never real people.
"""

from __future__ import annotations

from blinker import Namespace

from portal.extensions import db

#: kwargs: ``count`` (directory entries, None for the default demo size).
_signals = Namespace()
seeding_demo = _signals.signal("seeding-demo")
#: Sent after ``seeding_demo``, same kwargs.
seeding_demo_content = _signals.signal("seeding-demo-content")

DEMO_ADMIN = {"pseudonym": "admin", "email": "admin@passerelle.example",
              "password": "passerelle-demo"}


def credentials_notice() -> str:
    return (
        "Demo administrator (demo only; change it before real use): "
        f"pseudonym '{DEMO_ADMIN['pseudonym']}', password '{DEMO_ADMIN['password']}'."
    )


def seed(count: int | None = None) -> None:
    from portal.accounts.operations import ensure_demo_accounts

    ensure_demo_accounts(DEMO_ADMIN)
    seeding_demo.send(None, count=count)
    db.session.flush()
    seeding_demo_content.send(None, count=count)
    db.session.flush()
