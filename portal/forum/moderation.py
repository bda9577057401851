"""Moderators' pages: the queue, actions with a reason, the log, suspensions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts import Role, User, is_moderator, role_required
from portal.core.bounds import page_arg
from portal.extensions import db
from portal.forum import operations as ops
from portal.forum import queries
from portal.forum.forms import CategoryForm, EditPostForm, ModerationForm, SuspendForm
from portal.forum.models import ForumFlag, ForumTopic, ModerationLog
from portal.territories import access as territory_access

moderator_required = role_required(Role.MODERATOR)


def _in_scope(post) -> bool:
    """territories: a moderator of some territories moderates their local
    categories; national categories are for whole-install moderators."""
    return territory_access.may_act(current_user, Role.MODERATOR,
                                    territory_access.category_territory_id(post.topic.category_id))


def _queue_context():
    posts = [p for p in ops.moderation_queue() if _in_scope(p)]
    flags = {}
    if posts:
        for flag in db.session.scalars(select(ForumFlag).where(
                ForumFlag.post_id.in_([p.id for p in posts]), ForumFlag.resolved.is_(False))):
            flags.setdefault(flag.post_id, []).append(flag.reason)
    return {"posts": posts, "flags": flags, "form": ModerationForm()}


@moderator_required
def queue():
    if request.args.get("partial"):
        return render_template("forum/_queue.html", **_queue_context())
    return render_template("forum/moderation.html", **_queue_context())


ACTIONS = {"approve": ops.approve_post, "hide": ops.hide_post, "delete": ops.delete_post}


@moderator_required
def act(post_id: int, action: str):
    post = queries.post(post_id)
    if post is None or not _in_scope(post):
        abort(404)
    form = ModerationForm()
    if not form.validate_on_submit():
        abort(400)
    if action in ("hide", "delete") and not (form.reason.data or "").strip():
        flash(_("Please give a reason: it is kept in the moderation log."), "error")
        return redirect(request.referrer or url_for("forum.moderation"))
    ACTIONS[action](post, current_user._get_current_object(), form.reason.data or "")
    flash(_("Done: the action is in the moderation log."), "success")
    return redirect(url_for("forum.moderation"))


@moderator_required
def edit(post_id: int):
    post = queries.post(post_id)
    if post is None or not _in_scope(post):
        abort(404)
    form = EditPostForm(data={"body": post.body} if request.method == "GET" else None)
    if form.validate_on_submit():
        ops.edit_post(post, current_user._get_current_object(), form.body.data,
                      form.reason.data)
        flash(_("Done: the action is in the moderation log."), "success")
        return redirect(url_for("forum.moderation"))
    return render_template("forum/edit_post.html", post=post, form=form)


@moderator_required
def suspend(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    if is_moderator(user):
        abort(403)
    form = SuspendForm()
    if form.validate_on_submit():
        ops.suspend_user(user, current_user._get_current_object(), days=form.days.data,
                         reason=form.reason.data)
        flash(_("The account is suspended."), "success")
        return redirect(url_for("forum.moderation"))
    return render_template("forum/suspend.html", user=user, form=form)


@moderator_required
def log():
    page = page_arg()
    # territories: a moderator of some territories reads their categories' log.
    stmt = select(ModerationLog)
    if territory_access.scope_ids(current_user) is not None:
        stmt = stmt.where(ModerationLog.topic_id.in_(select(ForumTopic.id).where(
            territory_access.categories_in_scope(current_user, ForumTopic.category_id))))
    entries = list(db.session.scalars(
        stmt.order_by(ModerationLog.id.desc()).offset((page - 1) * 50).limit(51)))
    return render_template("forum/log.html", entries=entries[:50], page=page,
                           has_next=len(entries) > 50)


@territory_access.national_required(Role.EDITOR)  # territories: the forum's list is national
def categories():
    form = CategoryForm()
    if form.validate_on_submit():
        ops.create_category(theme=form.theme.data, title=form.title.data,
                            description=form.description.data)
        flash(_("The category is created."), "success")
        return redirect(url_for("forum.manage_categories"))
    return render_template("forum/categories.html", categories=queries.categories(), form=form)
