"""Providers calling back: STOP replies (one route per SMS provider), and
e-mail bounces and complaints (Brevo's transactional e-mail webhook; any
other relay can post the same JSON).

Each route carries the deployment's ``PORTAL_SMS_WEBHOOK_SECRET`` as its
last path segment (the URL registered with the provider); without that
setting the routes answer 404. A STOP switches the number off for every
kind of message; the provider is answered 200 whatever the number, so a
retry storm never starts.
"""

from __future__ import annotations

import hmac
import logging
import unicodedata

from flask import abort, current_app, jsonify, request

from portal.notifications import operations as ops
from portal.notifications import phones
from portal.notifications.models import Channel

log = logging.getLogger(__name__)

STOP_WORDS = {"STOP", "ARRET", "STOP SMS", "DESINSCRIPTION", "DESABONNER", "UNSUBSCRIBE"}


def _check(secret: str) -> None:
    expected = current_app.config["SMS_WEBHOOK_SECRET"]
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        abort(404)


def is_stop(text: str | None) -> bool:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text or "")
                    if not unicodedata.combining(c))
    return " ".join(plain.upper().split()) in STOP_WORDS


def _stop(number: str, provider: str) -> bool:
    try:
        number = phones.normalise(number if number.startswith("+") or number.startswith("0")
                                  else "+" + number)
    except phones.NotAMobile:
        log.info("%s STOP from a number that is not ours to know: ignored", provider)
        return False
    ops.switch_off(Channel.SMS, number, "stop", f"sms_stop_{provider}")
    return True


def brevo(secret: str):
    """Brevo's transactional SMS webhook (JSON): an ``unsubscribe`` event,
    or a ``replied`` one whose reply is STOP."""
    _check(secret)
    event = request.get_json(silent=True) or {}
    status = str(event.get("msg_status") or event.get("event") or "").lower()
    number = str(event.get("to") or "")
    stopped = False
    if number and (status in ("unsubscribe", "unsubscribed")
                   or (status == "replied" and is_stop(event.get("reply")))):
        stopped = _stop(number, "brevo")
    return jsonify({"ok": True, "stopped": stopped})


def ovh(secret: str):
    """OVHcloud's callback for an SMS received in answer (sender, message)."""
    _check(secret)
    values = request.values
    number = values.get("senderid") or values.get("sender") or ""
    stopped = bool(number) and is_stop(values.get("message")) and _stop(number, "ovh")
    return jsonify({"ok": True, "stopped": stopped})


#: Brevo's transactional e-mail events that switch an address off at once.
MAIL_OFF = {"hard_bounce": "hard_bounce", "invalid_email": "hard_bounce", "blocked": "hard_bounce",
            "spam": "complaint", "complaint": "complaint", "unsubscribed": "unsubscribed"}


def brevo_mail(secret: str):
    """``{"event": "hard_bounce" | "soft_bounce" | "spam" | …, "email": …}``:
    a hard bounce or a complaint switches the address off; three soft bounces
    in 30 days too."""
    _check(secret)
    event = request.get_json(silent=True) or {}
    name = str(event.get("event") or "").lower()
    address = str(event.get("email") or "").strip().lower()
    result = None
    if address and name in MAIL_OFF:
        ops.switch_off(Channel.EMAIL, address, MAIL_OFF[name], "provider_brevo")
        result = MAIL_OFF[name]
    elif address and name == "soft_bounce":
        result = ops.soft_bounce(address, "provider_brevo")
    return jsonify({"ok": True, "switched_off": result})
