"""Benchmark: a newsletter and an SMS campaign through the notification pipeline.

    .venv/bin/python bench/notifications.py [--emails 50000] [--sms 5000] [--redis URL]

Real pieces: an instance made by the migrations, the pipeline queuing its
deliveries on Huey in Redis, ``flask portal worker`` processes (2 threads)
sending over SMTP to aiosmtpd on loopback, and SMS to the local server
speaking Brevo's API (tests/notifications/providers.py). Measured in the
same run:

- the e-mails in batches (one task and one SMTP connection per 100
  deliveries, the default) and one message per task (NOTIFY_BATCH_SIZE=1):
  messages/s, time from the first to the last message, peak memory of the
  worker, duplicates and lost;
- the batched run again with the worker killed (SIGKILL) halfway and a new one
  started: the sweep gives back what the dead worker held once its claims
  expire — duplicates and lost counted;
- the SMS campaign, batched.

Prints a markdown block (also bench/results/notifications.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from tests.notifications.campaign import Campaign, peak_rss_mb  # noqa: E402
from tests.notifications.providers import BrevoServer  # noqa: E402


def email_run(redis_url: str, count: int, batch: int, kill_at: float | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        campaign = Campaign(Path(folder), redis_url, batch_size=batch, lease_s=5)
        try:
            queued_s = campaign.queue_emails(count)
            started = time.monotonic()
            worker = campaign.start_worker(workers=2)
            peak = 0.0
            if kill_at is not None:
                campaign.wait(lambda: campaign.inbox.count >= count * kill_at, timeout=1800)
                peak = peak_rss_mb(worker.pid)
                worker.kill()
                worker.wait()
                worker = campaign.start_worker(workers=2)

            def done():
                nonlocal peak
                peak = max(peak, peak_rss_mb(worker.pid))
                if kill_at is not None:
                    campaign.sweep()
                return len(set(campaign.inbox.ids)) >= count

            campaign.wait(done, timeout=3600, step=0.5)
            elapsed = time.monotonic() - started
            statuses = campaign.statuses()
            span = (campaign.inbox.last or 0) - (campaign.inbox.first or 0)
            return {"count": count, "batch": batch, "queued_s": queued_s, "elapsed_s": elapsed,
                    "span_s": span, "rate": count / span if span else 0, "peak_mb": peak,
                    "duplicates": campaign.inbox.duplicates(),
                    "lost": count - len(set(campaign.inbox.ids)),
                    "sent_rows": statuses.get("sent", 0), "killed": kill_at is not None}
        finally:
            campaign.close()


def sms_run(redis_url: str, count: int) -> dict:
    import os

    os.environ["BREVO_API_KEY"] = BrevoServer.KEY  # the worker's secret, from its environment
    with BrevoServer() as brevo, tempfile.TemporaryDirectory() as folder:
        url = f"brevo://api.brevo.com?sender=Passerelle&api={brevo.base}/v3"
        campaign = Campaign(Path(folder), redis_url, sms_url=url,
                            extra_env={"BREVO_API_KEY": BrevoServer.KEY})
        try:
            queued_s = campaign.queue_sms(count)
            started = time.monotonic()
            worker = campaign.start_worker(workers=2)
            peak = 0.0

            def done():
                nonlocal peak
                peak = max(peak, peak_rss_mb(worker.pid))
                return len(brevo.received) >= count

            campaign.wait(done, timeout=3600, step=0.5)
            elapsed = time.monotonic() - started
            numbers = [r["recipient"] for r in brevo.received]
            span = brevo.times[-1] - brevo.times[0] if brevo.times else 0
            return {"count": count, "batch": 100, "queued_s": queued_s, "elapsed_s": elapsed,
                    "span_s": span, "rate": count / span if span else 0, "peak_mb": peak,
                    "duplicates": len(numbers) - len(set(numbers)),
                    "lost": count - len(set(numbers)), "errors": len(brevo.errors)}
        finally:
            campaign.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=50_000)
    parser.add_argument("--sms", type=int, default=5_000)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()
    batched = email_run(args.redis, args.emails, 100)
    single = email_run(args.redis, args.emails, 1)
    killed = email_run(args.redis, args.emails, 100, kill_at=0.5)
    sms = sms_run(args.redis, args.sms)
    rows = [("e-mail, batches of 100", batched), ("e-mail, one message per task", single),
            ("e-mail, batches of 100, worker killed at 50 %", killed),
            ("SMS (local Brevo server), batches of 100", sms)]
    lines = [f"`{common.command_line()}` — {common.machine()}", "",
             "| run | messages | queued in (s) | worker start to last message (s) "
             "| first to last message (s) | messages/s | worker peak RSS (MB) | duplicates | lost |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['count']} | {r['queued_s']:.1f} | {r['elapsed_s']:.1f} | "
                     f"{r['span_s']:.1f} | {r['rate']:.0f} | {r['peak_mb']:.0f} | "
                     f"{r['duplicates']} | {r['lost']} |")
    common.write_result("notifications", "\n".join(lines))


if __name__ == "__main__":
    main()
