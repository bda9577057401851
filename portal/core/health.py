"""``/healthz``: is this process able to serve?

The plain check, for load balancers, writes to the database (an update of
Alembic's own row to the same value, rolled back): a database that reads but
cannot write — a read-only file or volume, a PostgreSQL standby or a full
disk — is not healthy, though ``SELECT 1`` would say it is. ``?deep=1``, for
monitors, also opens every search index and asks the task queue (and Redis,
when scaled out) how long it is. Each failing check says what is wrong, with
a 503.
"""

from __future__ import annotations

import logging

from flask import current_app, jsonify, request
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db

log = logging.getLogger(__name__)


def _short(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def database_problem() -> str | None:
    try:
        savepoint = db.session.begin_nested()
        try:
            db.session.execute(db.text("UPDATE alembic_version SET version_num = version_num"))
        finally:
            savepoint.rollback()
    except SQLAlchemyError as exc:
        db.session.rollback()
        return f"cannot write: {_short(exc)}"
    return None


def tasks_problem() -> str | None:
    from portal.core.tasks import huey

    try:
        huey.storage.queue_size()
    except Exception as exc:  # sqlite3, redis: whatever the storage raises
        return f"unreachable: {_short(exc)}"
    return None


def redis_problem() -> str | None:
    url = current_app.config["REDIS_URL"]
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"unreachable: {_short(exc)}"
    return None


#: Deep checks other layers add (name → a function returning a problem or
#: None): the search index registers its own, core imports none of them.
DEEP_CHECKS: dict = {}


def register_deep_check(name: str, check) -> None:
    DEEP_CHECKS[name] = check


def health():
    checks = {"database": database_problem()}
    deep = request.args.get("deep") in ("1", "true", "yes")
    if deep:
        for name, check in DEEP_CHECKS.items():
            checks[name] = check()
        checks["tasks"] = tasks_problem()
        checks["redis"] = redis_problem()
    failing = {name: problem for name, problem in checks.items() if problem}
    if failing:
        log.warning("health check failing: %s", failing)
        return jsonify(status="failing", problems=failing), 503
    if deep:
        return jsonify(status="ok", checks=dict.fromkeys(checks, "ok"))
    return jsonify(status="ok")
