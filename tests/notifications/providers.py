"""Local HTTP servers speaking the SMS providers' and a push service's
documented APIs, on loopback. Each checks every request as the provider
would (path, authentication, JSON fields) and answers as it does, errors
included; what it accepted is in ``received``.

- OVHcloud: ``GET /1.0/auth/time``; ``POST /1.0/sms/{serviceName}/jobs`` signed
  with ``X-Ovh-Application``, ``X-Ovh-Consumer``, ``X-Ovh-Timestamp`` and
  ``X-Ovh-Signature`` = ``$1$`` + SHA-1 of AS+CK+METHOD+URL+BODY+TIMESTAMP;
  answers ``{totalCreditsRemoved, invalidReceivers, validReceivers, ids, tag}``,
  errors as ``{"message": …}`` (with ``errorCode`` for credentials).
- Brevo: ``POST /v3/transactionalSMS/sms`` with the ``api-key`` header and
  ``{sender, recipient, content, type?, tag?, webUrl?, unicodeEnabled?,
  organisationPrefix?}``; answers 201 ``{reference, messageId, smsCount,
  usedCredits, remainingCredits}``, errors ``{"code", "message"}`` (400
  invalid_parameter, 401 unauthorized, 402 not_enough_credits).
- Web push (RFC 8030/8291/8292): ``POST`` of an aes128gcm body with a VAPID
  ``Authorization: vapid t=…, k=…``; the server decrypts the payload with the
  subscription's private key, checks the JWT, answers 201 (or 410 when told
  the subscription is gone).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support import free_port


class _Server:
    def __init__(self):
        self.port = free_port()
        self.received: list[dict] = []
        self.times: list[float] = []  # when each accepted request arrived (monotonic)
        self.fail_with: tuple[int, dict] | None = None
        self.errors: list[str] = []
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the providers' servers do
            wbufsize = 65536  # headers and body in one write (no delayed-ACK stall)

            def log_message(self, *args):
                pass

            def _answer(self, status: int, body, headers=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self):
                server.handle(self, "GET", b"")

            def do_POST(self):
                server.handle(self, "POST", self._body())

        return Handler

    def refuse(self, handler, status: int, body: dict, why: str):
        self.errors.append(why)
        handler._answer(status, body)


class OvhServer(_Server):
    SERVICE = "sms-ab12345-1"
    KEYS = {"application_key": "ak-test", "application_secret": "as-test",
            "consumer_key": "ck-test"}
    FIELDS = {"message", "receivers", "sender", "senderForResponse", "noStopClause", "priority",
              "coding", "charset", "class", "differedPeriod", "validityPeriod", "tag",
              "receiversDocumentUrl", "receiversSlotId"}

    def handle(self, h, method, body):
        if method == "GET" and h.path == "/1.0/auth/time":
            return h._answer(200, int(time.time()))
        match = re.fullmatch(r"/1\.0/sms/([^/]+)/jobs", h.path)
        if method != "POST" or not match:
            return self.refuse(h, 404, {"message": f"Got an invalid (or empty) URL: {h.path}"},
                               "path")
        if h.headers.get("X-Ovh-Application") != self.KEYS["application_key"]:
            return self.refuse(h, 403, {"errorCode": "INVALID_KEY", "httpCode": "403 Forbidden",
                                        "message": "Invalid application key"}, "application")
        timestamp = h.headers.get("X-Ovh-Timestamp", "")
        url = f"{self.base}{h.path}"
        expected = "$1$" + hashlib.sha1("+".join([
            self.KEYS["application_secret"], self.KEYS["consumer_key"], method, url,
            body.decode(), timestamp]).encode()).hexdigest()
        if h.headers.get("X-Ovh-Consumer") != self.KEYS["consumer_key"] \
                or h.headers.get("X-Ovh-Signature") != expected \
                or abs(int(timestamp or 0) - time.time()) > 180:
            return self.refuse(h, 403, {"errorCode": "INVALID_CREDENTIAL",
                                        "httpCode": "403 Forbidden",
                                        "message": "This credential is not valid"}, "signature")
        if match.group(1) != self.SERVICE:
            return self.refuse(h, 404, {"message": f"The requested object (serviceName = "
                                                   f"{match.group(1)}) does not exist"}, "service")
        if "application/json" not in (h.headers.get("Content-Type") or ""):
            return self.refuse(h, 400, {"message": "Invalid content type"}, "content-type")
        job = json.loads(body)
        unknown = set(job) - self.FIELDS
        if unknown or not isinstance(job.get("message"), str) or not job["message"] \
                or not isinstance(job.get("receivers"), list):
            return self.refuse(h, 400, {"message": f"Invalid parameters: {sorted(unknown)}"},
                               "fields")
        if self.fail_with:
            return h._answer(*self.fail_with)
        valid = [r for r in job["receivers"] if re.fullmatch(r"\+\d{8,15}", r)]
        invalid = [r for r in job["receivers"] if r not in valid]
        self.received.append(job)
        parts = max(1, math.ceil(len(job["message"]) / 153)) if len(job["message"]) > 160 else 1
        h._answer(200, {"totalCreditsRemoved": parts * len(valid), "invalidReceivers": invalid,
                        "validReceivers": valid, "ids": [len(self.received) + 1000],
                        "tag": job.get("tag", "")})


class BrevoServer(_Server):
    KEY = "xkeysib-test"
    FIELDS = {"sender", "recipient", "content", "type", "tag", "webUrl", "unicodeEnabled",
              "organisationPrefix"}

    def handle(self, h, method, body):
        if method != "POST" or h.path != "/v3/transactionalSMS/sms":
            return self.refuse(h, 404, {"code": "not_found", "message": "Invalid route"}, "path")
        if h.headers.get("api-key") != self.KEY:
            return self.refuse(h, 401, {"code": "unauthorized", "message": "Key not found"},
                               "api-key")
        try:
            sms = json.loads(body)
        except ValueError:
            return self.refuse(h, 400, {"code": "bad_request", "message": "Invalid JSON"}, "json")
        problems = []
        if set(sms) - self.FIELDS:
            problems.append(f"unknown {sorted(set(sms) - self.FIELDS)}")
        sender = sms.get("sender", "")
        if not (re.fullmatch(r"[A-Za-z0-9 ]{1,11}", sender) or re.fullmatch(r"\d{1,15}", sender)):
            problems.append("sender")
        if not re.fullmatch(r"\d{8,15}", str(sms.get("recipient", ""))):
            problems.append("recipient")
        if not isinstance(sms.get("content"), str) or not sms["content"]:
            problems.append("content")
        if sms.get("type", "transactional") not in ("transactional", "marketing"):
            problems.append("type")
        if problems:
            return self.refuse(h, 400, {"code": "invalid_parameter",
                                        "message": "Invalid: " + ", ".join(problems)}, "fields")
        if self.fail_with:
            return h._answer(*self.fail_with)
        self.received.append(sms)
        self.times.append(time.monotonic())
        count = 1 if len(sms["content"]) <= 160 else math.ceil(len(sms["content"]) / 153)
        h._answer(201, {"reference": f"ref-{len(self.received)}", "messageId": len(self.received),
                        "smsCount": count, "usedCredits": count * 0.9,
                        "remainingCredits": 100.0})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PushServer(_Server):
    """A push service holding one subscription's private key."""

    def __init__(self):
        import os

        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        super().__init__()
        self.private = ec.generate_private_key(ec.SECP256R1())
        public = self.private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        self.auth = os.urandom(16)
        self.keys = {"p256dh": _b64(public), "auth": _b64(self.auth)}
        self.gone = False

    @property
    def endpoint(self) -> str:
        return f"{self.base}/push/subscription-1"

    def handle(self, h, method, body):
        import http_ece

        from tests.notifications import jwt_check

        if method != "POST" or h.path != "/push/subscription-1":
            return self.refuse(h, 404, None, "path")
        if self.gone:
            return h._answer(410, None)
        if h.headers.get("Content-Encoding") != "aes128gcm" or not h.headers.get("TTL"):
            return self.refuse(h, 400, None, "encoding")
        match = re.fullmatch(r"vapid t=([^,]+),\s*k=(\S+)", h.headers.get("Authorization", ""))
        if not match or not jwt_check.valid(match.group(1), _unb64(match.group(2)), self.base):
            return self.refuse(h, 403, None, "vapid")
        plain = http_ece.decrypt(body, private_key=self.private, auth_secret=self.auth,
                                 version="aes128gcm")
        self.received.append(json.loads(plain))
        h._answer(201, None, {"Location": f"{self.base}/push/message/{len(self.received)}"})
