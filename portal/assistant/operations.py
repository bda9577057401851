"""Answering a question, and the anonymous counts.

``answer_question`` reads the question (distress first), searches the
articles with the rewritten words and the detected themes, adds the guide's
nearest matching entries when a place is known, and offers the next steps.
Everything it says comes from an article, an entry or a fixed sentence; the
server keeps nothing about the person (the place is sent back by the client
with each question), only anonymous tallies and, for questions left
unanswered or judged unhelpful, the question's text for editors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select, update

from portal.assistant import handoff
from portal.assistant.models import (
    ANSWERED,
    ASKED,
    DOWN,
    EMERGENCY,
    NOT_ANSWERED,
    UNANSWERED,
    UP,
    AssistantTally,
    OpenQuestion,
)
from portal.assistant.understanding import Understanding, fold, understand
from portal.core import observe
from portal.core.time import PARIS, utcnow
from portal.extensions import db
from portal.geo.mentions import place_in_text
from portal.safety import presenting
from search_index.articles import ArticleHit, search_articles

log = logging.getLogger(__name__)

MAX_ARTICLES = 3
MAX_RESOURCES = 3
#: Below this share of the best score, a hit is not shown.
RELATIVE_FLOOR = 0.35
#: The relevance floor for distress (about_distress): among the sheets the
#: kinds' own words find, at most this many, and only near the best score.
DISTRESS_SHEETS = 10
DISTRESS_FLOOR = 0.5
#: Themes where the people near you matter more than the rules: the assistant
#: asks for a commune when it has none.
PLACE_THEMES = {"logement", "sante", "insertion", "alternance", "scolaire", "decrochage",
                "emploi", "parcours", "orientation"}


@dataclass
class Answer:
    question: str
    answer: str
    themes: list[str]
    articles: list[dict]
    resources: list[dict]
    handoff: dict
    emergency: bool
    numbers: list[dict]
    ask_place: bool = False
    place: dict | None = None
    place_error: str | None = None
    understood: list[str] = field(default_factory=list)

    def payload(self) -> dict:
        return {
            "answer": self.answer, "themes": self.themes, "articles": self.articles,
            "resources": self.resources, "handoff": self.handoff, "emergency": self.emergency,
            "numbers": self.numbers, "ask_place": self.ask_place, "place": self.place,
            "place_error": self.place_error,
        }


#: Words added to the search when a kind of distress is detected: the
#: articles about it (the numbers come first anyway). They are also the
#: relevance floor: for distress, an article is shown only if these words
#: find it too; a kind without words here (suicide, self-harm…) gets the
#: numbers and a person, never articles picked from its other words.
DISTRESS_WORDS = {
    "no_shelter": "hebergement urgence domicile",  # not "sans": every "sans diplôme" sheet
    "violence_home": "enfant maltraite violence",
    "sexual_violence": "agression sexuelle viol",
    "harassment": "harcelement",
    "danger": "mineur danger",
    # Kinds of the rebuilt engine (issue 12).
    "couple_violence": "violence conjugale couple",
    "sexual_health": "contraception urgence grossesse ivg",
    "eating_addiction": "addiction drogue alcool",
}


def find_articles(u: Understanding, limit: int = MAX_ARTICLES,
                  extra_words=()) -> list[ArticleHit]:
    """The articles for an understood question, best first."""
    if not u.words and not extra_words:
        return []
    page = search_articles(u.query, limit=12, prefer_themes=u.subthemes[:2] + u.themes[:1],
                           extra_words=extra_words, highlight_hits=False)
    hits = page.hits
    if not hits:
        return []
    best = hits[0].score
    return [h for h in hits if h.score >= best * RELATIVE_FLOOR][:limit]


def about_distress(hits: list[ArticleHit], kinds: list[str]) -> list[ArticleHit]:
    """The relevance floor for distress: only the hits the kinds' own words
    find as well ("je veux mourir, jsuis nul en maths" must not get a sheet
    about school marks)."""
    words = [w for kind in kinds for w in DISTRESS_WORDS.get(kind, "").split()]
    if not words or not hits:
        return []
    found = search_articles("", limit=DISTRESS_SHEETS, extra_words=words, highlight_hits=False).hits
    # The sheets these words are really about: near the best score, not every sheet
    # that mentions "enfant" once.
    on_topic = {h.id for h in found if h.score >= found[0].score * DISTRESS_FLOOR} if found else set()
    return [h for h in hits if h.id in on_topic]


def article_payload(hit: ArticleHit) -> dict:
    return {"id": hit.id, "source_id": hit.source_id, "title": hit.title,
            "summary": one_line(hit.summary), "url": hit.url}


def one_line(summary: str, limit: int = 220) -> str:
    """The article's first sentence (its own words, cut at a word if long)."""
    text = " ".join((summary or "").split())
    for end in (". ", "? ", "! "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[:cut + 1]
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def place_from_question(u: Understanding):
    """The commune named in the question, whose words then leave the article
    search: a town's name is not what the articles are about."""
    commune = place_in_text(u.original)
    if commune is None:
        return None
    names = {t for name in (commune.name, *commune.alt_names) for t in fold(name).split()}
    u.words = [w for w in u.words if w not in names]
    return commune


def answer_question(question: str, near: str | None = None, *, record: bool = True) -> Answer:
    question = (question or "").strip()[:500]
    found = presenting.screen(question)  # the one screening (portal.safety)
    distress = found.distress
    kinds = list(distress.kinds) if distress else []
    u = understand(question)
    named = None
    if not near:
        # A commune written in the question ("… à Tourcoing") is where to look.
        named = place_from_question(u)
        near = named.insee if named else None
    extra = [w for kind in kinds for w in DISTRESS_WORDS.get(kind, "").split()]
    hits = find_articles(u, extra_words=extra)
    if distress:
        hits = about_distress(hits, kinds)
    themes = list(dict.fromkeys(u.themes + [t for h in hits[:1] for t in h.themes]))
    subthemes = u.subthemes or [s for h in hits[:1] for s in h.subthemes]
    if "no_shelter" in kinds and "logement" not in subthemes:
        subthemes = ["logement", *subthemes]
        themes = list(dict.fromkeys(["autonomie", *themes]))

    resources, place, place_error = [], None, None
    if near:
        resources, place, place_error = handoff.nearby_resources(subthemes or themes, near,
                                                                 MAX_RESOURCES)
        if named and place:
            place["query"] = named.name  # what the page keeps and shows, not a code
    ask_place = not near and bool((set(subthemes) | set(themes)) & PLACE_THEMES or kinds)
    next_steps = handoff.next_steps(themes, subthemes, place, resources)
    if distress:
        next_steps["forum_url"] = None  # a person, not a public thread

    parts = []
    if distress:
        parts.append(_("I am here to help you. You are not alone: if you are in danger or need "
                       "to talk to someone now, call one of these numbers, the calls are free."))
    if hits:
        parts.append(_("Here is what the information base says about it."))
    elif distress:
        parts.append(_("You can also talk to a professional here, in the chat or at an "
                       "appointment: they are there to listen to you."))
    elif question:
        parts.append(_("I did not find anything about this in the information base. "
                       "A professional or the forum can help you better."))
    if place_error:
        parts.append(place_error)
    elif near and place and not resources:
        parts.append(_("I found nobody in the guide for this near %(place)s.",
                       place=place["name"]))
    elif resources:
        parts.append(_("These professionals near %(place)s can help you.", place=place["name"]))
    elif ask_place:
        parts.append(_("Tell me your commune or postal code and I will show you the "
                       "professionals near you."))
    answer = Answer(
        question=question, answer=" ".join(parts), themes=themes,
        articles=[article_payload(h) for h in hits], resources=resources, handoff=next_steps,
        emergency=bool(distress), numbers=presenting.distress_numbers(found),
        ask_place=ask_place, place=place, place_error=place_error, understood=u.words)
    if record:
        record_asked(answer)
        observe.record("assistant_question", theme=(themes or [None])[0],
                       commune=place["insee"] if place and place.get("insee") else None,
                       flag=bool(hits))
        if distress:
            observe.record("assistant_distress", commune=place.get("insee") if place else None)
    return answer


# ---------------------------------------------------------------- counts

def tally(name: str, amount: int = 1) -> None:
    """Add to today's count (Europe/Paris day); an UPDATE first, so that two
    requests at once both count."""
    day = utcnow().astimezone(PARIS).date()
    result = db.session.execute(
        update(AssistantTally).where(AssistantTally.day == day, AssistantTally.name == name)
        .values(count=AssistantTally.count + amount).execution_options(synchronize_session=False))
    if result.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(AssistantTally(day=day, name=name, count=amount))
    except Exception:  # another request created today's row first
        db.session.execute(
            update(AssistantTally).where(AssistantTally.day == day, AssistantTally.name == name)
            .values(count=AssistantTally.count + amount)
            .execution_options(synchronize_session=False))


def record_asked(answer: Answer) -> None:
    tally(ASKED)
    tally(ANSWERED if answer.articles else UNANSWERED)
    if answer.emergency:
        # Counted, never stored: a question about distress is nobody's content to write.
        tally(EMERGENCY)
    elif not answer.articles and answer.question:
        note_open_question(answer.question, answer.themes, unanswered=True)


def record_feedback(question: str, vote: str, themes=()) -> None:
    """👍, 👎 or "this did not answer me" on one answer (anonymous)."""
    if vote not in (UP, DOWN, NOT_ANSWERED):
        raise ValueError(vote)
    tally(vote)
    if vote != UP and question and not presenting.screen(question).distress:
        note_open_question(question, themes, unanswered=False)


def note_open_question(question: str, themes, *, unanswered: bool) -> None:
    key = fold(question)[:300]
    if not key:
        return
    column = OpenQuestion.unanswered if unanswered else OpenQuestion.unhelpful
    result = db.session.execute(
        update(OpenQuestion).where(OpenQuestion.key == key)
        .values({column: column + 1, OpenQuestion.last_at: utcnow(), OpenQuestion.done: False})
        .execution_options(synchronize_session=False))
    if result.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(OpenQuestion(
                key=key, text=question[:500], themes=" ".join(themes or ())[:200],
                unanswered=1 if unanswered else 0, unhelpful=0 if unanswered else 1))
    except Exception:
        log.info("open question recorded twice at once: counted once")


def open_questions(limit: int = 200) -> list[OpenQuestion]:
    return list(db.session.scalars(
        select(OpenQuestion).where(OpenQuestion.done.is_(False))
        .order_by((OpenQuestion.unanswered + OpenQuestion.unhelpful).desc(),
                  OpenQuestion.last_at.desc()).limit(limit)))


def mark_done(question: OpenQuestion) -> None:
    question.done = True
    db.session.flush()


def tallies_since(day) -> dict[str, int]:
    totals: dict[str, int] = {}
    for name, count in db.session.execute(
            select(AssistantTally.name, AssistantTally.count).where(AssistantTally.day >= day)):
        totals[name] = totals.get(name, 0) + count
    return totals
