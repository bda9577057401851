"""Benchmark: page weight and load time on a slow 3G phone, before and after.

    .venv/bin/python bench/pages.py                        # this tree only
    .venv/bin/python bench/pages.py --baseline 02bb9fc     # and a commit (e.g. main before issue 21)
    .venv/bin/python bench/pages.py --baseline main --runs 1   # a quick look

For each tree (the baseline is ``git archive``d into /tmp and built with this
tree's virtualenv and node_modules, as ``make run`` would), a scratch instance
is set up with the demo (``flask portal setup``) and served by ``flask portal
serve`` on loopback. A headless Chromium at 390×844 then opens three pages —
home, guide results ("logement" near Roubaix) and a forum topic — through
Chromium's own network throttling (CDP ``Network.emulateNetworkConditions``,
DevTools' "Slow 3G": 2,000 ms round trip, 50 kB/s down and up):

- *first visit*: an empty browser cache; bytes on the wire (headers and
  bodies, as Chromium counts them), requests, first contentful paint and the
  ``load`` event;
- *next visit*: the same page opened again in the same browser, which is
  where long-lived caching of static files shows (no request at all instead
  of a revalidation costing a round trip each).

Map tiles are blocked (``Network.setBlockedURLs``): they come from another
server, are the same before and after, and nothing here leaves the machine.
Service workers are blocked too: a worker's own requests escape the page's
throttling and counters (and offline reading is tested, not timed).
Medians of ``--runs`` runs; prints a markdown block (also
bench/results/pages.md) with the machine load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from tests.support import free_port  # noqa: E402

CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")
VENV_BIN = ROOT / ".venv" / "bin"
#: DevTools' "Slow 3G" preset (latency in ms, throughput in bytes/s).
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}
PAGES = (("home", "/"), ("guide results", "/guide/?q=logement&near=Roubaix"),
         ("forum topic", None))


def prepare_tree(ref: str) -> Path:
    """A built copy of ``ref``: sources, vendor assets, compiled catalogs."""
    tree = Path(tempfile.mkdtemp(prefix="passerelle-baseline-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    subprocess.run(["make", "-C", str(tree), f"VENV={ROOT / '.venv'}", "assets", "translations"],
                   check=True, capture_output=True)
    return tree


def serve(tree: Path, workdir: Path):
    """``flask portal setup`` then ``flask portal serve`` for ``tree``."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(FLASK_APP="wsgi", PORTAL_INSTANCE_DIR=str(workdir / "instance"),
               PYTHONPATH=str(tree), PORTAL_BASE_URL=f"http://127.0.0.1:{port}")
    subprocess.run([str(VENV_BIN / "flask"), "portal", "setup"], cwd=tree, env=env, check=True,
                   capture_output=True, timeout=600)
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen([str(VENV_BIN / "flask"), "portal", "serve", "--port", str(port)],
                               cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(
                    f"server of {tree} did not start; see {workdir}/server.log") from None
            time.sleep(0.2)
    return process, base


def topic_path(base: str) -> str:
    """The first topic of the forum's first category."""
    index = urllib.request.urlopen(base + "/forum/").read().decode()
    category = re.findall(r'href="(/forum/[a-z-]+/)"', index)[0]
    listing = urllib.request.urlopen(base + category).read().decode()
    return re.findall(r'href="(/forum/[a-z-]+/\d+-[^"]+)"', listing)[0]


def measure(context, url: str) -> dict:
    """Open ``url`` in a new tab of ``context`` under slow 3G."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setBlockedURLs", {"urls": ["*tile.openstreetmap.org*", "*/tiles/*"]})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    wire = {"bytes": 0, "requests": 0}

    def finished(event):
        wire["bytes"] += event.get("encodedDataLength", 0)

    def sent(event):
        wire["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestWillBeSent", sent)
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_timeout(300)  # the paint entry and late loadingFinished events
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null};
    }""")
    page.close()
    return {"bytes": wire["bytes"], "requests": wire["requests"],
            "load_ms": timing["load"], "fcp_ms": timing["fcp"]}


def run_tree(browser, base: str, runs: int) -> dict:
    paths = [(name, path or topic_path(base)) for name, path in PAGES]
    results = {}
    for name, path in paths:
        first, again = [], []
        for _ in range(runs):
            # No service worker: its own requests escape the page's throttling
            # and its counters; this measures HTTP caching as every browser has it.
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          locale="fr-FR", is_mobile=True, has_touch=True,
                                          service_workers="block")
            first.append(measure(context, base + path))
            again.append(measure(context, base + path))
            context.close()
        results[name] = {"path": path, "first": median(first), "again": median(again)}
    return results


def median(samples: list[dict]) -> dict:
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def kb(n: float) -> str:
    return f"{n / 1000:.1f} kB"


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def table(label: str, results: dict, baseline: dict | None) -> list[str]:
    lines = [f"**{label}**", "",
             "| page | visit | bytes | requests | first paint | load |" + (
                 " bytes vs before | load vs before |" if baseline else ""),
             "|---|---|---:|---:|---:|---:|" + ("---:|---:|" if baseline else "")]
    for name, result in results.items():
        for visit, title in (("first", "first visit"), ("again", "next visit")):
            r = result[visit]
            row = (f"| {name} | {title} | {kb(r['bytes'])} | {r['requests']:.0f} | "
                   f"{seconds(r['fcp_ms'] or 0)} | {seconds(r['load_ms'])} |")
            if baseline:
                b = baseline[name][visit]
                row += f" {r['bytes'] / b['bytes']:.2f}× | {r['load_ms'] / b['load_ms']:.2f}× |"
            lines.append(row)
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="a git ref to measure first (the 'before')")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    trees = []
    if args.baseline:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline],
                             check=True, capture_output=True, text=True).stdout.strip()
        name = sha if sha.startswith(args.baseline) else f"{args.baseline}, {sha}"
        trees.append((f"before ({name})", prepare_tree(args.baseline)))
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    trees.append((f"after (this tree, {head})", ROOT))

    measured = []
    load_before = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu",
                                                   "--disable-background-networking"])
        for label, tree in trees:
            workdir = Path(tempfile.mkdtemp(prefix="passerelle-pages-"))
            process, base = serve(tree, workdir)
            try:
                measured.append((label, run_tree(browser, base, args.runs)))
            finally:
                process.terminate()
                process.wait(timeout=20)
                shutil.rmtree(workdir, ignore_errors=True)
            if tree != ROOT:
                shutil.rmtree(tree, ignore_errors=True)
        browser.close()

    load_after = os.getloadavg()
    lines = ["### Pages on a slow 3G phone", "",
             f"`{common.command_line()}` — {common.machine()}, load average "
             f"{load_before[0]:.2f} before and {load_after[0]:.2f} after; "
             f"Chromium at 390×844, DevTools' Slow 3G (2,000 ms round trip, 50 kB/s); "
             f"median of {args.runs} run(s); map tiles blocked.", ""]
    baseline = measured[0][1] if len(measured) > 1 else None
    for i, (label, results) in enumerate(measured):
        lines += table(label, results, baseline if i else None)
    common.write_result("pages", "\n".join(lines))


if __name__ == "__main__":
    main()
