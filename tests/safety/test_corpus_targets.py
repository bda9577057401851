"""The benchmark's figures on the labelled corpus (``bench/safety.py``), as a
test that runs in seconds: the train split (tuned on) meets the issue's
targets, and the held-out split does at least much better than the previous
word lists. The held-out figures themselves are reported, not asserted to
the targets, in docs/PERFORMANCE.md."""

from __future__ import annotations

import pytest

from bench.safety import Baseline, New, load, measure


@pytest.fixture(scope="module")
def corpus():
    return {name: load(name) for name in ("distress", "ordinary", "personal_data")}


def split(corpus, name):
    return [[row for row in corpus[k] if row["split"] == name]
            for k in ("distress", "ordinary", "personal_data")]


def test_train_split_meets_the_targets(request_context, corpus):
    found = measure(New(), *split(corpus, "train"), rounds=0)
    assert found["recall"] >= 0.97 and found["suicide_self_harm"] == 1.0
    assert found["right_number"] >= 0.97 and found["false_alarms"] <= 0.05
    assert found["pd_recall"] >= 0.95 and found["false_holds"] <= 0.05


def test_heldout_split_beats_the_previous_word_lists(request_context, corpus):
    new = measure(New(), *split(corpus, "heldout"), rounds=0)
    old = measure(Baseline(), *split(corpus, "heldout"), rounds=0)
    assert new["recall"] >= old["recall"] + 0.3
    assert new["right_number"] >= old["right_number"] + 0.3
    assert new["pd_recall"] >= 0.9 and new["false_holds"] <= 0.05
