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
   50 connections, anonymous readers: topic pages drawn uniformly among all the
   topics (the page cache's worst case), then the category list and pages —
   just after a restart (page cache empty), in the steady state (after a
   while of reading), and with the page cache off (every page rendered):
   p50/p95/p99, requests per second, the CPU of the server and of wrk.

Prints a markdown block (also bench/results/forum.md) and the command.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.http_load import run_wrk, serving  # noqa: E402

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
    from portal.core import page_cache

    page_cache.init_app(app)  # a cache for the cached hit below
    pages = app.extensions[page_cache.EXTENSION_KEY]
    app.extensions[page_cache.EXTENSION_KEY] = None  # rendered every time
    app.config["FORUM_POSTS_PER_PAGE"] = 5
    out["topic_5"] = count_statements(app, get(url))
    app.config["FORUM_POSTS_PER_PAGE"] = 20
    out["topic_20"] = count_statements(app, get(url))
    out["index"] = count_statements(app, get("/forum/"))
    out["category"] = count_statements(app, get(category_url))
    app.extensions[page_cache.EXTENSION_KEY] = pages
    get(url)()  # stored
    out["topic_cached"] = count_statements(app, get(url))
    app.extensions[page_cache.EXTENSION_KEY] = None
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


def expected_misses(requests: float, pages: int) -> float:
    """Pages drawn uniformly at random, one cache shared by the workers and
    big enough for all: the first request of a page misses."""
    return pages * (1 - math.exp(-requests / pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--warm", type=int, default=90,
                        help="seconds of reading between the restart run and the steady one")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", choices=("gevent", "gthread", "sync"), default="gevent")
    parser.add_argument("--threads", type=int, default=4, help="per worker, with --worker-class gthread")
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
        rows = db.session.execute(db.select(ForumTopic.id, ForumTopic.slug, ForumCategory.slug)
                                  .join(ForumCategory)).all()
        category_slugs = list(db.session.scalars(db.select(ForumCategory.slug)))
        db.engine.dispose()
    # Every topic, uniformly: the page cache helps only as much as readers
    # come back to the same pages (a real forum's readers favour recent
    # topics; this is its worst case).
    topic_paths = [f"/forum/{c}/{i}-{s}" for i, s, c in rows]
    random.Random(2).shuffle(topic_paths)
    # The category list, and the first ten pages of each category (the first
    # ones more often, as readers go).
    list_paths = ["/forum/"] * 10 + [f"/forum/{c}/" for c in category_slugs] * 4 + \
                 [f"/forum/{c}/?page={p}" for c in category_slugs for p in range(2, 11)]

    runs, warm_requests = {}, 0
    topic_run = functools.partial(run_wrk, paths=topic_paths, duration=args.duration,
                                  connections=args.connections, workdir=instance)
    list_run = functools.partial(run_wrk, paths=list_paths, duration=args.duration,
                                 connections=args.connections, workdir=instance)
    for cache_mb, restart in ((256, False), (256, True), (0, False)):
        with serving(env | {"PORTAL_PAGE_CACHE_MB": str(cache_mb)}, args, instance) as (base, pid):
            # Warm-up of the processes (imports, compiled templates, connections).
            run_wrk(base, topic_paths[:20] + list_paths, 3, args.connections, instance)
            if restart:
                # The same folder of pages, new processes (a deployment).
                runs["topic_restarted"] = topic_run(base, server=pid)
            elif cache_mb:
                runs["topic_cold"] = topic_run(base, server=pid)
                # Read for a while, so that most pages have been rendered once.
                warm_requests = run_wrk(base, topic_paths, args.warm, args.connections,
                                        instance)["requests"]
                runs["topic_steady"] = topic_run(base, server=pid)
                runs["listing"] = list_run(base, server=pid)
                # The floor of this stack: Flask, the session, one tiny query.
                runs["floor"] = run_wrk(base, ["/healthz"], args.duration, args.connections,
                                        instance, pid)
            else:
                runs["topic_uncached"] = topic_run(base, server=pid)
                runs["listing_uncached"] = list_run(base, server=pid)
    pages = len(topic_paths)
    cold, steady = runs["topic_cold"]["requests"], runs["topic_steady"]["requests"]
    before = cold + warm_requests
    hit_cold = 1 - expected_misses(cold, pages) / cold
    hit_steady = 1 - (expected_misses(before + steady, pages) - expected_misses(before, pages)) / steady
    load = os.getloadavg()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    verdict = lambda r: "✓" if r["p95"] <= 100 else "✗ over 100 ms"  # noqa: E731

    def row(label: str, r: dict) -> str:
        return (f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
                f"{int(r['errors'] + r['non2xx'])} | {r['server_cpu_pct']:.0f} | {r['wrk_cpu_pct']:.0f} | "
                f"{verdict(r)} |")

    lines = [
        f"### Forum reading pages — {args.topics:,} topics, {filled['posts']:,} posts ({backend})",
        "",
        f"Machine: {common.machine()}; load average after the run: {load[0]:.1f}. "
        f"Server: gunicorn, {args.workers} {args.worker_class} workers"
        f"{f' × {args.threads} threads' if args.worker_class == 'gthread' else ''} on loopback; "
        f"load: wrk (2 threads), {args.connections} connections, {args.duration} s per run, in its own "
        "process. Anonymous readers (`Accept-Language: en`, `Accept-Encoding: gzip`, no cookie, a "
        "new connection per page).",
        "",
        "| run | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU % | wrk CPU % | p95 ≤ 100 ms |",
        "|---|---|---|---|---|---|---|---|---|",
        row(f"topic pages, all {len(topic_paths):,} topics at random, steady state: after "
            f"{before:,.0f} reads (expected hits {100 * hit_steady:.0f} %)", runs["topic_steady"]),
        row("category list and category pages 1–10", runs["listing"]),
        row("topic pages, just after a restart of the server (the pages kept on disk)",
            runs["topic_restarted"]),
        row(f"topic pages, the first {args.duration} s of a new forum: page cache empty "
            f"(expected hits {100 * hit_cold:.0f} %)", runs["topic_cold"]),
        row("topic pages, page cache off (every page rendered)", runs["topic_uncached"]),
        row("category list and pages, page cache off", runs["listing_uncached"]),
        row("`/healthz` (the floor: a request through Flask with one tiny query)", runs["floor"]),
        "",
        "Expected hits: the workers share the folder of pages, and a page is rendered the "
        "first time it is read; with pages drawn uniformly, the misses after R reads are "
        "pages × (1 − e^(−R / pages)).",
        "",
        "SQL statements per page (SQLAlchemy `before_cursor_execute`, anonymous reader, page cache "
        "off):",
        "",
        "| page | statements |",
        "|---|---|",
        f"| topic page, 5 posts shown | {counts['topic_5']} |",
        f"| topic page, 20 posts shown | {counts['topic_20']} |",
        f"| category list `/forum/` | {counts['index']} |",
        f"| category page | {counts['category']} |",
        f"| topic page served from the page cache | {counts['topic_cached']} |",
        f"| naive topic loading (lazy author per post), 5 posts | {counts['naive_5']} |",
        f"| naive topic loading (lazy author per post), 20 posts | {counts['naive_20']} |",
        "",
        f"Loading a topic's page of 20 posts in process (mean of 200 topics): "
        f"{counts['load_fast_ms']:.2f} ms with the authors' snapshot columns, "
        f"{counts['load_naive_ms']:.2f} ms with a lazy-loaded author per post.",
        f"Bulk fill: {filled['seconds']:.1f} s.",
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
