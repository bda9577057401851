"""Killing the worker mid-campaign and restarting: the rest is sent, once.

Real processes: ``flask portal worker`` on Redis, SMTP to aiosmtpd, SIGKILL.
"""

from __future__ import annotations

import pytest

from portal.core.tasks import huey
from tests.notifications.campaign import Campaign, redis_url
from tests.support import require

COUNT = 300


@pytest.fixture
def campaign(tmp_path):
    url = redis_url()
    require(bool(url), "TEST_REDIS_URL is not set: the worker kill test needs Redis")
    storage, flask_app = huey.storage, getattr(huey, "flask_app", None)
    # A slow mail server, so that the kill lands in the middle of the campaign.
    made = Campaign(tmp_path, url, batch_size=50, lease_s=3, smtp_delay=0.01)
    try:
        yield made
    finally:
        made.close()
        huey.storage, huey.flask_app = storage, flask_app


def test_killing_the_worker_mid_campaign_sends_the_rest_once(campaign):
    campaign.queue_emails(COUNT)
    assert campaign.inbox.count == 0  # queued on Huey, nothing sent by this process
    worker = campaign.start_worker(workers=2)
    assert campaign.wait(lambda: campaign.inbox.count >= COUNT // 3, timeout=120)
    worker.kill()  # SIGKILL: no clean-up, claims left held
    worker.wait()
    at_kill = campaign.inbox.count
    assert at_kill < COUNT, "the campaign ended before the kill"

    campaign.start_worker(workers=2)
    # The batches nobody had started are sent by the new worker; the ones the
    # killed worker held come back once their claims expire (the sweep).
    assert campaign.wait(lambda: campaign.sweep() == 0 and
                         campaign.statuses().get("sent") == COUNT, timeout=180, step=1)
    assert campaign.wait(lambda: len(set(campaign.inbox.ids)) == COUNT, timeout=30)
    # Each receipt is committed as the server accepts the message: at most the
    # message each of the two threads had on the wire when killed could come
    # twice (and it keeps its Message-ID, so mail programs show it once).
    assert campaign.inbox.duplicates() <= 2
    assert campaign.statuses() == {"sent": COUNT}
