from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_professional
from portal.chat import controllers
from portal.chat import signals as _signals  # noqa: F401  (subscribes to user_deleted)
from portal.chat import tasks as _tasks  # noqa: F401  (registers the periodic tasks)
from portal.chat.sockets import ChatNamespace
from portal.core.menu import register_menu_link

bp = Blueprint("chat", __name__, url_prefix="/chat", template_folder="templates")
rule = bp.add_url_rule
rule("/", "page", controllers.page)
rule("/transcript", "transcript", controllers.transcript, methods=["POST"])
rule("/console", "console", controllers.console)
rule("/console/history", "history", controllers.history)
rule("/console/conversations/<int:conv_id>", "conversation", controllers.conversation)
rule("/settings", "settings", controllers.settings, methods=["GET", "POST"])


def init_app(app) -> None:
    from portal.extensions import socketio

    app.register_blueprint(bp)
    socketio.on_namespace(ChatNamespace("/chat"))
    register_menu_link(app, "chat.console", _l("Chat console"),
                       is_professional, order=10)
