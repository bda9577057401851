"""Benchmark: the youth-safety screening on the labelled corpus (issue 12).

    .venv/bin/python bench/safety.py               # every split, new and baseline
    .venv/bin/python bench/safety.py --misses      # also list the train split's misses

Reads ``tests/safety/corpus/{distress,ordinary,personal_data}.jsonl`` and, when
they exist, the ``*_blind.jsonl`` files written by another author (split
``blind``; their messages are never printed). For each split prints, for the
new screening (``portal.safety.screen``) and the previous word lists
(``bench/safety_baseline.py``) side by side:

- recall per kind: a message of that kind raises an alarm (any kind), and, in
  brackets, the share where that very kind was recognised;
- the right number: every labelled kind's first number (for the message's
  country and age) is in the list shown;
- false alarms: ordinary messages that raised an alarm;
- p99 time per message of one ``screen()`` call (distress + personal data +
  banned words), single-threaded;
- personal data: recall per kind, false holds.

Targets (issue 12): recall ≥ 0.97 overall and 1.0 for suicide and self-harm,
right number ≥ 0.97, false alarms ≤ 5 %, p99 ≤ 2 ms, personal data recall
≥ 0.95 and false holds ≤ 5 %. Only the train split may be tuned on; the
``--misses`` listing is limited to it for that reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.safety_baseline import baseline_distress, baseline_personal_data  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "safety" / "corpus"
KINDS = ["suicide", "self_harm", "violence_home", "sexual_violence", "couple_violence",
         "harassment", "no_shelter", "sexual_health", "eating_addiction"]
PERSONAL = ["phone", "email", "handle", "address", "name"]
SPLITS = ["train", "heldout", "blind"]
TARGETS = {"recall": 0.97, "suicide_self_harm": 1.0, "right_number": 0.97, "false_alarms": 0.05,
           "p99_ms": 2.0, "pd_recall": 0.95, "false_holds": 0.05}


def load(name: str) -> list[dict]:
    rows = []
    for path in (CORPUS / f"{name}.jsonl", CORPUS / f"{name}_blind.jsonl"):
        if path.exists():
            blind = path.name.endswith("_blind.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    if blind:
                        row["split"] = "blind"
                    rows.append(row)
    return rows


def expected_numbers(row: dict) -> set[str]:
    """The first number of each labelled kind, for the row's country and age."""
    from portal.safety.numbers import number_ids, payload

    found = set()
    for kind in row["kinds"]:
        ids = number_ids([kind], country=row.get("country") or "FR", minor=row.get("minor"),
                         locale=row.get("lang"))
        found.add(payload(ids[0])["number"])
    return found


class New:
    name = "new (portal.safety)"

    def __init__(self):
        from portal.safety import screen

        self.screen = screen

    def distress(self, row):
        s = self.screen(row["text"], locale=row.get("lang"), country=row.get("country"))
        return s.distress.kinds, set(s.distress.numbers)

    def personal(self, row):
        return self.screen(row["text"], locale=row.get("lang")).personal_data

    def timed(self, row):
        started = time.perf_counter()
        self.screen(row["text"], locale=row.get("lang"), country=row.get("country"))
        return time.perf_counter() - started


class Baseline:
    name = "baseline (previous word lists)"

    def distress(self, row):
        found = baseline_distress(row["text"])
        return found.kinds, set(found.numbers)

    def personal(self, row):
        return baseline_personal_data(row["text"])

    def timed(self, row):
        started = time.perf_counter()
        baseline_distress(row["text"])
        baseline_personal_data(row["text"])
        return time.perf_counter() - started


def measure(engine, distress, ordinary, personal, *, rounds: int = 3) -> dict:
    out: dict = {}
    per_kind = defaultdict(lambda: [0, 0, 0])  # messages, alarmed, kind recognised
    alarmed = right = 0
    misses = []
    for row in distress:
        kinds, numbers = engine.distress(row)
        alarmed += bool(kinds)
        ok_number = expected_numbers(row) <= numbers
        right += ok_number
        for kind in row["kinds"]:
            per_kind[kind][0] += 1
            per_kind[kind][1] += bool(kinds)
            per_kind[kind][2] += kind in kinds
        if not kinds or not ok_number:
            misses.append((row, kinds))
    out["recall"] = alarmed / max(1, len(distress))
    out["per_kind"] = {k: v for k, v in per_kind.items()}
    sh = [row for row in distress if {"suicide", "self_harm"} & set(row["kinds"])]
    out["suicide_self_harm"] = sum(bool(engine.distress(r)[0]) for r in sh) / max(1, len(sh))
    out["right_number"] = right / max(1, len(distress))
    false = [row for row in ordinary if engine.distress(row)[0]]
    out["false_alarms"] = len(false) / max(1, len(ordinary))
    out["false_rows"] = [(row, engine.distress(row)[0]) for row in false]
    pd_kind = defaultdict(lambda: [0, 0])
    held = holds = 0
    with_data = [row for row in personal if row["personal_data"]]
    without = [row for row in personal if not row["personal_data"]]
    pd_misses = []
    for row in with_data:
        found = engine.personal(row)
        held += bool(found)
        for kind in row["personal_data"]:
            pd_kind[kind][0] += 1
            pd_kind[kind][1] += kind in found
        if not set(row["personal_data"]) <= set(found):
            pd_misses.append((row, found))
    for row in without:
        if found := engine.personal(row):
            holds += 1
            pd_misses.append((row, found))
    out["pd_recall"] = held / max(1, len(with_data))
    out["pd_kind"] = dict(pd_kind)
    out["false_holds"] = holds / max(1, len(without))
    # Each message timed ``rounds`` times and its fastest kept: the machine
    # is shared, and a scheduler pause is not the screening's cost.
    everything = distress + ordinary + personal
    values = sorted(min(engine.timed(row) for _ in range(rounds)) * 1000 for row in everything) if rounds else [0.0]
    out["p50_ms"] = common.percentile(values, 0.50)
    out["p99_ms"] = common.percentile(values, 0.99)
    out["misses"], out["pd_misses"] = misses, pd_misses
    out["sizes"] = (len(distress), len(ordinary), len(personal))
    return out


def pct(x: float) -> str:
    return f"{x:.3f}"


def table(split: str, results: dict[str, dict]) -> str:
    names = list(results)
    lines = [f"**Split `{split}`** — {results[names[0]]['sizes'][0]} distress, "
             f"{results[names[0]]['sizes'][1]} ordinary, {results[names[0]]['sizes'][2]} forum posts",
             "", "| measure | target | " + " | ".join(names) + " |",
             "|---|---|" + "---|" * len(names)]

    def row(label, target, fn):
        lines.append(f"| {label} | {target} | " + " | ".join(fn(results[n]) for n in names) + " |")

    row("recall, all distress", "≥ 0.97", lambda r: pct(r["recall"]))
    row("recall, suicide + self-harm", "1.0", lambda r: pct(r["suicide_self_harm"]))
    for kind in KINDS:
        row(f"recall `{kind}` (kind itself)", "", lambda r, k=kind: (
            f"{pct(r['per_kind'].get(k, [1, 0, 0])[1] / max(1, r['per_kind'].get(k, [0])[0]))} "
            f"({pct(r['per_kind'].get(k, [1, 0, 0])[2] / max(1, r['per_kind'].get(k, [0])[0]))})"))
    row("right number in the list", "≥ 0.97", lambda r: pct(r["right_number"]))
    row("false alarms (ordinary)", "≤ 0.05", lambda r: pct(r["false_alarms"]))
    row("personal data recall", "≥ 0.95", lambda r: pct(r["pd_recall"]))
    for kind in PERSONAL:
        row(f"personal data `{kind}` (kind itself)", "", lambda r, k=kind: pct(
            r["pd_kind"].get(k, [1, 0])[1] / max(1, r["pd_kind"].get(k, [0])[0])))
    row("false holds (posts without)", "≤ 0.05", lambda r: pct(r["false_holds"]))
    row("p50 / p99 ms per message", "p99 ≤ 2", lambda r: f"{r['p50_ms']:.3f} / {r['p99_ms']:.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the train split's misses")
    parser.add_argument("--splits", default=",".join(SPLITS))
    args = parser.parse_args()

    from portal import create_app

    app = create_app()
    with app.test_request_context():
        engines = [New(), Baseline()]
        engines[0].screen("warm up")  # patterns compiled once per process
        data = {name: load(name) for name in ("distress", "ordinary", "personal_data")}
        blocks = [f"`{common.command_line()}` — {common.machine()}", ""]
        for split in args.splits.split(","):
            picked = {k: [r for r in v if r["split"] == split] for k, v in data.items()}
            if not picked["distress"]:
                continue
            results = {e.name: measure(e, picked["distress"], picked["ordinary"],
                                       picked["personal_data"]) for e in engines}
            blocks += [table(split, results), ""]
            if args.misses and split == "train":
                new = results[engines[0].name]
                for row, kinds in new["misses"]:
                    print("MISS", row["kinds"], kinds, row.get("country"), row.get("minor"), "|", row["text"])
                for row, kinds in new["false_rows"]:
                    print("FALSE", kinds, "|", row["text"])
                for row, found in new["pd_misses"]:
                    print("PD", row["personal_data"], found, "|", row["text"])
        common.write_result("safety", "\n".join(blocks))


if __name__ == "__main__":
    main()
