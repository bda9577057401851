"""Web push (pywebpush): needs neither e-mail nor phone — the under-15s' channel.

The VAPID key pair is generated on first use into the instance folder
(``vapid_private.pem``, mode 600), like the secret key: nothing to invent,
nothing secret in the repository. Browsers subscribe with the public key
(``/notifications/push/key``).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from flask import current_app
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush


class PushGone(Exception):
    """The browser unsubscribed (404/410): switch the contact off."""


def _key_path() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "vapid_private.pem"


def vapid() -> Vapid02:
    path = _key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Vapid02()
        key.generate_keys()
        pem = key.private_pem()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
    return Vapid02.from_file(str(path))


def public_key() -> str:
    """The application server key a browser's ``pushManager.subscribe`` wants."""
    raw = vapid().public_key.public_bytes(serialization.Encoding.X962,
                                          serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_session = requests.Session()


def send(endpoint: str, keys: dict, payload: dict) -> str:
    try:
        response = webpush(
            {"endpoint": endpoint, "keys": keys}, json.dumps(payload, ensure_ascii=False),
            vapid_private_key=vapid(),
            vapid_claims={"sub": current_app.config["PUSH_CONTACT"]},
            ttl=24 * 3600, timeout=10, requests_session=_session)
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in (404, 410):
            raise PushGone(str(exc)) from exc
        raise
    return response.headers.get("Location", "") if hasattr(response, "headers") else ""
