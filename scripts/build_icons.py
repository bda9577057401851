"""Draw the app's PNG icons from the SVGs in portal/static/icons/.

    .venv/bin/python scripts/build_icons.py

Chromium (through Playwright, already used by the tests) renders each SVG at
the sizes browsers and phones ask for: a favicon, the Apple touch icon, and
the web app manifest's 192 and 512 px icons (plain and maskable). The PNGs are
committed: they are the project's own drawing, made again only when the SVG
changes.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "portal" / "static" / "icons"
CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")
#: (source SVG, size in px, PNG written)
TARGETS = [
    ("icon.svg", 32, "icon-32.png"),
    ("icon.svg", 180, "icon-180.png"),
    ("icon.svg", 192, "icon-192.png"),
    ("icon.svg", 512, "icon-512.png"),
    ("icon-maskable.svg", 512, "icon-maskable-512.png"),
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for source, size, target in TARGETS:
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = base64.b64encode((ICONS / source).read_bytes()).decode()
            page.set_content(
                "<html><body style='margin:0;background:transparent'>"
                f"<img src='data:image/svg+xml;base64,{svg}' width='{size}' height='{size}'>"
                "</body></html>")
            page.wait_for_load_state("load")
            page.screenshot(path=str(ICONS / target), omit_background=True)
            page.close()
            print(f"{target}: {size}×{size}")
        browser.close()


if __name__ == "__main__":
    main()
