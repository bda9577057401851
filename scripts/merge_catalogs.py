"""A git merge driver for the translation catalogs (messages.po, messages.pot).

Two branches that each add sentences change the same catalog in nearby places
(and every location comment moves), so git's line merge conflicts on almost
every merge although nothing really disagrees. This driver merges message by
message: the union of both sides' messages; where both translated the same
sentence differently, ours wins; a side's translation fills the other's empty
one. Locations are re-made afterwards by ``flask translate update``.

Set up once per clone (``.gitattributes`` already names the driver):

    git config merge.catalogs.name "translation catalogs, message by message"
    git config merge.catalogs.driver "python3 scripts/merge_catalogs.py %O %A %B"

Needs only Babel (installed in .venv; ``python3`` must find it, so the driver
line may name ``.venv/bin/python`` instead).
"""

from __future__ import annotations

import sys


def _read(path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        return read_po(fh)


def _translated(message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    from babel.messages.pofile import write_po

    base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id, message.context)
        if mine is None:
            # Removed on our side since the base: keep it removed.
            if base.get(message.id, message.context) is not None:
                continue
            ours[message.id] = message  # keyed by the message's own context too
            continue
        if not _translated(mine) or "fuzzy" in mine.flags:
            if _translated(message) and "fuzzy" not in message.flags:
                mine.string = message.string
                mine.flags.discard("fuzzy")
        mine.locations = sorted(set(mine.locations) | set(message.locations))
    with open(ours_path, "wb") as fh:
        write_po(fh, ours, width=0, sort_by_file=True)
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
