"""A campaign sent by real worker processes: shared by the kill test and
bench/notifications.py.

The portal's own pieces all the way: an instance made by the migrations, the
pipeline queuing batches on Huey in Redis, ``flask portal worker`` processes
sending through SMTP to aiosmtpd on loopback (or SMS to the local Brevo
server), the sweep claiming what a killed worker left.
"""

from __future__ import annotations

import email
import email.policy
import os
import threading
import time
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

from tests.support import FLASK, flask_env, free_port, start_process


class CountingInbox:
    """Every message the SMTP server accepted, by Message-ID."""

    def __init__(self, delay: float = 0.0):
        self.ids: list[str] = []
        self.delay = delay
        self.lock = threading.Lock()
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.ids.append(str(message["Message-ID"]))
            now = time.monotonic()
            self.first = self.first or now
            self.last = now
        return "250 OK"

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.ids)

    def duplicates(self) -> int:
        with self.lock:
            return len(self.ids) - len(set(self.ids))


class Campaign:
    def __init__(self, instance: Path, redis_url: str, *, batch_size: int = 100,
                 lease_s: float = 600, smtp_delay: float = 0.0, sms_url: str | None = None,
                 extra_env: dict | None = None):
        self.instance = instance
        self.redis_url = redis_url
        self.inbox = CountingInbox(smtp_delay)
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=free_port())
        self.smtp.start()
        self.database_url = f"sqlite:///{instance / 'portal.db'}"
        self.env = flask_env(instance, PORTAL_SECRET_KEY="campaign", PORTAL_REDIS_URL=redis_url,
                             PORTAL_DATABASE_URL=self.database_url,
                             PORTAL_MAIL_URL=f"smtp://127.0.0.1:{self.smtp.port}",
                             PORTAL_NOTIFY_BATCH_SIZE=str(batch_size),
                             PORTAL_NOTIFY_CLAIM_LEASE_S=str(lease_s), **(extra_env or {}))
        if sms_url:
            self.env["PORTAL_SMS_URL"] = sms_url
        redis.Redis.from_url(redis_url).flushdb()
        self.app = self._app(batch_size, lease_s, sms_url)
        self.workers = []

    def _app(self, batch_size, lease_s, sms_url):
        from datetime import timedelta

        from flask_migrate import upgrade

        from portal import create_app

        app = create_app({
            "INSTANCE_DIR": str(self.instance), "SQLALCHEMY_DATABASE_URI": self.database_url,
            "SECRET_KEY": "campaign", "REDIS_URL": self.redis_url, "NOTIFY_SEND_INLINE": False,
            "NOTIFY_BATCH_SIZE": batch_size, "NOTIFY_CLAIM_LEASE": timedelta(seconds=lease_s),
            "MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.smtp.port,
            "MAIL_USE_TLS": False, "MAIL_USE_SSL": False, "SMS_URL": sms_url,
            "SMS_DAILY_SEGMENT_CAP": 10**9, "SMS_PER_NUMBER_DAILY": 10**9,
            "NOTIFY_DAILY_CAP": 10**9})
        with app.app_context():
            upgrade(revision="heads")
        return app

    def queue_emails(self, count: int) -> float:
        """One event to ``count`` addresses (a campaign); returns seconds spent."""
        from portal.core.commit import commit
        from portal.core.time import utcnow
        from portal.notifications import kinds, pipeline

        started = time.monotonic()
        with self.app.app_context():
            for start in range(0, count, 1000):
                recipients = pipeline.email_recipients(
                    f"abonne{n}@example.org" for n in range(start, min(count, start + 1000)))
                pipeline.notify(kinds.CENTRE_LINK, recipients, event="campaign:1",
                                context={"link": "https://passerelle.example/alerts/x"},
                                now=utcnow())
                commit()
        return time.monotonic() - started

    def queue_sms(self, count: int) -> float:
        from portal.core.commit import commit
        from portal.core.time import utcnow
        from portal.notifications import kinds, pipeline
        from portal.notifications.models import Channel

        started = time.monotonic()
        with self.app.app_context():
            for start in range(0, count, 1000):
                recipients = []
                for n in range(start, min(count, start + 1000)):
                    contact = pipeline.contact_for(Channel.SMS, f"+3361{n:07d}")
                    recipients.append(pipeline.contact_recipient(contact))
                pipeline.notify(kinds.CENTRE_LINK, recipients, event="campaign:sms",
                                context={"link": "https://passerelle.example/alerts/x"},
                                now=utcnow())
                commit()
        return time.monotonic() - started

    def start_worker(self, workers: int = 2):
        log = self.instance / f"worker-{len(self.workers)}.log"
        process = start_process([FLASK, "portal", "worker", "--workers", str(workers)],
                                self.env, log)
        self.workers.append(process)
        return process

    def sweep(self) -> int:
        from portal.core.commit import commit
        from portal.notifications import tasks

        with self.app.app_context():
            claimed = tasks.sweep_once()
            commit()
        return claimed

    def statuses(self) -> dict[str, int]:
        import sqlalchemy as sa

        from portal.extensions import db

        with self.app.app_context():
            rows = db.session.execute(sa.text(
                "SELECT status, count(*) FROM notification_deliveries GROUP BY status")).all()
            db.session.remove()
        return {status: n for status, n in rows}

    def wait(self, condition, timeout: float, step: float = 0.05) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(step)
        return condition()

    def close(self):
        for process in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.smtp.stop()
        with self.app.app_context():
            from portal.extensions import db

            db.engine.dispose()


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def redis_url() -> str | None:
    return os.environ.get("TEST_REDIS_URL")
