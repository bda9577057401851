"""Issue 14, operations: /healthz says what is wrong (a database that cannot
be written, an index or the task queue unreachable); a read-only or missing
instance folder is one line and a non-zero exit; the demo is seeded only on
a fresh instance, and says so."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from portal import create_app
from tests.support import FLASK, ROOT, flask_env


@pytest.fixture(autouse=True)
def _huey_restored():
    """Each app made here binds the process's one Huey to its own storage:
    the session's app gets it back afterwards."""
    from portal.core.tasks import huey

    storage, app = huey.storage, getattr(huey, "flask_app", None)
    yield
    huey.storage, huey.flask_app = storage, app


def test_healthz_is_ok_and_deep_checks_everything(client, fresh_index):
    from search_index.indexes import rebuild_text_indexes

    rebuild_text_indexes()
    assert client.get("/healthz").json == {"status": "ok"}
    deep = client.get("/healthz?deep=1")
    assert deep.status_code == 200, deep.json
    assert deep.json == {"status": "ok", "checks": {
        "database": "ok", "search_index": "ok", "tasks": "ok", "redis": "ok"}}


def _flask(env, *args, check=False):
    return subprocess.run([FLASK, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300,
                          check=check)


@pytest.fixture(scope="module")
def set_up_instance(tmp_path_factory):
    """A migrated SQLite instance without demo (``flask portal setup --no-demo``)."""
    instance = tmp_path_factory.mktemp("ops-instance")
    env = flask_env(instance)
    _flask(env, "portal", "setup", "--no-demo", check=True)
    return instance


def _app(instance, **config):
    return create_app({"INSTANCE_DIR": str(instance), "SQLALCHEMY_DATABASE_URI":
                       f"sqlite:///{instance / 'portal.db'}", "REDIS_URL": None, **config})


def test_healthz_fails_when_the_database_cannot_be_written(set_up_instance, tmp_path):
    # The same database opened read-only (as a read-only file or volume would be).
    readonly = f"sqlite:///file:{set_up_instance / 'portal.db'}?mode=ro&uri=true"
    app = _app(set_up_instance, SQLALCHEMY_DATABASE_URI=readonly)
    client = app.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "failing"
    assert "cannot write" in response.json["problems"]["database"]
    assert "readonly" in response.json["problems"]["database"]
    # Nothing was changed by the check on a writable one.
    ok = _app(set_up_instance).test_client().get("/healthz")
    assert ok.json == {"status": "ok"}
    with sqlite3.connect(set_up_instance / "portal.db") as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone()[0] >= 1


def test_deep_healthz_names_a_missing_index(set_up_instance, tmp_path):
    assert _app(set_up_instance).test_client().get("/healthz?deep=1").status_code == 200
    app = _app(set_up_instance, SEARCH_INDEX_DIR=str(tmp_path / "no-index"))
    response = app.test_client().get("/healthz?deep=1")
    assert response.status_code == 503
    problems = response.json["problems"]
    assert "guide: not built" in problems["search_index"]
    assert "database" not in problems and "tasks" not in problems
    # The plain check (load balancers) still answers ok: the database writes.
    assert app.test_client().get("/healthz").status_code == 200


def test_deep_healthz_names_an_unreachable_task_queue_and_redis(set_up_instance):
    # Scaled out, tasks and Socket.IO go through Redis: here nobody listens.
    app = _app(set_up_instance, REDIS_URL="redis://127.0.0.1:9/0")
    response = app.test_client().get("/healthz?deep=1")
    assert response.status_code == 503
    assert response.json["problems"]["redis"].startswith("unreachable")
    assert response.json["problems"]["tasks"].startswith("unreachable")


def _as_other_user(command: list[str]) -> list[str]:
    """root writes anywhere: a read-only folder is tried as nobody."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]


@pytest.fixture
def open_folder():
    """A folder anyone may enter (pytest's own are only its user's)."""
    path = Path(tempfile.mkdtemp(prefix="passerelle-ops-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_read_only_instance_folder_is_one_line_and_a_non_zero_exit(open_folder):
    instance = open_folder / "readonly"
    instance.mkdir()
    instance.chmod(0o555)
    env = flask_env(instance)
    result = subprocess.run(_as_other_user([FLASK, "portal", "setup"]), cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: The instance folder {instance} cannot be written")


def test_a_missing_instance_folder_is_not_recreated(tmp_path):
    instance = tmp_path / "not-mounted"
    env = flask_env(instance)
    result = _flask(env, "portal", "setup")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"The instance folder {instance} does not exist" in result.stderr
    assert not instance.exists()


def test_the_demo_is_seeded_only_on_a_fresh_instance(tmp_path):
    instance = tmp_path / "fresh"
    instance.mkdir()
    env = flask_env(instance)
    first = _flask(env, "portal", "setup", check=True)
    assert "Fresh instance: seeding the demo data" in first.stdout
    with sqlite3.connect(instance / "portal.db") as connection:
        users = connection.execute("SELECT count(*) FROM users").fetchone()[0]
        # The administrator removes the demo administrator…
        connection.execute("DELETE FROM users WHERE pseudonym_key = 'admin'")
    assert users > 1
    # …and the next `make run` does not bring the demo back.
    second = _flask(env, "portal", "setup", check=True)
    assert "seeding" not in second.stdout
    with sqlite3.connect(instance / "portal.db") as connection:
        assert connection.execute("SELECT count(*) FROM users").fetchone()[0] == users - 1


def _counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_backup_then_restore_finds_everything(tmp_path):
    instance = tmp_path / "portal"
    instance.mkdir()
    env = flask_env(instance)
    _flask(env, "portal", "setup", "--no-demo", check=True)
    _flask(env, "portal", "seed-demo", "--count", "60", check=True)
    database = instance / "portal.db"
    before = _counts(database)
    assert before["users"] > 1 and before["directory_persons"] > 10 and before["forum_posts"] > 0

    # Taken while a connection holds the database open mid-write: the copy is consistent.
    holder = sqlite3.connect(database)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE users SET locale = locale")
    result = _flask(env, "portal", "backup", str(tmp_path / "backup.db"))
    holder.rollback()
    holder.close()
    assert result.returncode == 0, result.stderr
    assert "Backed up" in result.stdout
    assert _flask(env, "portal", "backup", str(tmp_path / "backup.db")).returncode != 0  # no overwrite

    # Disaster: most of the data gone.
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        for table in ("forum_posts", "forum_topics", "directory_persons", "users"):
            connection.execute(f"DELETE FROM {table}")
    assert _counts(database)["users"] == 0

    restored = _flask(env, "portal", "restore", str(tmp_path / "backup.db"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _counts(database) == before
    # The indexes were rebuilt from the restored rows: the guide finds its entries again.
    app = _app(instance)
    found = app.test_client().get("/api/v1/directory/search?q=mission")
    assert found.status_code == 200 and found.json["total"] > 0
    assert app.test_client().get("/healthz?deep=1").json["status"] == "ok"


def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    instance = tmp_path / "pg"
    instance.mkdir()
    env = flask_env(instance, PORTAL_DATABASE_URL="postgresql+psycopg://someone:secret@db/portal")
    result = _flask(env, "portal", "backup", str(tmp_path / "x.db"))
    assert result.returncode != 0
    assert "pg_dump --format=custom" in result.stderr and "secret" not in result.stderr
