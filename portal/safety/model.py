"""A learned second opinion on distress: a linear model over the normalised
words, their pairs and their letter groups, trained by
``scripts/train_safety_model.py`` on the corpus's train split only, its
weights shipped in ``data/distress_model.json``.

The patterns (``distress.py``) decide first; the model only adds an alarm
they missed, when it is confident, and names the kinds it sees. Letter
groups ("suic", "scari", "fugu") carry a word the patterns do not know
yet; word pairs carry indirect wording ("plus envie", "sans moi").
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "distress_model.json"


def features(words: list[str]) -> set[str]:
    found: set[str] = set()
    for i, word in enumerate(words):
        found.add("w:" + word)
        if i + 1 < len(words):
            found.add("b:" + word + "_" + words[i + 1])
        padded = f"<{word}>"
        for n in (4,):
            for j in range(len(padded) - n + 1):
                found.add("c:" + padded[j:j + n])
    return found


@lru_cache(maxsize=1)
def weights() -> dict | None:
    if not DATA.exists():
        return None
    return json.loads(DATA.read_text(encoding="utf-8"))


def scores(words: list[str]) -> dict[str, float] | None:
    """Log-odds of distress ("distress") and of each kind, or None when no
    model is shipped."""
    model = weights()
    if model is None:
        return None
    feats = features(words)
    return {name: head["b"] + sum(head["w"].get(f, 0.0) for f in feats)
            for name, head in model["heads"].items()}


def threshold(name: str = "distress") -> float:
    """The log-odds over which the model raises an alarm."""
    model = weights()
    return model["thresholds"].get(name, 0.0) if model else math.inf
