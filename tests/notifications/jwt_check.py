"""Checking a VAPID JWT (RFC 8292) as a push service does: ES256 over the
header and claims with the key sent in ``k=``, ``aud`` the push service's
origin, ``exp`` within 24 hours, ``sub`` a mailto: or https: contact."""

from __future__ import annotations

import base64
import json
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def valid(token: str, public_key: bytes, audience: str) -> bool:
    try:
        header, claims, signature = token.split(".")
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public_key)
        raw = _unb64(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except (ValueError, InvalidSignature):
        return False
    data = json.loads(_unb64(claims))
    return (json.loads(_unb64(header)).get("alg") == "ES256" and data.get("aud") == audience
            and time.time() < data.get("exp", 0) <= time.time() + 24 * 3600 + 60
            and str(data.get("sub", "")).startswith(("mailto:", "https:")))
