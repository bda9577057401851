"""Signed links to a contact's subscription centre, unsubscribe and opt-in.

No account needed: the link is the key. Each carries a fingerprint of the
address, so a link stops working for an address that was replaced.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.accounts import fingerprint
from portal.extensions import db
from portal.notifications.models import Contact

#: (purpose, maximum age in seconds; None: as long as the contact exists —
#: an unsubscribe link in a year-old e-mail must still work).
CENTRE = ("notify-centre", None)
UNSUBSCRIBE = ("notify-unsubscribe", None)
CONFIRM = ("notify-confirm", 7 * 24 * 3600)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"passerelle-{purpose}")


def make(kind: tuple[str, int | None], contact: Contact) -> str:
    return _serializer(kind[0]).dumps({"c": contact.id, "f": fingerprint(contact.address)})


def load(kind: tuple[str, int | None], token: str) -> Contact | None:
    """The contact a token names, or None (bad, expired, or address changed)."""
    try:
        data = _serializer(kind[0]).loads(token or "", max_age=kind[1])
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    contact = db.session.get(Contact, data.get("c"))
    if contact is None or fingerprint(contact.address) != data.get("f"):
        return None
    return contact
