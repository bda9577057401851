"""Forum pages: parse → load → check access → operation → render.

Everything works by pages without JavaScript; forum.js only adds live
updates (posts appearing in an open topic, the moderators' queue).
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from portal.accounts import Role, is_moderator
from portal.core.bounds import page_arg
from portal.core.page_cache import cached_for_anonymous
from portal.core.refusal import show_on_form
from portal.core.safety import hash_ip
from portal.extensions import limiter
from portal.forum import operations as ops
from portal.forum import queries
from portal.forum.forms import ActionForm, FlagForm, ReplyForm, TopicForm
from portal.forum.models import PostStatus
from portal.safety import presenting
from portal.territories import access as territory_access

HELP_KEY = "forum_help"


def _account_key() -> str:
    if current_user.is_authenticated:
        return f"forum-account:{current_user.id}"
    return f"forum-ip:{get_remote_address()}"


#: Posting: per account and per IP address (a school behind one address
#: gets the higher IP limit, a single account cannot flood).
post_limits = [
    limiter.limit(lambda: current_app.config["FORUM_POST_LIMIT_ACCOUNT"], key_func=_account_key,
                  methods=["POST"], scope="forum-post-account"),
    limiter.limit(lambda: current_app.config["FORUM_POST_LIMIT_IP"], key_func=get_remote_address,
                  methods=["POST"], scope="forum-post-ip"),
]


def limited(view):
    for decorate in post_limits:
        view = decorate(view)
    return view


def _page() -> int:
    return page_arg()


def topic_url(topic, **values) -> str:
    return url_for("forum.topic", category=topic.category.slug, topic_id=topic.id,
                   slug=topic.slug, **values)


def _can_read(topic) -> bool:
    if topic.status == PostStatus.VISIBLE:
        return True
    if territory_access.may_act(current_user, Role.MODERATOR,  # territories: their categories
                                territory_access.category_territory_id(topic.category_id)):
        return True
    return current_user.is_authenticated and topic.author_id == current_user.id \
        and topic.status == PostStatus.PENDING


def _after_post(post, title: str | None = None) -> None:
    if post.distress:
        # The numbers for what they wrote (the operation's screening), on the next page.
        session[HELP_KEY] = presenting.distress_numbers(
            presenting.screen(ops.screened_text(post.body, title)))
    if post.status == PostStatus.VISIBLE:
        flash(_("Your message is published."), "success")
    else:
        flash(post.held_reason.label, "warning")


# --- reading --------------------------------------------------------------------------

@cached_for_anonymous(queries.index_version)
def index():
    return render_template("forum/index.html", categories=queries.categories())


@cached_for_anonymous(queries.category_version)
def category(category: str):
    found = queries.category_by_slug(category)
    if found is None:
        abort(404)
    page = _page()
    topics = queries.topics_page(found, page)
    per_page = current_app.config["FORUM_TOPICS_PER_PAGE"]
    return render_template("forum/category.html", category=found, topics=topics[:per_page],
                           page=page, has_next=len(topics) > per_page)


@cached_for_anonymous(queries.topic_version)
def topic(category: str, topic_id: int, slug: str):
    found = queries.topic(topic_id)
    if found is None or not _can_read(found):
        abort(404)
    if found.category.slug != category or found.slug != slug:
        # Only the page is carried over: any other parameter (even one named
        # like the route's own, ?category=) is not the topic's.
        return redirect(topic_url(found, **({"page": _page()} if "page" in request.args else {})),
                        301)
    page = min(_page(), queries.page_count(found))
    signed_in = current_user.is_authenticated
    posts = queries.posts_page(found, page, current_user.id if signed_in else None)
    highlighted = None
    if found.highlighted_post_id:
        highlighted = queries.post(found.highlighted_post_id)
        if highlighted is not None and highlighted.status != PostStatus.VISIBLE:
            highlighted = None
    moderator = is_moderator(current_user)
    return render_template(
        "forum/topic.html", topic=found, posts=posts, page=page,
        pages=queries.page_count(found), highlighted=highlighted,
        # Anonymous readers get no form: their page is shared (page_cache).
        form=ReplyForm() if signed_in else None, action_form=ActionForm() if signed_in else None,
        following=ops.is_following(found, current_user),
        can_highlight=signed_in and (moderator or current_user.id == found.author_id),
        is_moderator=moderator,
        help=session.pop(HELP_KEY, None))


def post_fragment(post_id: int):
    """One post as HTML, for the live page (forum.js) — visible posts only."""
    post = queries.post(post_id)
    if post is None or post.status != PostStatus.VISIBLE or post.topic.status != PostStatus.VISIBLE:
        abort(404)
    return render_template("forum/_post.html", post=post, topic=post.topic,
                           action_form=ActionForm(),
                           can_highlight=current_user.is_authenticated and (
                               is_moderator(current_user)
                               or current_user.id == post.topic.author_id),
                           is_moderator=is_moderator(current_user))


# --- writing --------------------------------------------------------------------------

@login_required
@limited
def new_topic(category: str):
    found = queries.category_by_slug(category)
    if found is None:
        abort(404)
    form = TopicForm()
    status = 200
    if form.validate_on_submit():
        try:
            topic, post = ops.create_topic(found, current_user, title=form.title.data,
                                           body=form.body.data, follow=form.follow.data,
                                           ip_hash=hash_ip(request.remote_addr))
        except ops.ForumError as exc:
            show_on_form(form, exc)
            status = exc.status
        else:
            _after_post(post, topic.title)
            return redirect(topic_url(topic, _anchor=f"post-{post.id}"))
    return render_template("forum/new_topic.html", category=found, form=form,
                           suspended=current_user.is_suspended), status


@login_required
@limited
def reply(topic_id: int):
    found = queries.topic(topic_id)
    if found is None or not _can_read(found):
        abort(404)
    form = ReplyForm()
    if not form.validate_on_submit():
        flash(_("Please write a message."), "error")
        return redirect(topic_url(found, _anchor="reply"))
    try:
        post = ops.reply(found, current_user, body=form.body.data, follow=form.follow.data,
                         ip_hash=hash_ip(request.remote_addr))
    except ops.ForumError as exc:
        return render_template("forum/refused.html", topic=found, message=exc.message), exc.status
    _after_post(post)
    page = queries.page_count(found)
    return redirect(topic_url(found, page=page if page > 1 else None, _anchor=f"post-{post.id}"))


@login_required
@limiter.limit(lambda: current_app.config["FORUM_FLAG_LIMIT"], key_func=_account_key, methods=["POST"],
               scope="forum-flag")
def flag(post_id: int):
    post = queries.post(post_id)
    if post is None or post.status != PostStatus.VISIBLE:
        abort(404)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            ops.flag_post(post, current_user, form.reason.data)
        except ops.ForumError as exc:
            flash(exc.message, "warning")
        else:
            flash(_("Thank you: a moderator will look at this message."), "success")
        return redirect(topic_url(post.topic))
    return render_template("forum/flag.html", post=post, topic=post.topic, form=form)


@login_required
def follow(topic_id: int):
    found = queries.topic(topic_id)
    if found is None or not _can_read(found):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if ops.is_following(found, current_user):
        ops.unfollow_topic(found, current_user)
        flash(_("You no longer follow this topic."), "success")
    else:
        if not current_user.email:
            flash(_("Add an e-mail address to your account to be told about answers."), "warning")
            return redirect(topic_url(found))
        ops.follow_topic(found, current_user)
        flash(_("You will get an e-mail when someone answers."), "success")
    return redirect(topic_url(found))


@login_required
def highlight(post_id: int):
    post = queries.post(post_id)
    if post is None:
        abort(404)
    topic = post.topic
    # territories: a moderator of the topic's category's territory.
    moderates = territory_access.may_act(current_user, Role.MODERATOR,
                                         territory_access.category_territory_id(topic.category_id))
    if not (moderates or current_user.id == topic.author_id):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.highlight_post(post, current_user)
    except ops.ForumError as exc:
        flash(exc.message, "warning")
    return redirect(topic_url(topic))


def unsubscribe(token: str):
    """From the e-mail, no sign-in. A GET only shows a button: link scanners
    open every link of a message and must unsubscribe nobody. The POST — the
    button, or a mail program's RFC 8058 one-click — unsubscribes. The token
    is the only credential; it stops one topic's e-mails and nothing else."""
    if request.method == "GET":
        follow = ops.follow_for_token(token)
        return render_template("forum/unsubscribed.html", confirm=True, found=follow is not None,
                               topic=follow.topic if follow else None, token=token)
    follow = ops.unsubscribe(token)
    return render_template("forum/unsubscribed.html", found=follow is not None,
                           topic=follow.topic if follow else None)
