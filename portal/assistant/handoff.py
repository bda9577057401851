"""The next step after an answer: the guide near the person, a professional
online now, booking, the forum. Other domains are read through their public
functions; a domain not installed simply offers nothing."""

from __future__ import annotations

import logging

from flask import current_app, url_for

from portal.core.themes import SUBTHEME_PARENT

log = logging.getLogger(__name__)


def nearby_resources(codes: list[str], near: str, limit: int):
    """``(items, place, error)``: the guide's nearest entries for these theme
    codes, in the guide API's shape."""
    from portal.directory import hit_payload, search_guide
    from portal.geo.places import UnknownPlace
    from search_index.query import NEARBY_RADIUS_KM

    args = {"q": "", "theme": list(codes[:2]), "near": near, "radius_km": NEARBY_RADIUS_KM,
            "per_page": limit, "page": 1, "sort": "distance"}
    try:
        found = search_guide(args)
    except UnknownPlace as exc:
        from flask_babel import gettext as _

        names = ", ".join(c.name for c in exc.suggestions[:3])
        error = (_("I do not know the place “%(place)s”. Did you mean %(names)s?",
                   place=exc.text, names=names) if names else
                 _("I do not know the place “%(place)s”. Tell me a commune or a postal code.",
                   place=exc.text))
        return [], None, error
    place = found.place
    place_payload = {"name": place.label, "insee": place.commune.insee if place.commune else None,
                     "lat": place.lat, "lon": place.lon,
                     "query": near} if place else None
    return [hit_payload(hit) for hit in found.page.hits], place_payload, None


def professional_online(themes: list[str], subthemes: list[str], place: dict | None) -> bool:
    """Whether a professional is online now for one of these themes (and, when
    the place is known, whose territory covers it). Reads the chat's queue."""
    try:
        from portal.chat import online_desks
    except ImportError:
        return False
    try:
        desks = online_desks()
    except Exception:  # the chat's tables may not exist on an old database
        log.exception("could not read who is online")
        return False
    wanted = set(themes) | set(subthemes) | {SUBTHEME_PARENT.get(s) for s in subthemes}
    for desk in desks:
        if desk.themes and not (set(desk.themes) & wanted):
            continue
        if place and desk.lat is not None and desk.radius_km is not None and place.get("lat"):
            from portal.geo.distance import haversine_km

            if haversine_km(desk.lat, desk.lon, place["lat"], place["lon"]) > desk.radius_km:
                continue
        return True
    return False


def next_steps(themes: list[str], subthemes: list[str], place: dict | None,
               resources: list[dict]) -> dict:
    views = current_app.view_functions
    theme = (subthemes or themes or [""])[0]
    chat_online = "chat.page" in views and professional_online(themes, subthemes, place)
    booking = [{"id": r["id"], "name": r["name"], "url": r["url"]}
               for r in resources if "booking" in (r.get("channels") or ())]
    return {
        "chat_online": chat_online,
        "chat_url": url_for("chat.page", theme=theme or None) if "chat.page" in views else None,
        "booking": booking,
        "forum_url": url_for("forum.index") if "forum.index" in views else None,
    }
