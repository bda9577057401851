"""Assistant quality and speed: recall@3, MRR and p95 answer time on the
quality set (tests/assistant/questions.py), against a plain baseline — the
same questions straight into the article index, without normalisation, theme
detection or distress words — in the same run.

    .venv/bin/python bench/assistant.py [--instance DIR] [--repeat 3]

Builds a throw-away instance (migrations, `flask knowledge import`, article
index) unless --instance names one that has the articles already. Prints a
markdown block and writes it to bench/results/assistant.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS_DIR, percentile  # noqa: E402

TARGETS = {"recall@3": 0.85, "p95_ms": 150.0}


def ranks(found_ids: list[str | None], expected: tuple[str, ...]) -> int | None:
    for rank, sheet in enumerate(found_ids, 1):
        if sheet in expected:
            return rank
    return None


def evaluate(answer_fn, questions, repeat: int) -> dict:
    hits3, rr, times, scored = 0, 0.0, [], 0
    distress_ok, distress_total, misses = 0, 0, []
    for question, expected, numbers in questions:
        result = None
        for _ in range(repeat):
            started = time.perf_counter()
            result = answer_fn(question)
            times.append(time.perf_counter() - started)
        ids, emergency, shown = result
        if expected:
            scored += 1
            rank = ranks(ids[:10], expected)
            if rank is not None and rank <= 3:
                hits3 += 1
            else:
                misses.append((question, expected, ids[:3]))
            rr += 1.0 / rank if rank else 0.0
        if numbers is not None:
            distress_total += 1
            if emergency and set(numbers) <= set(shown):
                distress_ok += 1
    ms = sorted(t * 1000 for t in times)
    return {"recall@3": hits3 / scored, "mrr": rr / scored, "scored": scored,
            "p50_ms": percentile(ms, .5), "p95_ms": percentile(ms, .95),
            "distress_ok": distress_ok, "distress_total": distress_total, "misses": misses}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from flask_migrate import upgrade

    from portal import create_app
    from portal.core.commit import commit
    from tests.assistant.questions import QUESTIONS

    instance = args.instance or tempfile.mkdtemp(prefix="bench-assistant-")
    app = create_app({"INSTANCE_DIR": instance, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(revision="heads")
        from portal.knowledge.operations import load_service_public_articles
        from search_index.articles import rebuild_articles, search_articles

        load_service_public_articles()
        commit()
        rebuilt = rebuild_articles()

    from portal.assistant.operations import answer_question, find_articles  # noqa: F401

    def assistant(question):
        answer = answer_question(question, record=False)
        return ([a["source_id"] for a in answer.articles], answer.emergency,
                [n["number"] for n in answer.numbers])

    def baseline(question):
        page = search_articles(question, limit=3, highlight_hits=False)
        return [h.source_id for h in page.hits], False, []

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        # Open the index and warm the caches once, as a running server has.
        assistant("logement"), baseline("logement")
        ours = evaluate(assistant, QUESTIONS, args.repeat)
        plain = evaluate(baseline, QUESTIONS, args.repeat)

    def row(name, r):
        return (f"| {name} | {r['recall@3']:.3f} | {r['mrr']:.3f} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['distress_ok']}/{r['distress_total']} |")

    ok = (ours["recall@3"] >= TARGETS["recall@3"] and ours["p95_ms"] <= TARGETS["p95_ms"]
          and ours["distress_ok"] == ours["distress_total"])
    lines = [
        "### Assistant (bench/assistant.py)", "",
        f"{len(QUESTIONS)} questions ({ours['scored']} with expected sheets, "
        f"{ours['distress_total']} distress); {rebuilt.documents} articles, index rebuilt in "
        f"{rebuilt.seconds:.1f} s; each question answered {args.repeat}×.", "",
        "| pipeline | recall@3 | MRR | p50 ms | p95 ms | distress flagged with the right numbers |",
        "|---|---|---|---|---|---|",
        row("assistant (normalisation, themes, distress)", ours),
        row("baseline (question straight into the article index)", plain), "",
        f"Targets: recall@3 ≥ {TARGETS['recall@3']}, every distress question flagged, "
        f"p95 ≤ {TARGETS['p95_ms']:.0f} ms → **{'met' if ok else 'NOT met'}**.", "",
        "Command: `.venv/bin/python bench/assistant.py`", "",
    ]
    if ours["misses"]:
        lines.append("Missed (question → expected; top 3):")
        lines += [f"- {q} → {', '.join(e)}; {', '.join(str(i) for i in got)}"
                  for q, e, got in ours["misses"]]
        lines.append("")
    text = "\n".join(lines)
    print(text)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "assistant.md").write_text(text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
