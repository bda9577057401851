"""URL rules of the forum, and its wiring into the app."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_moderator
from portal.core.menu import register_menu_link
from portal.core.site_search import register_search_section
from portal.forum import controllers, moderation, queries, search_views
from portal.forum import demo as _demo  # noqa: F401  (subscribes to seeding_demo_content)
from portal.forum import signals as _signals  # noqa: F401  (subscribes to user_deleted)
from portal.forum import tasks as _tasks  # noqa: F401  (registers the hourly count)
from portal.forum.search import register as _register_search
from portal.forum.sockets import ForumNamespace

bp = Blueprint("forum", __name__, url_prefix="/forum", template_folder="templates")
rule = bp.add_url_rule
# Moderators and editors (fixed paths win over the category rules below).
rule("/moderation/", "moderation", moderation.queue)
rule("/moderation/posts/<int:post_id>/<any(approve, hide, delete):action>", "moderate",
     moderation.act, methods=["POST"])
rule("/moderation/posts/<int:post_id>/edit", "edit_post", moderation.edit, methods=["GET", "POST"])
rule("/moderation/users/<int:user_id>/suspend", "suspend", moderation.suspend,
     methods=["GET", "POST"])
rule("/moderation/log", "moderation_log", moderation.log)
rule("/manage/categories", "manage_categories", moderation.categories, methods=["GET", "POST"])
# Everyone.
rule("/", "index", controllers.index)
rule("/search", "search", search_views.search)
rule("/unsubscribe/<token>", "unsubscribe", controllers.unsubscribe, methods=["GET", "POST"])
rule("/posts/<int:post_id>/fragment", "post_fragment", controllers.post_fragment)
rule("/posts/<int:post_id>/flag", "flag", controllers.flag, methods=["GET", "POST"])
rule("/posts/<int:post_id>/highlight", "highlight", controllers.highlight, methods=["POST"])
rule("/topics/<int:topic_id>/reply", "reply", controllers.reply, methods=["POST"])
rule("/topics/<int:topic_id>/follow", "follow", controllers.follow, methods=["POST"])
rule("/<category>/", "category", controllers.category)
rule("/<category>/new", "new_topic", controllers.new_topic, methods=["GET", "POST"])
rule("/<category>/<int:topic_id>-<slug>", "topic", controllers.topic)


def init_app(app) -> None:
    from portal.extensions import csrf, socketio

    app.register_blueprint(bp)
    register_menu_link(app, "forum.moderation", _l("Moderation queue"),
                       is_moderator,
                       count=queries.moderation_count, order=40)
    # Topics in the search index, and the forum's part of the combined search.
    _register_search()
    register_search_section("forum", 30, search_views.search_section)
    # RFC 8058 one-click unsubscribe: mail clients POST without a CSRF token.
    csrf.exempt(controllers.unsubscribe)
    socketio.on_namespace(ForumNamespace("/forum"))
