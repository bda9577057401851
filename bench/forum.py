"""Benchmark: forum reading pages at 10,000 topics / 200,000 posts.

    .venv/bin/python bench/forum.py                       # 10,000 topics, 200,000 posts
    .venv/bin/python bench/forum.py --topics 1000 --posts 20000 --duration 5   # a quick look
    PORTAL_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/forum.py --database-url "$PORTAL_DATABASE_URL"

A scratch instance under /tmp (SQLite by default) migrated with the real
migrations, bulk-filled (Core inserts, no ORM), then:

1. SQL statements per page, counted with a SQLAlchemy event on the real pages
   (test client): the topic page with 5 and with 20 posts shown, the category
   list, a category page — and the naive alternative (posts loaded, then each
   author lazy-loaded: N+1), counted and timed in the same run.
2. A running server (gunicorn, gthread) on loopback and wrk in its own process,
   50 connections, random topic pages (page 1, 20 posts) then the category
   list and category pages: p50/p95/p99 and requests per second.

Prints a markdown block (also bench/results/forum.md) and the command.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

BODY = ("Bonjour, je cherche des informations sur **le logement** et les aides possibles. "
        "Est-ce que quelqu'un a déjà fait la demande ? Merci d'avance pour vos réponses.")
BODY_HTML = ("<p>Bonjour, je cherche des informations sur <strong>le logement</strong> et les "
             "aides possibles. Est-ce que quelqu'un a déjà fait la demande ? Merci d'avance pour "
             "vos réponses.</p>")


def fill(app, topics: int, posts: int, users: int = 2000) -> dict:
    """Bulk insert users, topics and posts (20 per topic on average)."""
    import sqlalchemy as sa

    from portal.accounts.models import User
    from portal.extensions import db
    from portal.forum.models import ForumCategory, ForumPost, ForumTopic

    rng = random.Random(6)
    now = datetime.now(UTC)
    with app.app_context():
        started = time.perf_counter()
        conn = db.session.connection()
        conn.execute(sa.insert(User.__table__), [
            {"pseudonym": f"membre{i}", "pseudonym_key": f"membre{i}", "password_hash": "!",
             "role": "professional" if i % 10 == 0 else "young",
             "professional_status": "verified" if i % 10 == 0 else None,
             "full_name": f"Conseiller {i}" if i % 10 == 0 else None,
             "is_active_account": True, "session_version": 1, "created_at": now, "updated_at": now}
            for i in range(users)])
        user_ids = list(db.session.scalars(sa.select(User.id).where(User.pseudonym.like("membre%"))))
        categories = list(db.session.scalars(sa.select(ForumCategory.id)))
        per_topic = posts // topics
        topic_rows = []
        for t in range(topics):
            when = now - timedelta(minutes=topics - t)
            topic_rows.append({"category_id": categories[t % len(categories)],
                               "author_id": user_ids[t % users], "author_name": f"membre{t % users}",
                               "title": f"Question {t} sur le logement et les aides",
                               "slug": f"question-{t}-sur-le-logement-et-les-aides",
                               "status": "visible", "post_count": per_topic, "last_post_at": when,
                               "locked": False, "created_at": when, "updated_at": when})
        for chunk in range(0, len(topic_rows), 5000):
            conn.execute(sa.insert(ForumTopic.__table__), topic_rows[chunk:chunk + 5000])
        topic_ids = list(db.session.scalars(sa.select(ForumTopic.id).order_by(ForumTopic.id)))
        batch = []
        for topic_id in topic_ids:
            for _ in range(per_topic):
                author = rng.randrange(users)
                batch.append({"topic_id": topic_id, "author_id": user_ids[author],
                              "author_name": f"Conseiller {author}" if author % 10 == 0 else f"membre{author}",
                              "author_is_professional": author % 10 == 0, "body": BODY,
                              "body_html": BODY_HTML, "status": "visible", "distress": False,
                              "flag_count": 0, "created_at": now, "updated_at": now})
            if len(batch) >= 20000:
                conn.execute(sa.insert(ForumPost.__table__), batch)
                batch = []
        if batch:
            conn.execute(sa.insert(ForumPost.__table__), batch)
        conn.execute(sa.update(ForumCategory.__table__).values(
            topic_count=topics // len(categories), last_post_at=now))
        db.session.commit()
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as c:
                c.exec_driver_sql("ANALYZE")
        elif db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.exec_driver_sql("ANALYZE")
        return {"seconds": time.perf_counter() - started, "topic_ids": topic_ids,
                "posts": len(topic_ids) * per_topic}


def count_statements(app, fn) -> int:
    import sqlalchemy as sa

    from portal.extensions import db

    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return len(seen)


def naive_topic(app, topic_id: int, per_page: int) -> int:
    """What one might write first: posts, then ``post.author`` per post."""
    import sqlalchemy as sa

    from portal.extensions import db
    from portal.forum.models import ForumPost, ForumTopic

    with app.app_context():
        topic = db.session.get(ForumTopic, topic_id)
        rows = db.session.scalars(sa.select(ForumPost).where(ForumPost.topic_id == topic.id)
                                  .order_by(ForumPost.id).limit(per_page)).all()
        names = [(p.author.display_name, p.author.is_verified_professional) for p in rows]
        db.session.remove()
        return len(names)


def queries_and_naive(app, topic_ids: list[int]) -> dict:
    from portal.extensions import db
    from portal.forum.models import ForumTopic

    client = app.test_client()
    with app.app_context():
        topic = db.session.get(ForumTopic, topic_ids[len(topic_ids) // 2])
        url = f"/forum/{topic.category.slug}/{topic.id}-{topic.slug}"
        category_url = f"/forum/{topic.category.slug}/"

    def get(path):
        def run():
            assert client.get(path).status_code == 200, path
        return run

    out = {}
    app.config["FORUM_POSTS_PER_PAGE"] = 5
    out["topic_5"] = count_statements(app, get(url))
    app.config["FORUM_POSTS_PER_PAGE"] = 20
    out["topic_20"] = count_statements(app, get(url))
    out["index"] = count_statements(app, get("/forum/"))
    out["category"] = count_statements(app, get(category_url))
    out["naive_5"] = count_statements(app, lambda: naive_topic(app, topic.id, 5))
    out["naive_20"] = count_statements(app, lambda: naive_topic(app, topic.id, 20))
    # Time the loading step both ways on the same 200 topics (cold identity map each time).
    sample = random.Random(1).sample(topic_ids, min(200, len(topic_ids)))
    started = time.perf_counter()
    for topic_id in sample:
        with app.test_request_context():
            from portal.forum import queries
            t = queries.topic(topic_id)
            queries.posts_page(t, 1, None)
            db.session.remove()
    out["load_fast_ms"] = (time.perf_counter() - started) * 1000 / len(sample)
    started = time.perf_counter()
    for topic_id in sample:
        naive_topic(app, topic_id, 20)
    out["load_naive_ms"] = (time.perf_counter() - started) * 1000 / len(sample)
    out["url"] = url
    return out


LUA = """
local paths = {%s}
local n = #paths
request = function()
  return wrk.format("GET", paths[math.random(1, n)], {["Accept-Language"] = "en"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%%.2f p95=%%.2f p99=%%.2f max=%%.2f requests=%%d errors=%%d non2xx=%%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def run_wrk(base: str, paths: list[str], duration: int, connections: int, workdir: Path) -> dict:
    script = workdir / f"paths-{len(paths)}-{time.monotonic_ns()}.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    result = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
                             "-s", str(script), base], capture_output=True, text=True,
                            timeout=duration + 60)
    line = next((row for row in result.stdout.splitlines() if row.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {result.stdout}\n{result.stderr}")
    values = dict(item.split("=") for item in line.split()[1:])
    rps = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    return {k: float(v) for k, v in values.items()} | {"rps": float(rps.group(1)) if rps else 0.0}


def start_server(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "-w", str(workers), "-k", "gthread", "--threads", str(threads),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    from tests.support import wait_for_port
    wait_for_port(port, process, timeout=60)
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the scratch instance (and its gunicorn.log)")
    parser.add_argument("--database-url", default=None, help="a scratch PostgreSQL database (emptied!)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")

    instance = Path(tempfile.mkdtemp(prefix="passerelle-forum-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(PORTAL_INSTANCE_DIR=str(instance), PORTAL_SECRET_KEY="forum-bench",
               PORTAL_SOCKETIO_ASYNC_MODE="threading", FLASK_APP="wsgi")
    if args.database_url:
        env["PORTAL_DATABASE_URL"] = args.database_url
    os.environ.update(env)
    from flask_migrate import upgrade

    from portal import create_app

    app = create_app({"RATELIMIT_ENABLED": False})
    if args.database_url:
        import sqlalchemy as sa
        engine = sa.create_engine(args.database_url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    with app.app_context():
        upgrade(revision="heads")
    print(f"filling {args.topics} topics / {args.posts} posts in {instance} …", flush=True)
    filled = fill(app, args.topics, args.posts)
    print(f"  {filled['seconds']:.1f} s", flush=True)
    counts = queries_and_naive(app, filled["topic_ids"])
    print(f"  statements per page: {counts}", flush=True)

    with app.app_context():
        from portal.extensions import db
        from portal.forum.models import ForumCategory, ForumTopic
        slugs = {t.id: (t.category.slug, t.slug) for t in db.session.scalars(
            db.select(ForumTopic).where(ForumTopic.id.in_(
                random.Random(2).sample(filled["topic_ids"], min(2000, len(filled["topic_ids"]))))))}
        category_slugs = list(db.session.scalars(db.select(ForumCategory.slug)))
        db.engine.dispose()
    topic_paths = [f"/forum/{c}/{i}-{s}" for i, (c, s) in slugs.items()]
    list_paths = ["/forum/"] * 5 + [f"/forum/{c}/" for c in category_slugs] + \
                 [f"/forum/{c}/?page={p}" for c in category_slugs for p in (2, 3)]

    from tests.support import free_port
    port = free_port()
    server = start_server(env, port, args.workers, args.threads, instance / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        run_wrk(base, topic_paths[:50], 3, args.connections, instance)  # warm-up
        topic = run_wrk(base, topic_paths, args.duration, args.connections, instance)
        listing = run_wrk(base, list_paths, args.duration, args.connections, instance)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    load = os.getloadavg()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    verdict = lambda r: "✓" if r["p95"] <= 100 else "✗ over the 100 ms target"  # noqa: E731
    lines = [
        f"### Forum reading pages — {args.topics:,} topics, {filled['posts']:,} posts ({backend})",
        "",
        f"Machine: {common.machine()}; load average before/after the run: {load[0]:.1f}. "
        f"Server: gunicorn {args.workers} workers × {args.threads} threads (gthread) on loopback; "
        f"load: wrk, {args.connections} connections, {args.duration} s per mix, in its own process.",
        "",
        "| page mix | requests/s | p50 ms | p95 ms | p99 ms | errors | p95 ≤ 100 ms |",
        "|---|---|---|---|---|---|---|",
        f"| topic pages (2,000 random topics, 20 posts each) | {topic['rps']:.0f} | {topic['p50']:.1f} | "
        f"{topic['p95']:.1f} | {topic['p99']:.1f} | {int(topic['errors'] + topic['non2xx'])} | {verdict(topic)} |",
        f"| category list and category pages | {listing['rps']:.0f} | {listing['p50']:.1f} | "
        f"{listing['p95']:.1f} | {listing['p99']:.1f} | {int(listing['errors'] + listing['non2xx'])} | {verdict(listing)} |",
        "",
        "SQL statements per page (SQLAlchemy `before_cursor_execute`, anonymous reader):",
        "",
        "| page | statements |",
        "|---|---|",
        f"| topic page, 5 posts shown | {counts['topic_5']} |",
        f"| topic page, 20 posts shown | {counts['topic_20']} |",
        f"| category list `/forum/` | {counts['index']} |",
        f"| category page | {counts['category']} |",
        f"| naive topic loading (lazy author per post), 5 posts | {counts['naive_5']} |",
        f"| naive topic loading (lazy author per post), 20 posts | {counts['naive_20']} |",
        "",
        f"Loading a topic's page of 20 posts in process (mean of 200 topics): "
        f"{counts['load_fast_ms']:.2f} ms with the authors' snapshot columns, "
        f"{counts['load_naive_ms']:.2f} ms with a lazy-loaded author per post.",
        f"Bulk fill: {filled['seconds']:.1f} s. The machine is shared and was busy: re-run when quiet.",
        "",
        f"Command: `{common.command_line()}`",
    ]
    block = "\n".join(lines)
    print()
    print(block)
    common.RESULTS_DIR.mkdir(exist_ok=True)
    (common.RESULTS_DIR / "forum.md").write_text(block + "\n")
    if not args.keep:
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
