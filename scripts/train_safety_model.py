"""Train the distress model (``portal/safety/model.py``) on the corpus's
**train split only** and write ``portal/safety/data/distress_model.json``.

    .venv/bin/python scripts/train_safety_model.py          # train, write
    .venv/bin/python scripts/train_safety_model.py --cv 5   # cross-validation on train, nothing written

Logistic regression (plain Python, no dependency): one head for "distress or
not" (distress messages against ordinary messages and forum posts) and one
head per kind (one kind against the other distress messages). L2-regularised,
Adagrad, a fixed seed; weights under a floor are dropped to keep the file
small. The alarm threshold is the highest that keeps the cross-validated
false alarms of the model alone under ``--max-false`` on train.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.safety.distress import IDIOMS, register  # noqa: E402
from portal.safety.model import DATA, features  # noqa: E402
from portal.safety.normalise import normalise  # noqa: E402

CORPUS = ROOT / "tests" / "safety" / "corpus"
KINDS = ["suicide", "self_harm", "violence_home", "sexual_violence", "couple_violence",
         "harassment", "no_shelter", "sexual_health", "eating_addiction"]


def load(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [row for row in rows if row["split"] == "train"]   # never the held-out or blind splits


def featurise(row: dict) -> set[str]:
    words = IDIOMS.sub(" ", normalise(row["text"], row.get("lang"))).split()
    return features(words)


def train(xs: list[set[str]], ys: list[int], *, epochs: int = 8, l2: float = 3e-3, rate: float = 0.1,
          seed: int = 12) -> tuple[dict[str, float], float]:
    w: dict[str, float] = {}
    g: dict[str, float] = {}
    b, gb = 0.0, 1e-8
    order = list(range(len(xs)))
    rng = random.Random(seed)
    positives = sum(ys) or 1
    negatives = (len(ys) - positives) or 1
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            x, y = xs[i], ys[i]
            z = b + sum(w.get(f, 0.0) for f in x)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            # Classes weighted to balance: there are more distress messages than others.
            err = (p - y) * (len(ys) / (2 * (positives if y else negatives)))
            for f in x:
                grad = err + l2 * w.get(f, 0.0)
                g[f] = g.get(f, 1e-8) + grad * grad
                w[f] = w.get(f, 0.0) - rate * grad / math.sqrt(g[f])
            gb += err * err
            b -= rate * err / math.sqrt(gb)
    return w, b


def score(w: dict[str, float], b: float, x: set[str]) -> float:
    """The log-odds (thresholds are compared on it: probabilities saturate)."""
    return b + sum(w.get(f, 0.0) for f in x)


def strongest(w: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` weights of largest size, rounded: the file stays small."""
    return {f: round(v, 3) for f, v in sorted(w.items(), key=lambda kv: -abs(kv[1]))[:keep]}


WRITTEN = ROOT / "scripts" / "data" / "safety_ordinary_written.txt"


def written_ordinary() -> list[dict]:
    """Everyday messages written for this model that share words with distress."""
    lines = WRITTEN.read_text(encoding="utf-8").splitlines()
    return [{"id": f"w-{i}", "text": line, "lang": None} for i, line in enumerate(lines)
            if line.strip() and not line.startswith("#")]


WRITTEN_DISTRESS = ROOT / "scripts" / "data" / "safety_distress_written.txt"


def written_distress() -> list[dict]:
    """Distress messages written for this model, other words for the same dangers."""
    rows = []
    for i, line in enumerate(WRITTEN_DISTRESS.read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            kinds, text = line.split("|", 1)
            rows.append({"id": f"wd-{i}", "text": text, "lang": None, "kinds": kinds.split(",")})
    return rows


def portal_texts() -> list[dict]:
    """The portal's own everyday texts: the forum's demo topics and the
    assistant's ordinary test questions (questions about school, work, money)."""
    from portal.forum.demo import TOPICS
    from tests.assistant.questions import QUESTIONS

    texts = [t for _, _, title, question, answers, _ in TOPICS
             for t in (title, question, *(answer for _, answer in answers))]
    texts += [question for question, _, numbers in QUESTIONS if numbers is None]
    return [{"id": f"p-{i}", "text": t, "lang": None} for i, t in enumerate(texts)]


def dataset():
    distress = load("distress") + written_distress()
    others = load("ordinary") + load("personal_data") + written_ordinary() + portal_texts()
    rows = distress + others
    xs = [featurise(r) for r in rows]
    ys = [1 if r in distress else 0 for r in rows]
    return rows, xs, ys, len(distress)


def cross_validate(folds: int, max_false: float) -> float:
    rows, xs, ys, _ = dataset()
    rng = random.Random(3)
    index = list(range(len(rows)))
    rng.shuffle(index)
    preds = [0.0] * len(rows)
    for k in range(folds):
        test = set(index[k::folds])
        train_idx = [i for i in index if i not in test]
        w, b = train([xs[i] for i in train_idx], [ys[i] for i in train_idx])
        for i in test:
            preds[i] = score(w, b, xs[i])
    # Calibrated on ordinary questions and everyday texts: forum posts with
    # personal data are easier negatives.
    negatives = sorted((preds[i] for i in range(len(rows))
                        if not ys[i] and rows[i]["id"].startswith(("o-", "w-", "p-"))),
                       reverse=True)
    cut = negatives[int(max_false * len(negatives))] if negatives else 0.0
    recall = sum(1 for i in range(len(rows)) if ys[i] and preds[i] > cut) / sum(ys)
    print(f"cross-validated on train: threshold {cut:.3f} keeps false alarms ≤ {max_false:.0%}, "
          f"recall of the model alone {recall:.3f}")
    return cut


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=5, help="folds for the threshold")
    parser.add_argument("--max-false", type=float, default=0.05)
    parser.add_argument("--keep", type=int, default=8000, help="weights kept for the alarm head (a third per kind)")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    register()
    cut = cross_validate(args.cv, args.max_false)
    rows, xs, ys, n_distress = dataset()
    heads = {}
    w, b = train(xs, ys)
    heads["distress"] = {"b": round(b, 4), "w": strongest(w, args.keep)}
    dxs, drows = xs[:n_distress], rows[:n_distress]
    for kind in KINDS:
        w, b = train(dxs, [1 if kind in r["kinds"] else 0 for r in drows])
        heads[kind] = {"b": round(b, 4), "w": strongest(w, args.keep // 3)}
    model = {"_about": "Trained by scripts/train_safety_model.py on the train split only.",
             "thresholds": {"distress": round(cut, 4)}, "heads": heads}
    size = sum(len(h["w"]) for h in heads.values())
    if args.dry_run:
        print(f"{size} weights (not written)")
        return
    DATA.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                    encoding="utf-8")
    print(f"{size} weights written to {DATA.relative_to(ROOT)} ({DATA.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
