"""The assistant's page (a chat with JavaScript, a form and a result page
without), the feedback buttons, and the editors' list of open questions."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts import Role
from portal.assistant import operations as ops
from portal.assistant.forms import AskForm, FeedbackForm
from portal.assistant.models import DOWN, NOT_ANSWERED, UP, OpenQuestion
from portal.core.time import PARIS, utcnow
from portal.extensions import db, limiter
from portal.territories.access import national_required


@limiter.limit("60 per minute", methods=["POST"])
def page():
    form = AskForm()
    answer = None
    if request.method == "GET" and request.args.get("q"):
        # From the combined search ("ask the assistant"): the words come
        # along, the young person only has to press Ask.
        form.question.data = request.args["q"][:500]
    if form.validate_on_submit():
        answer = ops.answer_question(form.question.data, (form.near.data or "").strip() or None)
        if answer.place:
            form.near.data = answer.place.get("query") or form.near.data
    return render_template("assistant/page.html", form=form, answer=answer,
                           feedback=FeedbackForm(question=form.question.data or "",
                                                 themes=" ".join(answer.themes) if answer else ""))


@limiter.limit("30 per hour")
def feedback():
    form = FeedbackForm()
    vote = request.form.get("vote")
    if not form.validate_on_submit() or vote not in (UP, DOWN, NOT_ANSWERED):
        abort(400)
    ops.record_feedback(form.question.data, vote, (form.themes.data or "").split())
    flash(_("Thank you: your answer helps us improve the information."), "success")
    return redirect(url_for("assistant.page"))


@national_required(Role.EDITOR)  # territories: the assistant's questions are national
def open_questions():
    since = utcnow().astimezone(PARIS).date() - timedelta(days=30)
    return render_template("assistant/open_questions.html", questions=ops.open_questions(),
                           tallies=ops.tallies_since(since))


@national_required(Role.EDITOR)  # territories: the assistant's questions are national
def question_done(question_id: int):
    question = db.session.get(OpenQuestion, question_id) or abort(404)
    ops.mark_done(question)
    return redirect(url_for("assistant.open_questions"))
