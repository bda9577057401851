"""Every rate limit goes through one mechanism: Flask-Limiter's strategy and
storage, named limits from the settings (portal/core/limits.py)."""

from __future__ import annotations

import time

from portal.core import limits
from portal.core.limits import ProcessMemoryStorage
from portal.extensions import limiter


def test_the_embedded_default_counts_in_this_process(app):
    assert app.config["RATELIMIT_STORAGE_URI"] == "process-memory://"
    assert isinstance(limiter.limiter.storage, ProcessMemoryStorage)


def test_a_named_limit_counts_and_says_when_to_come_back(app, database, monkeypatch):
    monkeypatch.setitem(app.config, "CHAT_RESUME_LIMIT", "2 per minute")
    assert limits.retry_after("CHAT_RESUME_LIMIT", "192.0.2.1") is None
    assert limits.hit("CHAT_RESUME_LIMIT", "192.0.2.1")
    assert limits.hit("CHAT_RESUME_LIMIT", "192.0.2.1")
    assert not limits.hit("CHAT_RESUME_LIMIT", "192.0.2.1")
    assert 1 <= limits.retry_after("CHAT_RESUME_LIMIT", "192.0.2.1") <= 60
    # Another key has its own window.
    assert limits.hit("CHAT_RESUME_LIMIT", "192.0.2.2")


def test_a_window_ends_and_old_windows_are_swept():
    storage = ProcessMemoryStorage()
    assert storage.incr("k", 0.2) == 1 and storage.incr("k", 0.2) == 2
    assert storage.get("k") == 2 and storage.get_expiry("k") > time.time()
    time.sleep(0.25)
    assert storage.get("k") == 0
    assert storage.incr("k", 0.2) == 1
    storage.incr("other", 0.01)
    time.sleep(0.02)
    storage.swept_at -= storage.SWEEP_EVERY_S + 1
    storage.incr("k", 0.2)
    assert "other" not in storage.windows


def test_an_unavailable_storage_lets_people_through(app, database, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis went away")

    monkeypatch.setattr(limiter.limiter, "hit", broken)
    monkeypatch.setattr(limiter.limiter, "test", broken)
    assert limits.hit("CHAT_START_LIMIT", "192.0.2.9")
    assert limits.retry_after("LOGIN_FAILURE_LIMIT", "account", "x") is None
