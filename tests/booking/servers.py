"""A running portal for race tests and the benchmark: gunicorn (two worker
processes, threads), on a scratch SQLite file or PostgreSQL database, with a
professional seeded by a separate process — nothing shared with the test's
own app but the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

import requests
import sqlalchemy as sa

from tests.support import (
    ROOT,
    flask_env,
    free_port,
    run_flask,
    start_process,
    stop_process,
    wait_for_port,
)

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

#: (name, minutes, buffer before, buffer after)
TYPES = [("Court", 30, 0, 0), ("Long", 60, 0, 0), ("Bilan", 90, 15, 0)]


def fresh_postgres(url: str, name: str) -> str:
    server = sa.engine.make_url(url)
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def seed() -> None:
    """Run in a separate process (env: PORTAL_*): a professional who takes
    appointments every day 09:00–12:00 with the three TYPES; prints ids."""
    from portal import create_app
    from portal.accounts.operations import create_staff_user
    from portal.booking import availability
    from portal.booking.models import Mode
    from portal.core.commit import commit
    from portal.directory.models import Person, Structure, StructureKind
    from portal.extensions import db

    app = create_app()
    with app.app_context():
        user = create_staff_user(pseudonym="pro-race", email="pro-race@example.org",
                                 role="professional", password="un mot de passe")
        structure = Structure(name="Mission locale", slug="ml", kind=StructureKind.MISSION_LOCALE,
                              address="1 rue", postal_code="59000", commune_insee="59350",
                              commune_name="Lille", lat=50.6, lon=3.0, themes=["emploi"])
        person = Person(structure=structure, first_name="Alex", last_name="Race", role="Conseiller",
                        channels=["booking"], themes=["emploi"], user_id=user.id)
        db.session.add_all([structure, person])
        db.session.flush()
        types = {}
        for name, minutes, before, after in TYPES:
            types[name] = availability.save_type(
                person, name=name, duration_minutes=minutes, mode=Mode.STRUCTURE,
                min_notice_minutes=0, window_days=60, buffer_before_minutes=before,
                buffer_after_minutes=after).id
        for weekday in range(7):
            availability.add_weekly_range(person, weekday, time(9), time(12))
        commit()
        print(json.dumps({"entry_id": f"person-{person.id}", "person_id": person.id,
                          "types": types}))


@dataclass
class Server:
    url: str
    database_url: str
    entry_id: str
    person_id: int
    types: dict
    process: subprocess.Popen = field(repr=False)

    def stop(self) -> None:
        stop_process(self.process)

    def booked_spans(self) -> list[tuple[datetime, datetime]]:
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as conn:
                rows = conn.execute(sa.text(
                    "SELECT blocked_from, blocked_until FROM booking_appointments "
                    "WHERE person_id = :p AND status <> 'cancelled' ORDER BY blocked_from"),
                    {"p": self.person_id}).all()
        finally:
            engine.dispose()
        return [(_instant(a), _instant(b)) for a, b in rows]


def _instant(value) -> datetime:
    from portal.core.time import as_utc

    return as_utc(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def start_server(instance: Path, database_url: str | None = None, workers: int = 2,
                 threads: int = 32) -> Server:
    instance.mkdir(parents=True, exist_ok=True)
    extra = {"PORTAL_SECRET_KEY": "race", "PORTAL_PROXY_FIX": "1"}
    if database_url:
        extra["PORTAL_DATABASE_URL"] = database_url
    else:
        database_url = f"sqlite:///{instance / 'portal.db'}"
    env = flask_env(instance, **extra)
    run_flask(env, "portal", "setup", "--no-demo")
    seeded = json.loads(subprocess.run(
        [sys.executable, "-c", "from tests.booking.servers import seed; seed()"], cwd=ROOT,
        env=env, check=True, capture_output=True, text=True, timeout=120).stdout.strip()
        .splitlines()[-1])
    port = free_port()
    process = start_process([GUNICORN, "-w", str(workers), "--threads", str(threads),
                             "-b", f"127.0.0.1:{port}", "--timeout", "60", "wsgi:app"],
                            env, instance / "gunicorn.log")
    wait_for_port(port, process)
    return Server(f"http://127.0.0.1:{port}", database_url, seeded["entry_id"],
                  seeded["person_id"], seeded["types"], process)


def attempt_all(server: Server, attempts: list[dict], timeout: float = 60) -> list[int]:
    """POST every booking at the same moment (one thread each, behind a
    barrier); each comes from its own address, as young people would."""
    barrier = threading.Barrier(len(attempts))
    statuses: list[int | None] = [None] * len(attempts)

    def run(i: int, payload: dict) -> None:
        session = requests.Session()
        barrier.wait()
        try:
            response = session.post(f"{server.url}/api/v1/appointments", json=payload,
                                    timeout=timeout,
                                    headers={"X-Forwarded-For": f"10.{i // 250}.{i % 250}.1"})
            statuses[i] = response.status_code
        except requests.RequestException:
            statuses[i] = -1

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def race_day(days_ahead: int = 2):
    from portal.core.time import PARIS, utcnow

    return (utcnow().astimezone(PARIS) + timedelta(days=days_ahead)).date()


def payload(server: Server, type_name: str, start: datetime, n: int) -> dict:
    return {"entry_id": server.entry_id, "type_id": server.types[type_name],
            "start": start.isoformat(), "name": f"Jeune {n}", "phone": f"06{n:08d}"}


def env_database_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL")
