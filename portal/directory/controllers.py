"""The guide's public pages: search, a structure, a person, the contact form."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from marshmallow import ValidationError

from portal.accounts import may_edit_structure
from portal.core import observe
from portal.core.site_search import SearchSection, SectionHit
from portal.core.themes import THEMES
from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.directory import operations as ops
from portal.directory.forms import CHANNEL_LABELS, ContactForm, ReplyForm
from portal.directory.lookup import (
    commune_names,
    published_person,
    published_structure,
    search_guide,
    structure_addresses,
)
from portal.directory.models import KIND_LABELS, Channel, ContactMessage
from portal.directory.schemas import DirectorySearchArgs, load_query
from portal.directory.tokens import read_reply_token, reply_token
from portal.extensions import db, limiter
from portal.geo import hours
from portal.geo.places import UnknownPlace
from portal.safety import presenting
from search_index.query import DEFAULT_RADIUS_KM

RADII = (2, 5, 10, 20, 50)


def search():
    raw = request.args
    errors, result, suggestions = {}, None, []
    try:
        args = load_query(DirectorySearchArgs(), raw)
    except ValidationError as exc:
        errors, args = exc.messages, None
    searched = any(raw.get(k) for k in ("q", "near", "theme", "age", "open_now"))
    if args is not None and searched:
        try:
            result = search_guide(args)
        except UnknownPlace as exc:
            errors = {"near": [_("We do not know the place “%(place)s”.", place=exc.text)]}
            suggestions = exc.suggestions
    journey = None
    if result is not None:
        journey = observe.new_journey()
        place = result.place
        observe.record("guide_search", theme=(args.get("theme") or [None])[0],
                       commune=place.commune.insee if place and place.commune else None,
                       age_range=observe.age_bracket(args.get("age")),
                       flag=result.page.total == 0, value=result.page.total, journey=journey)
    names = commune_names(result.page.facets.get("communes", {})) if result else {}
    addresses = structure_addresses(h.structure_id for h in result.page.hits) if result else {}
    return render_template(
        "directory/search.html", args=raw, errors=errors, result=result,
        suggestions=suggestions, themes=THEMES.values(), radii=RADII, commune_names=names,
        radius_km=args["radius_km"] if args else DEFAULT_RADIUS_KM,
        addresses=addresses, journey=journey, with_journey=with_journey,
        channel_labels=CHANNEL_LABELS, tiles_url=current_app.config["MAP_TILES_URL"],
    ), (400 if errors and not suggestions else 200)


def search_section(q: str, limit: int) -> SearchSection:
    """The guide's part of the combined search (portal.core.site_search)."""
    page = search_guide({"q": q, "per_page": limit}).page
    hits = []
    for hit in page.hits:
        if hit.type == "person":
            what = _("Person at %(structure)s", structure=hit.structure)
        elif hit.type == "service":
            what = _("Service of %(structure)s", structure=hit.structure)
        else:
            what = next((str(label) for kind, label in KIND_LABELS.items()
                         if kind.value == hit.kind), "")
        highlights = hit.highlights
        hits.append(SectionHit(
            title=hit.name, url=hit.url,
            title_html=Markup(highlights["name"]) if highlights.get("name") else None,
            excerpt=Markup(highlights["text"]) if highlights.get("text") else "",
            details=[d for d in (what, hit.commune_name) if d]))
    return SearchSection(_("Guide"), hits, page.total, url_for("directory.search", q=q),
                         _("See all the results in the guide"))


def structure(structure_id: int, slug: str | None = None):
    entry = published_structure(structure_id)
    if slug != entry.slug:
        return redirect(url_for("directory.structure", structure_id=entry.id, slug=entry.slug), 301)
    now = utcnow()
    can_edit = current_user.is_authenticated and may_edit_structure(current_user, entry)
    observe.record("entry_viewed", theme=(entry.themes or [None])[0], commune=entry.commune_insee,
                   journey=_journey())
    return render_template("directory/structure.html", structure=entry, can_edit=can_edit,
                           open_now=hours.is_open(entry.opening_hours, entry.country, now),
                           week=hours.week(entry.opening_hours, entry.country, now),
                           channel_labels=CHANNEL_LABELS, tiles_url=current_app.config["MAP_TILES_URL"])


def with_journey(url: str, journey: str | None) -> str:
    """A result's link carrying the search's journey token (before any #anchor)."""
    if not journey:
        return url
    path, hash_, anchor = url.partition("#")
    return f"{path}{'&' if '?' in path else '?'}j={journey}{hash_}{anchor}"


def _journey() -> str | None:
    """The guide journey this page continues (from the search's links), if still fresh."""
    token = request.values.get("j")
    return token if observe.is_journey(token) else None


def person(person_id: int):
    entry = published_person(person_id)
    journey = _journey()
    observe.record("entry_viewed", theme=(entry.structure.themes or [None])[0],
                   commune=entry.structure.commune_insee, journey=journey)
    if Channel.EMAIL in entry.channels:
        observe.record("contact_shown", theme=(entry.structure.themes or [None])[0],
                       commune=entry.structure.commune_insee, journey=journey)
    form = ContactForm()
    return render_template("directory/person.html", person=entry, form=form, journey=journey,
                           channel_labels=CHANNEL_LABELS, Channel=Channel)


def _reply_link(message: ContactMessage) -> str:
    return external_url("directory.reply", token=reply_token(message.id))


@limiter.limit("5 per hour; 20 per day", methods=["POST"])
def contact(person_id: int):
    entry = published_person(person_id)
    if Channel.EMAIL not in entry.channels or not (entry.email or entry.structure.email):
        abort(404)
    form = ContactForm()
    numbers = []
    # Distress in the message: the numbers first, sent once the person has seen them (portal.safety).
    if form.validate_on_submit() and not (numbers := presenting.before_sending(
            form.body.data, locale=str(get_locale()))):
        ops.send_contact_message(
            entry, sender_name=form.name.data, sender_email=form.email.data, body=form.body.data,
            share_email=form.share_email.data, wants_copy=form.wants_copy.data,
            locale=str(get_locale()), reply_link_for=_reply_link)
        observe.record("contact_sent", theme=(entry.structure.themes or [None])[0],
                       commune=entry.structure.commune_insee, journey=_journey())
        flash(_("Your message has been sent to %(name)s. The answer will come to your e-mail address.",
                name=entry.name), "success")
        return redirect(url_for("directory.person", person_id=entry.id))
    return render_template("directory/person.html", person=entry, form=form, safety_numbers=numbers,
                           journey=_journey(),
                           channel_labels=CHANNEL_LABELS, Channel=Channel), 200


def reply(token: str):
    message_id = read_reply_token(token)
    message = db.session.get(ContactMessage, message_id) if message_id else None
    if message is None:
        return render_template("directory/reply.html", expired=True), 404
    form = ReplyForm()
    if form.validate_on_submit():
        ops.reply_to_contact(message, form.body.data)
        return render_template("directory/reply.html", sent=True, message=message)
    return render_template("directory/reply.html", form=form, message=message)
