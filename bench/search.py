"""Benchmark: the guide's search at 100,000 entries, against SQLite FTS5 + R*Tree.

    .venv/bin/python bench/search.py              # 100,000 entries (a few minutes)
    .venv/bin/python bench/search.py --count 20000 --rounds 1

In a fresh SQLite instance under /tmp: seeds ``seed_directory(count)`` (the
demo generator), times a full ``rebuild()`` of the Whoosh index, then runs a
fixed mix of queries through ``search_directory`` — the code the page and the
API use — a first (cold) time and a second (warm) time. The baseline is what
one might build instead: FTS5 over the same documents, an R*Tree for the
radius, filters in SQL, then the same exact distances, opening hours, facets,
order and page in Python. Prints both, their ratio, and a markdown block for
docs/PERFORMANCE.md (also written to bench/results/search.md).
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

# ---------------------------------------------------------------- the mix

CITIES = ["59350", "59512", "59599", "59009", "75056", "13055", "69123", "31555", "44109",
          "67482", "35238", "33063", "29019", "87085", "63113", "21231", "66136", "2A004"]
LILLE = "59350"
WORDS = ["logement", "emploi", "apprentissage", "stage", "santé", "permis", "bourse",
         "service civique", "alternance", "orientation", "psychologue", "colocation",
         "décrochage", "mission locale", "formation", "entretien", "sport", "culture",
         "études", "Erasmus", "harcèlement", "CV"]
TYPOS = ["logemnt", "apprentisage", "psycologue", "orientaton", "alternanse"]
THEME_CODES = ["decrochage", "orientation", "emploi", "autonomie", "engagement", "logement",
               "sante", "alternance", "apprentissage", "service-civique", "mobilite"]
# A Tuesday, 10:30 in Paris: "open now" at an ordinary office hour.
OPEN_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def make_mix(places: list[tuple[str, float, float]], seed: int) -> list[tuple[str, object]]:
    """~260 queries of the kinds the page and the API get, deterministic."""
    from portal.core.time import utcnow
    from portal.geo.gazetteer import get_gazetteer
    from search_index.searcher import DirectoryQuery

    rng, now = Random(seed), utcnow()
    gazetteer = get_gazetteer()
    cities = [(c, gazetteer.by_insee(c).lat, gazetteer.by_insee(c).lon) for c in CITIES]
    towns = rng.sample(places, min(40, len(places)))
    lille = cities[0]

    def place():  # a third of the searches are around Lille
        r = rng.random()
        return lille if r < .33 else rng.choice(cities) if r < .66 else rng.choice(towns)

    def q(**kw):
        _, lat, lon = kw.pop("at", None) or (None, None, None)
        near = (lat, lon) if lat is not None else None
        return DirectoryQuery(near=near, now=now, page=rng.choice([1, 1, 1, 1, 2]), **kw)

    mix = []
    add = mix.append
    for _ in range(60):
        add(("text + theme + radius", q(text=rng.choice(WORDS), themes=(rng.choice(THEME_CODES),),
                                        at=place(), radius_km=rng.choice([5, 10, 20, 30]))))
    for _ in range(40):
        add(("radius only", q(at=place(), radius_km=rng.choice([2, 5, 10, 20, 30]))))
    for _ in range(40):
        add(("text only, all France", q(text=rng.choice(WORDS))))
    for i in range(20):
        add(("'jeunes'", q(text="jeunes", **({"at": place(), "radius_km": 20} if i % 2 else {}))))
    for _ in range(30):
        add(("sort by distance", q(text=rng.choice(WORDS), at=place(), sort="distance",
                                   radius_km=rng.choice([10, 20, 30]))))
    for i in range(30):
        add(("open now", q(text=rng.choice(WORDS) if i % 2 else "", at=place(), open_at=OPEN_AT,
                           radius_km=rng.choice([5, 10, 20]))))
    for i in range(20):
        add(("typo", q(text=rng.choice(TYPOS), **({"at": place(), "radius_km": 20} if i % 2 else {}))))
    for i in range(20):
        add(("age + theme", q(age=rng.randint(14, 28), themes=(rng.choice(THEME_CODES),),
                              **({"at": place(), "radius_km": 10} if i % 2 else {}))))
    rng.shuffle(mix)
    return mix


# ---------------------------------------------------------------- the baseline

BASELINE_SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, type TEXT, doc_id INTEGER, name TEXT, commune TEXT,
                  lat REAL, lon REAL, age_min INTEGER, age_max INTEGER, checked REAL,
                  themes TEXT, hours TEXT, url TEXT);
CREATE TABLE doc_themes(theme TEXT, doc INTEGER, PRIMARY KEY (theme, doc)) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(name, text, context, tokenize="unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""


class Fts5Baseline:
    """What one might build instead: FTS5 (bm25, no stemming, no typos) for the
    text, an R*Tree for the radius box, filters in SQL; distances, opening
    hours, facets, order and page in Python, as the real searcher does."""

    def __init__(self, path: Path):
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def build(self) -> None:
        from flask_babel import force_locale

        from search_index import registry

        conn = sqlite3.connect(self.path)
        conn.executescript(BASELINE_SCHEMA)
        rowid = 0
        with force_locale("fr"):
            for doc_type in registry.document_types():
                source = registry.document_source(doc_type)
                ids = list(source.all_ids())
                for start in range(0, len(ids), 1000):
                    rows, texts, boxes, themes = [], [], [], []
                    for d in source.fetch(ids[start:start + 1000]):
                        if not d["published"]:
                            continue
                        rowid += 1
                        rows.append((rowid, d["type"], d["id"], d["name"], d["commune_insee"],
                                     d["lat"], d["lon"], d["age_min"], d["age_max"],
                                     d["last_checked_at"].timestamp(), " ".join(d["themes"]),
                                     d["opening_hours"], d["url"]))
                        context = " ".join(filter(None, [d["structure"], d["commune_name"],
                                                         d["postal_code"]]))
                        texts.append((rowid, d["name"], d["text"], context))
                        boxes.append((rowid, d["lat"], d["lat"], d["lon"], d["lon"]))
                        themes += [(t, rowid) for t in set(d["themes"])]
                    conn.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
                    conn.executemany("INSERT INTO fts(rowid, name, text, context) "
                                     "VALUES (?,?,?,?)", texts)
                    conn.executemany("INSERT INTO geo VALUES (?,?,?,?,?)", boxes)
                    conn.executemany("INSERT INTO doc_themes VALUES (?,?)", themes)
        conn.commit()
        self.conn = conn

    def size_mb(self) -> float:
        return self.path.stat().st_size / 1e6

    def sample_places(self) -> list[tuple[str, float, float]]:
        return self.conn.execute("SELECT commune, avg(lat), avg(lon) FROM docs "
                                 "GROUP BY commune ORDER BY commune").fetchall()

    def search(self, q):
        from portal.core.themes import THEMES
        from portal.geo.distance import bounding_box, haversine_km
        from search_index.searcher import DirectoryPage

        words = [w for w in re.findall(r"\w+", q.text.lower()) if len(w) > 1]
        sql = ["SELECT d.rowid, d.lat, d.lon, d.commune, d.themes, d.hours, d.checked, "
               + ("bm25(fts, 3.0, 1.0, 0.5)" if words else "0.0")
               + (" FROM fts JOIN docs d ON d.rowid = fts.rowid" if words else " FROM docs d")]
        where, params = ["d.checked >= ?"], [(q.now - timedelta(days=365)).timestamp()]
        if words:
            where.append("fts MATCH ?")
            params.append(" AND ".join(f'"{w}"*' for w in words))
        if q.near:
            box = bounding_box(*q.near, q.radius_km)
            sql.append("JOIN geo ON geo.id = d.rowid")
            where += ["geo.max_lat >= ?", "geo.min_lat <= ?", "geo.max_lon >= ?",
                      "geo.min_lon <= ?"]
            params += [box[0], box[2], box[1], box[3]]
        if q.age is not None:
            where += ["d.age_min <= ?", "d.age_max >= ?"]
            params += [q.age, q.age]
        if q.themes:
            where.append(f"d.rowid IN (SELECT doc FROM doc_themes WHERE theme IN "
                         f"({','.join('?' * len(q.themes))}))")
            params += list(q.themes)
        rows = self.conn.execute(" ".join(sql) + " WHERE " + " AND ".join(where), params)
        kept = []
        for rowid, lat, lon, commune, themes, hours, checked, score in rows:
            km = haversine_km(*q.near, lat, lon) if q.near else None
            if km is not None and km > q.radius_km:
                continue
            if q.open_at is not None and not _open(hours, q.open_at):
                continue
            kept.append((rowid, km, score, commune, themes, checked))
        theme_counts = Counter(t for k in kept for t in k[4].split() if t in THEMES)
        communes = Counter(k[3] for k in kept)
        if q.sort == "distance" and q.near:
            key = lambda k: (round(k[1], 1), k[2])  # noqa: E731  (bm25: lower is better)
        elif words:
            key = lambda k: k[2]  # noqa: E731
        elif q.near:
            key = lambda k: k[1]  # noqa: E731
        else:
            key = lambda k: -k[5]  # noqa: E731
        page = heapq.nsmallest(q.page * q.per_page, kept, key=key)[(q.page - 1) * q.per_page:]
        if words and page:  # highlights for the page, as the real searcher makes them
            marks = ",".join(str(k[0]) for k in page)
            self.conn.execute(
                "SELECT rowid, highlight(fts, 0, '<mark>', '</mark>'), "
                "snippet(fts, 1, '<mark>', '</mark>', '…', 16) FROM fts "
                f"WHERE fts MATCH ? AND rowid IN ({marks})", [params[1]]).fetchall()
        return DirectoryPage(len(kept), page, {"themes": dict(theme_counts),
                                               "communes": dict(communes.most_common(50))},
                             q.page, q.per_page)


@lru_cache(maxsize=4096)
def _hours(text: str):
    from opening_hours import OpeningHours

    return OpeningHours(text)


def _open(hours: str | None, at: datetime) -> bool:
    from portal.core.time import PARIS

    return bool(hours) and _hours(hours).is_open(at.astimezone(PARIS).replace(tzinfo=None))


# ---------------------------------------------------------------- the run

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="directory entries")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes over the mix")
    parser.add_argument("--keep", action="store_true", help="keep the /tmp instance")
    parser.add_argument("--fresh-process", metavar="INSTANCE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fresh_process:
        return _fresh_process(Path(args.fresh_process))

    from flask_migrate import upgrade

    from portal import create_app
    from portal.core.commit import rollback
    from portal.directory.demo import seed_directory
    from portal.extensions import db
    from search_index import indexer
    from search_index.searcher import search_directory

    instance = Path(tempfile.mkdtemp(prefix="passerelle-bench-search-"))
    app = create_app({"INSTANCE_DIR": str(instance), "REDIS_URL": None,
                      "SECRET_KEY": "bench"})
    if "search" not in app.cli.commands:  # until create_app wires the search package
        from search_index.cli import init_app

        init_app(app)
    out: dict = {"count": args.count, "instance": str(instance), "load": [os.getloadavg()[0]]}
    try:
        with app.app_context():
            upgrade(revision="heads")
            print(f"seeding {args.count} entries in {instance} …", flush=True)
            seeded, out["seed_s"] = common.timed(seed_directory, args.count)
            db.session.commit()
            rollback()  # drop the rebuild seeding queued: it is timed on its own below
            out["entries"] = seeded["structures"] + seeded["persons"] + seeded["services"]

            print("rebuilding the Whoosh index …", flush=True)
            cpu = time.process_time()
            with common.RssSampler() as memory:
                result = indexer.rebuild()
            out.update(rebuild_s=result.seconds, rebuild_cpu_s=time.process_time() - cpu,
                       indexed=result.documents,
                       index_mb=common.directory_size_mb(result.path),
                       rebuild_rss_mb=memory.growth)
            rollback()

            print("building the FTS5 + R*Tree baseline …", flush=True)
            baseline = Fts5Baseline(instance / "baseline.db")
            cpu = time.process_time()
            _, out["baseline_build_s"] = common.timed(baseline.build)
            out["baseline_build_cpu_s"] = time.process_time() - cpu
            out["baseline_mb"] = baseline.size_mb()
            rollback()

            mix = make_mix(baseline.sample_places(), seed=20_261_122)
            out["queries"] = len(mix)
            print(f"running {len(mix)} queries × (1 cold + {args.rounds} warm) …", flush=True)
            out["whoosh"] = _run(mix, search_directory, args.rounds)
            out["baseline"] = _run(mix, baseline.search, args.rounds)
            out["samples"] = _samples(mix, search_directory, baseline.search)
        print("the same mix in a fresh process (another worker opening the index) …",
              flush=True)
        fresh = subprocess.run([sys.executable, __file__, "--fresh-process", str(instance)],
                               capture_output=True, text=True, timeout=1800, check=True)
        out["fresh"] = json.loads(fresh.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            shutil.rmtree(instance, ignore_errors=True)
    out["peak_rss_mb"] = common.peak_rss_mb()
    out["load"].append(os.getloadavg()[0])
    report = _markdown(out)
    print(report)
    common.RESULTS_DIR.mkdir(exist_ok=True)
    (common.RESULTS_DIR / "search.md").write_text(report)
    return 0


def _fresh_process(instance: Path) -> int:
    """A process that did not build the index: memory, and what the first
    queries cost it. Prints one JSON line."""
    from portal import create_app
    from search_index.searcher import search_directory

    app = create_app({"INSTANCE_DIR": str(instance), "REDIS_URL": None,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        baseline = Fts5Baseline(instance / "baseline.db")
        baseline.conn = sqlite3.connect(baseline.path)
        mix = make_mix(baseline.sample_places(), seed=20_261_122)
        before = common.rss_mb()
        first = _time(search_directory, mix[0][1])
        result = _run(mix, search_directory, 1)
    print(json.dumps({"rss_before_mb": before, "rss_after_mb": common.rss_mb(),
                      "first_ms": [round(t * 1000, 1) for t in first],
                      "cold": result["cold"], "warm": result["warm"]}))
    return 0


def _run(mix, search, rounds: int) -> dict:
    """Cold pass, then ``rounds`` warm passes; per query kind and overall.

    Wall-clock times, and the CPU time of the searching thread beside them:
    on a shared machine the first grows with other people's load, the second
    much less.
    """
    cold = [_time(search, q) for _, q in mix]
    warm, by_kind = [], {}
    for _ in range(rounds):
        for kind, q in mix:
            timing = _time(search, q)
            warm.append(timing)
            by_kind.setdefault(kind, []).append(timing[0])
    slowest = sorted(zip(cold, mix, strict=True), key=lambda t: -t[0][0])[:3]
    return {"slowest_cold": [(kind, q.text, round(w * 1000), round(c * 1000))
                             for (w, c), (kind, q) in slowest],
            "cold": common.summary_ms([w for w, _ in cold]),
            "cold_cpu": common.summary_ms([c for _, c in cold]),
            "warm": common.summary_ms([w for w, _ in warm]),
            "warm_cpu": common.summary_ms([c for _, c in warm]),
            "kinds": {k: common.summary_ms(v) for k, v in by_kind.items()}}


def _time(search, q) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.thread_time()
    search(q)
    return time.perf_counter() - started, time.thread_time() - cpu


def _samples(mix, search, baseline_search) -> list[tuple[str, str, int, int]]:
    """Totals of a few queries in both engines (what each finds, not just how fast)."""
    picked, seen = [], set()
    for kind, q in mix:
        label = f"{q.text or '—'} ({kind})"
        if kind in seen and not q.text.startswith("logemnt"):
            continue
        seen.add(kind)
        picked.append((kind, label, search(q).total, baseline_search(q).total))
        if len(picked) >= 10:
            break
    return picked


def _markdown(o: dict) -> str:
    w, b = o["whoosh"], o["baseline"]

    def row(name, s):
        return f"| {name} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} |"

    lines = [
        f"### Guide search at {o['count']:,} entries".replace(",", " "),
        "",
        f"Command: `{common.command_line()}` — {common.machine()}; load average "
        f"{o['load'][0]:.1f} at the start, {o['load'][1]:.1f} at the end.",
        f"Seeded with `seed_directory({o['count']})` in {o['seed_s']:.0f} s "
        f"({o['entries']} rows, {o['indexed']} published and indexed).",
        "",
        "| | Whoosh (search_index) | SQLite FTS5 + R*Tree |",
        "|---|---|---|",
        f"| full build (CPU) | {o['rebuild_s']:.0f} s ({o['rebuild_cpu_s']:.0f} s) "
        f"| {o['baseline_build_s']:.0f} s ({o['baseline_build_cpu_s']:.0f} s) |",
        f"| size on disk | {o['index_mb']:.0f} MB | {o['baseline_mb']:.0f} MB |",
        f"| query p50 / p95 / max, warm (ms) | {_pmm(w['warm'])} | {_pmm(b['warm'])} |",
        f"| same, CPU time of the query (ms) | {_pmm(w['warm_cpu'])} | {_pmm(b['warm_cpu'])} |",
        f"| query p50 / p95 / max, first pass (ms) | {_pmm(w['cold'])} | {_pmm(b['cold'])} |",
        f"| same, CPU time (ms) | {_pmm(w['cold_cpu'])} | {_pmm(b['cold_cpu'])} |",
        f"| warm p95 ratio (FTS5 / Whoosh) | 1 | {b['warm']['p95'] / w['warm']['p95']:.1f} |",
        "",
        "Slowest first-pass queries, wall / CPU ms (each reads what it needs from the index "
        "once per process): " + "; ".join(f"{kind} “{text}” {wall} / {cpu}"
                                         for kind, text, wall, cpu in w["slowest_cold"]) + ".",
        "",
        f"Memory: the rebuild grew the process by {o['rebuild_rss_mb']:.0f} MB at its peak "
        f"(peak resident size of the whole run {o['peak_rss_mb']:.0f} MB). A fresh process "
        f"(another worker) searching this index: {o['fresh']['rss_before_mb']:.0f} MB resident "
        f"before its first query, {o['fresh']['rss_after_mb']:.0f} MB after the mix; its "
        f"first query took {o['fresh']['first_ms'][0]:.0f} ms (reading what every query "
        f"needs from the index), then p50 / p95 / max {_pmm(o['fresh']['cold'])} ms over "
        f"the mix's first pass and {_pmm(o['fresh']['warm'])} ms warm.",
        "",
        f"{o['queries']} queries per pass; warm figures per kind (ms, Whoosh | FTS5):",
        "",
        "| kind | n | p50 | p95 | max | FTS5 p50 | FTS5 p95 | FTS5 max |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, s in w["kinds"].items():
        f = b["kinds"][kind]
        lines.append(f"| {kind} | {s['n']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} "
                     f"| {f['p50']:.1f} | {f['p95']:.1f} | {f['max']:.1f} |")
    lines += ["", "What each finds (total matches):", "",
              "| query | Whoosh | FTS5 |", "|---|---|---|"]
    lines += [f"| {label} | {a} | {c} |" for _, label, a, c in o["samples"]]
    lines += ["", "Targets: p95 ≤ 50 ms, worst ≤ 150 ms, full rebuild ≤ 5 min.", ""]
    return "\n".join(lines)


def _pmm(s: dict) -> str:
    return f"{s['p50']:.1f} / {s['p95']:.1f} / {s['max']:.1f}"


if __name__ == "__main__":
    sys.exit(main())
