"""Benchmark: the information base ranked for young people, measured.

    .venv/bin/python bench/articles.py

Builds a scratch instance with the shipped articles (real migrations, real
index), then, with and without the weight for readers aged 13 to 30
(portal/knowledge/audience.py), measures:

- the typical searches of tests/knowledge/searches.py: found in the first 3
  (recall@3) and mean reciprocal rank (MRR) of the first right sheet;
- the assistant's question set (tests/assistant/questions.py) searched as the
  assistant does (its understanding of the question and its themes);
- the first five articles of the theme page "Logement".

Prints a markdown block (also bench/results/articles.md).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402


def rank(hits, expected) -> int | None:
    ids = [h.source_id for h in hits]
    return next((i for i, sid in enumerate(ids, 1) if sid in expected), None)


def scores(ranks: list[int | None]) -> tuple[float, float]:
    found = sum(1 for r in ranks if r is not None and r <= 3)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    return found / len(ranks), mrr


def measure(for_young: bool) -> dict:
    from portal.assistant.understanding import understand
    from search_index.articles import search_articles
    from tests.assistant.questions import QUESTIONS
    from tests.knowledge.searches import SEARCHES

    typical = {q: rank(search_articles(q, limit=20, highlight_hits=False, for_young=for_young).hits,
                       set(expected)) for q, expected in SEARCHES}
    asked = []
    for question, expected, _numbers in QUESTIONS:
        if not expected:
            continue
        # As the assistant's find_articles asks, without its cut-off.
        u = understand(question)
        hits = search_articles(u.query, limit=20, prefer_themes=u.subthemes[:2] + u.themes[:1],
                               highlight_hits=False, for_young=for_young).hits
        asked.append(rank(hits, set(expected)))
    housing = search_articles("", themes=("logement",), limit=5, highlight_hits=False,
                              for_young=for_young).hits
    return {"typical": typical, "asked": asked, "housing": [h.title for h in housing]}


def main() -> None:
    instance = Path(tempfile.mkdtemp(prefix="passerelle-articles-"))
    from portal import create_app

    app = create_app({"INSTANCE_DIR": str(instance), "TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'portal.db'}"})
    with app.app_context(), app.test_request_context():
        from flask_migrate import upgrade

        from portal.core.commit import committing
        from portal.knowledge.operations import load_service_public_articles
        from search_index.indexes import rebuild_text_indexes

        upgrade(revision="heads")
        committing(load_service_public_articles)()
        rebuild_text_indexes()
        before, after = measure(False), measure(True)

    lines = ["### The information base for young people", "",
             f"`{common.command_line()}` — {common.machine()}", "",
             "| set | weight | found in the first 3 | MRR |", "|---|---|---:|---:|"]
    for label, key in (("typical searches", "typical"), ("assistant's questions", "asked")):
        for name, result in (("without", before), ("with", after)):
            ranks = list(result[key].values()) if key == "typical" else result[key]
            found, mrr = scores(ranks)
            lines.append(f"| {label} ({len(ranks)}) | {name} | {found:.0%} | {mrr:.3f} |")
    lines += ["", "| search | rank without | rank with |", "|---|---:|---:|"]
    for q, r in before["typical"].items():
        lines.append(f"| {q} | {r or '—'} | {after['typical'][q] or '—'} |")
    lines += ["", "Theme page \"Logement\", first five:", "",
              "| without | with |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in zip(before["housing"], after["housing"], strict=True)]
    common.write_result("articles", "\n".join(lines))


if __name__ == "__main__":
    main()
