"""What a message looks like on each channel.

E-mail keeps the domain's own template (subject on the first line) and gets
the RFC 8058 headers and a stable Message-ID. SMS and push are discreet by
default — a shared phone's lock screen shows "Tu as une nouvelle réponse sur
Passerelle", never the topic — and come from ``notify/<name>.txt``.
"""

from __future__ import annotations

import base64

from flask import render_template
from flask_mailman import EmailMessage

from portal.core.urls import external_url
from portal.notifications import tokens

MESSAGE_DOMAIN = "passerelle"


def unsubscribe_url(contact) -> str | None:
    if contact is None:
        return None
    return external_url("notifications.unsubscribe", token=tokens.make(tokens.UNSUBSCRIBE, contact))


def centre_url(contact) -> str | None:
    if contact is None:
        return None
    return external_url("notifications.centre", token=tokens.make(tokens.CENTRE, contact))


def text(template: str, **context) -> str:
    return render_template(f"{template}.txt", **context).strip()


def push_content(template: str, **context) -> dict:
    title, _, body = text(template, **context).partition("\n")
    return {"title": title.strip(), "body": body.strip(), "url": external_url("core.home")}


def email_content(message: EmailMessage, address: str, unsubscribe: str | None,
                  key: str) -> dict:
    message.to = [address]
    # Should a message ever go twice, mail programs show it once.
    message.extra_headers.setdefault("Message-ID", f"<{key[:32]}@{MESSAGE_DOMAIN}>")
    if unsubscribe:
        # RFC 8058: the mail program's own button POSTs there; a GET only
        # shows a confirmation button (link scanners unsubscribe nobody).
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    raw = message.message().as_bytes()
    return {"mime": base64.b64encode(raw).decode(), "from": message.from_email, "to": [address]}


class _RawMime:
    """The message's bytes as rendered, for the mail backends (which call
    ``as_bytes(linesep=…)``): never parsed and re-encoded on the way."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.raw.replace(b"\r\n", b"\n").replace(b"\n", linesep.encode())


class StoredEmail(EmailMessage):
    """A message rendered at the event, sent later by the configured backend."""

    def __init__(self, content: dict):
        super().__init__(to=content["to"], from_email=content["from"])
        self._raw = base64.b64decode(content["mime"])

    def message(self):
        return _RawMime(self._raw)
