"""Copy the browser libraries installed by npm into portal/static/vendor/.

Nothing third-party is committed: ``make`` runs ``npm ci`` then this script.
The list says exactly which built files the pages load.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "portal" / "static" / "vendor"

FILES = {
    "socket.io-client/dist/socket.io.min.js": "socket.io.min.js",
    "socket.io-client/dist/socket.io.min.js.map": "socket.io.min.js.map",
    "chart.js/dist/chart.umd.min.js": "chart.umd.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images": "leaflet/images",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css": "leaflet/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "leaflet/MarkerCluster.Default.css",
}


def main() -> int:
    missing = [src for src in FILES if not (NODE_MODULES / src).exists()]
    if missing:
        print("missing in node_modules (run npm ci):", ", ".join(missing), file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        source, target = NODE_MODULES / src, VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    print(f"copied {len(FILES)} browser assets into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
