"""Banned words (forum moderation): one list per language in
``data/banned_words.json`` (or the file named by FORUM_BANNED_WORDS_FILE),
matched as whole folded words ("CONNARD" and "connard" alike)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context

from portal.core.text import fold

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=4)
def _banned(path: str) -> tuple[re.Pattern, ...]:
    words = json.loads(Path(path).read_text(encoding="utf-8"))
    patterns = []
    for lang, items in words.items():
        if lang.startswith("_") or not items:
            continue
        alternatives = "|".join(re.escape(fold(w)) for w in items)
        patterns.append(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"))
    return tuple(patterns)


def banned_words_file() -> str:
    configured = current_app.config.get("FORUM_BANNED_WORDS_FILE") if has_app_context() else None
    return configured or str(DATA / "banned_words.json")


def has_banned_words(text: str | None) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in _banned(banned_words_file()))
