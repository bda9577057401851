"""SMS backends, chosen by ``PORTAL_SMS_URL`` like ``PORTAL_MAIL_URL``.

- unset: a file per message under ``instance/outbox/sms/`` (the embedded default);
- ``ovh://ovh-eu/sms-xx12345-1?sender=Passerelle``: OVHcloud's API
  (``POST /sms/{serviceName}/jobs``) through the ``ovh`` package, with
  ``OVH_APPLICATION_KEY``, ``OVH_APPLICATION_SECRET`` and ``OVH_CONSUMER_KEY``
  from the environment;
- ``brevo://api.brevo.com?sender=Passerelle``: Brevo's
  ``POST /v3/transactionalSMS/sms`` with the ``BREVO_API_KEY`` of the
  environment in the ``api-key`` header.

Secrets never sit in the URL (a URL is logged, shown, copied): a URL with a
user or a password is refused. ``?api=`` points a backend at another
address of the same API (a test server on loopback, a proxy).
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests
from flask import current_app

from portal.core.time import utcnow


class SmsError(Exception):
    """The provider refused. ``permanent``: retrying will not help."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass
class SmsReceipt:
    provider_ref: str


class OutboxSms:
    name = "outbox"

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def send(self, number: str, text: str, *, transactional: bool, tag: str) -> SmsReceipt:
        self.folder.mkdir(parents=True, exist_ok=True)
        ref = uuid.uuid4().hex[:12]
        name = f"{utcnow():%Y%m%dT%H%M%S}-{ref}.json"
        (self.folder / name).write_text(json.dumps(
            {"to": number, "text": text, "transactional": transactional, "tag": tag},
            ensure_ascii=False))
        return SmsReceipt(ref)


class OvhSms:
    name = "ovh"

    def __init__(self, endpoint: str, service: str, sender: str | None, api: str | None,
                 environ=os.environ):
        import ovh

        keys = {k: environ.get(f"OVH_{k.upper()}") for k in
                ("application_key", "application_secret", "consumer_key")}
        if not all(keys.values()):
            raise RuntimeError("OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and "
                               "OVH_CONSUMER_KEY must be set for PORTAL_SMS_URL=ovh://…")
        self.client = ovh.Client(endpoint=endpoint, **keys)
        if api:
            self.client._endpoint = api.rstrip("/")  # same API elsewhere (tests, proxies)
        self.service, self.sender = service, sender

    def send(self, number: str, text: str, *, transactional: bool, tag: str) -> SmsReceipt:
        import ovh

        body = {"message": text, "receivers": [number], "charset": "UTF-8", "coding": "7bit",
                "priority": "high", "tag": tag[:20],
                # No "STOP" line on transactional messages; alerts keep it.
                "noStopClause": transactional, "senderForResponse": not self.sender}
        if self.sender:
            body["sender"] = self.sender
        try:
            answer = self.client.post(f"/sms/{self.service}/jobs", **body)
        except ovh.exceptions.BadParametersError as exc:
            raise SmsError(str(exc), permanent=True) from exc
        except ovh.exceptions.APIError as exc:
            raise SmsError(str(exc)) from exc
        if number not in (answer.get("validReceivers") or []):
            raise SmsError(f"OVH refused the receiver: {answer.get('invalidReceivers')}",
                           permanent=True)
        return SmsReceipt(str((answer.get("ids") or ["?"])[0]))


class BrevoSms:
    name = "brevo"

    def __init__(self, base: str, sender: str, environ=os.environ):
        self.key = environ.get("BREVO_API_KEY")
        if not self.key:
            raise RuntimeError("BREVO_API_KEY must be set for PORTAL_SMS_URL=brevo://…")
        self.base, self.sender = base.rstrip("/"), sender
        self.http = requests.Session()

    def send(self, number: str, text: str, *, transactional: bool, tag: str) -> SmsReceipt:
        body = {"sender": self.sender, "recipient": number.lstrip("+"), "content": text,
                "type": "transactional" if transactional else "marketing", "tag": tag,
                "unicodeEnabled": False}
        try:
            response = self.http.post(f"{self.base}/transactionalSMS/sms", json=body, timeout=10,
                                      headers={"api-key": self.key, "accept": "application/json"})
        except requests.RequestException as exc:
            raise SmsError(f"Brevo unreachable: {exc}") from exc
        if response.status_code >= 400:
            try:
                answer = response.json()
            except ValueError:
                answer = {}
            # 400: bad parameters, 401: wrong key, 402: no credits — none is
            # fixed by trying again in a minute; 429 and 5xx may be.
            permanent = response.status_code in (400, 401, 402, 403)
            raise SmsError(f"Brevo {response.status_code}: {answer.get('code')} "
                           f"{answer.get('message')}", permanent=permanent)
        return SmsReceipt(str(response.json().get("messageId", "")))


def backend(app=None):
    """The configured backend (made once per app)."""
    app = app or current_app
    made = app.extensions.get("portal.sms")
    if made is None:
        made = app.extensions["portal.sms"] = from_url(app.config["SMS_URL"], app)
    return made


def from_url(url: str | None, app):
    if not url:
        return OutboxSms(str(Path(app.config["OUTBOX_DIR"]) / "sms"))
    parsed = urlparse(url)
    if parsed.username or parsed.password:
        raise RuntimeError("PORTAL_SMS_URL must not carry secrets: use the environment")
    query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    scheme = parsed.scheme
    if scheme == "ovh":
        return OvhSms(parsed.hostname or "ovh-eu", parsed.path.strip("/"), query.get("sender"),
                      query.get("api"))
    if scheme == "brevo":
        base = query.get("api") or f"https://{parsed.netloc or 'api.brevo.com'}/v3"
        return BrevoSms(base, query.get("sender") or "Passerelle")
    raise RuntimeError(f"PORTAL_SMS_URL: unknown scheme {scheme!r} (ovh://, brevo://)")
