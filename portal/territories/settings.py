"""A territory's settings: the default territory of a fresh install, the
accent colour's contrast check, and the host names a territory answers on."""

from __future__ import annotations

import re

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

#: A fresh install's one territory: the arrondissement de Lille (595) and its
#: Belgian neighbours — the Mouscron and Tournai sides of Wallonie picarde,
#: and the Kortrijk area (Menen, Wervik, Wevelgem…) in West Flanders.
DEFAULT_TERRITORY = {
    "slug": "lille",
    "name": "Arrondissement de Lille et voisins belges",
    "sources": {
        "arrondissements": ["595"],
        "communes": [
            "BE-54007",  # Mouscron
            "BE-54010",  # Comines-Warneton
            "BE-57027",  # Estaimpuis
            "BE-57062",  # Pecq
            "BE-57081",  # Tournai
            "BE-34022",  # Kortrijk
            "BE-34027",  # Menen
            "BE-33029",  # Wervik
            "BE-34041",  # Wevelgem
            "BE-34042",  # Zwevegem
            "BE-34043",  # Spiere-Helkijn
            "BE-34023",  # Kuurne
            "BE-36010",  # Ledegem
        ],
    },
    "controller_name": "CRIJ Hauts-de-France (démonstration)",
    "sender_name": "Passerelle",
    "map_radius_km": 15.0,
}

#: WCAG 2.1 AA for normal text (1.4.3): white text on the accent colour.
MIN_CONTRAST = 4.5
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def _luminance(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_problem(colour: str):
    """Why this accent colour cannot be used (a translated message), or None:
    buttons and the header write white text on it."""
    if not COLOUR.match(colour or ""):
        return _l("Write the colour as # and six hexadecimal digits, for example #1d5c96.")
    ratio = contrast_ratio("#ffffff", colour)
    if ratio < MIN_CONTRAST:
        # Rounded down: 4.49 must not read as the 4.5 it fails to reach.
        shown = format_decimal(int(ratio * 10) / 10, format="0.0")
        return _l("White text on this colour has a contrast of %(ratio)s:1; it needs at "
                  "least 4.5:1 to be readable (WCAG AA). Choose a darker colour.", ratio=shown)
    return None


def clean_hosts(raw) -> list[str]:
    """Host names, lower case, without port or scheme, each once."""
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    hosts = []
    for host in raw or []:
        host = host.strip().lower().removeprefix("https://").removeprefix("http://")
        host = host.split("/")[0].split(":")[0]
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def bad_hosts(hosts) -> list[str]:
    return [h for h in hosts if not HOST.match(h)]


def configured_hosts(setting: str | None) -> dict[str, str]:
    """``PORTAL_TERRITORY_HOSTS`` ("lille.example=lille douai.example=douai")
    as {host: territory slug}."""
    pairs = {}
    for item in (setting or "").replace(",", " ").split():
        host, _, slug = item.partition("=")
        if host and slug:
            pairs[clean_hosts([host])[0]] = slug.strip()
    return pairs
