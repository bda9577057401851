"""Outgoing mail: rendered now, in the recipient's language, sent after commit.

With ``PORTAL_MAIL_URL`` set, Flask-Mailman's SMTP backend delivers; without
it, :class:`OutboxEmailBackend` writes each message as an ``.eml`` file under
``instance/outbox/`` so a demo or a developer can read what would be sent.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage
from flask_mailman.backends.base import BaseEmailBackend

from portal.core.commit import after_commit
from portal.core.time import utcnow

log = logging.getLogger(__name__)


class OutboxEmailBackend(BaseEmailBackend):
    """One ``.eml`` file per message, openable in any mail client."""

    def send_messages(self, email_messages):
        outbox = Path(current_app.config["OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            (outbox / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


def render_mail(template: str, locale: str | None = None, **context) -> tuple[str, str]:
    """Render ``mail/<template>.txt``: its first line is the subject."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def queue_mail(
    to: list[str] | str,
    template: str,
    *,
    locale: str | None = None,
    reply_to: list[str] | None = None,
    **context,
) -> EmailMessage:
    """Build a message now (inside the request, in ``locale``) and send it
    once the transaction commits."""
    recipients = [to] if isinstance(to, str) else list(to)
    subject, body = render_mail(template, locale=locale, **context)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=recipients,
        reply_to=reply_to or None,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
    )
    after_commit(_deliver, message)
    return message


def _deliver(message: EmailMessage) -> None:
    sent = message.send(fail_silently=False)
    log.info("mail %r sent to %d recipient(s)", message.subject, sent and len(message.to))
