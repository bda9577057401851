"""Helpers shared by the test suite (not fixtures: plain functions)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).with_name("flask"))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when a resource is missing — but in CI, where every resource must
    be there, a missing one fails the run loudly instead."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI must run this test, but: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port} after {timeout}s")


def wait_until_serving(base_url: str, process: subprocess.Popen | None = None,
                       timeout: float = 90) -> None:
    """Wait until the app itself answers, not only its port: gunicorn's
    master listens before its worker has loaded the app (seconds on a busy
    machine), and a Socket.IO client gives up on a handshake after 5 s."""
    import requests

    wait_for_port(int(base_url.rsplit(":", 1)[1]), process, timeout=timeout)
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if requests.get(f"{base_url}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{base_url} did not answer /healthz after {timeout}s")
        time.sleep(0.2)


def flask_env(instance_dir: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update({"FLASK_APP": "wsgi", "PORTAL_INSTANCE_DIR": str(instance_dir), **extra})
    return env


def run_flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([FLASK, *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=300)


def start_process(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT)


def stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on ``url``, as a browser would submit it."""
    import re

    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token in {url}"
    return match.group(1)


def submit(client, url: str, data: dict, form_url: str | None = None, **kwargs):
    """POST ``data`` to ``url`` with the CSRF token of the page at ``form_url``."""
    token = csrf_token(client, form_url or url)
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def isolate_worker_services() -> None:
    """Point ``TEST_DATABASE_URL`` and ``TEST_REDIS_URL`` at this xdist worker's
    own database (``<name>_gw0``…, created on first use) and Redis db (8 + the
    worker's number, away from the serial run's 0)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    number = int(worker.removeprefix("gw"))
    database_url = os.environ.get("TEST_DATABASE_URL")
    if database_url:
        import sqlalchemy as sa

        base = sa.engine.make_url(database_url)
        name = f"{base.database}_{worker}"
        engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).scalar()
            for attempt in range(10):
                if exists:
                    break
                try:
                    connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
                    break
                except sa.exc.OperationalError:
                    # Two workers copying template1 at once: one waits.
                    time.sleep(0.5 * (attempt + 1))
        engine.dispose()
        os.environ["TEST_DATABASE_URL"] = base.set(database=name).render_as_string(hide_password=False)
    redis_url = os.environ.get("TEST_REDIS_URL")
    if redis_url:
        head, _, _db = redis_url.rpartition("/")
        os.environ["TEST_REDIS_URL"] = f"{head}/{(8 + number) % 16}"
