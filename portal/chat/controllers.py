"""The chat's pages: the young person's chat, the professionals' console,
transcripts, and the administrators' settings. The conversation itself runs
over Socket.IO (``sockets.py``)."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from portal.accounts import (
    AGE_RANGE_LABELS,
    Role,
    is_professional,
    professional_required,
    record_audit,
)
from portal.chat import indicators, queue
from portal.chat import operations as ops
from portal.chat.console import can_read
from portal.chat.forms import RetentionForm, TranscriptForm
from portal.chat.models import Conversation, Message, Note, Status
from portal.core.bounds import int_arg
from portal.core.themes import THEMES, is_theme_code, theme_labels
from portal.core.time import utcnow
from portal.directory import Structure
from portal.extensions import db, limiter
from portal.safety import help_numbers
from portal.territories import access as territory_access
from portal.territories.access import national_required


def page():
    """Start or resume a conversation. ``?structure=`` (from the guide),
    ``?theme=&question=`` (from the assistant) fill the start form."""
    structure = None
    if (sid := int_arg("structure")) is not None:
        structure = db.session.get(Structure, sid)
    theme = request.args.get("theme", "")
    if not is_theme_code(theme):
        theme = (structure.themes[0] if structure and structure.themes else "")
    return render_template(
        "chat/page.html", structure=structure, theme=theme,
        question=request.args.get("question", "")[:2000], themes=THEMES.values(),
        age_ranges=AGE_RANGE_LABELS, transcript_form=TranscriptForm(), help=help_numbers(),
        is_professional=is_professional(current_user))


@limiter.limit("20 per hour")
def transcript():
    """The young person's own transcript, as a text file."""
    form = TranscriptForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        conv = ops.conversation_for_token(form.resume_token.data, current_app.config["SECRET_KEY"])
    except ops.ChatError:
        abort(404)
    return _transcript_response(conv)


def _transcript_response(conv: Conversation) -> Response:
    messages = ops.messages_after(conv, 0, limit=100_000)
    text = render_template("chat/transcript.txt", conv=conv, messages=messages)
    return Response(text, mimetype="text/plain", headers={
        "Content-Disposition": f'attachment; filename="passerelle-chat-{conv.id}.txt"',
        "Cache-Control": "no-store"})


@professional_required
def console():
    return render_template("chat/console.html", themes=THEMES.values(),
                           labels={code: str(label) for code, label in theme_labels().items()},
                           ages={age.value: str(label) for age, label in AGE_RANGE_LABELS.items()})


@professional_required
def history():
    """Conversations this professional handled, and — for a supervisor —
    their structure's, kept until the retention period ends."""
    desk = queue.desk_for(current_user.id)
    conditions = [Conversation.assigned_user_id == desk.user_id]
    if desk.supervisor and desk.structure_id:
        conditions += [Conversation.handled_by_structure_id == desk.structure_id,
                       Conversation.structure_id == desk.structure_id]
    stmt = select(Conversation).order_by(Conversation.id.desc()).limit(200)
    if not (desk.supervisor and desk.structure_id is None):  # administrators see all…
        stmt = stmt.where(or_(*conditions))
    else:  # …of their territories
        stmt = stmt.where(territory_access.conversations_in_scope(desk.user_id, Conversation))
    return render_template("chat/history.html", conversations=db.session.scalars(stmt).all(),
                           desk=desk, Status=Status,
                           retention=indicators.settings().retention_months)


@professional_required
def conversation(conv_id: int):
    conv = db.session.get(Conversation, conv_id)
    if conv is None or not can_read(queue.desk_for(current_user.id), conv):
        abort(404)
    if request.args.get("download"):
        record_audit(current_user, "transcript_exported", detail=f"conversation {conv.id}")
        return _transcript_response(conv)
    messages = db.session.scalars(select(Message).where(Message.conversation_id == conv.id)
                                  .order_by(Message.id)).all()
    notes = db.session.scalars(select(Note).where(Note.conversation_id == conv.id)
                               .order_by(Note.id)).all()
    return render_template("chat/conversation.html", conv=conv, messages=messages, notes=notes)


@national_required(Role.ADMIN)  # territories: one retention for the whole install
def settings():
    current = indicators.settings()
    form = RetentionForm(obj=current)
    if form.validate_on_submit():
        indicators.set_retention(form.retention_months.data)
        flash(_("The retention period has been saved."), "success")
        return redirect(url_for("chat.settings"))
    return render_template("chat/settings.html", form=form,
                           summary=indicators.summary(utcnow() - timedelta(days=365))), \
        (400 if form.errors else 200)
