from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_editor
from portal.assistant import controllers
from portal.assistant.api import api_bp
from portal.core.menu import register_menu_link

bp = Blueprint("assistant", __name__, url_prefix="/assistant", template_folder="templates")
rule = bp.add_url_rule
rule("/", "page", controllers.page, methods=["GET", "POST"])
rule("/feedback", "feedback", controllers.feedback, methods=["POST"])
rule("/questions", "open_questions", controllers.open_questions)
rule("/questions/<int:question_id>/done", "question_done", controllers.question_done,
     methods=["POST"])


def init_app(app) -> None:
    from portal.extensions import api, csrf

    app.register_blueprint(bp)
    register_menu_link(app, "assistant.open_questions", _l("Unanswered questions"),
                       is_editor, order=60)
    api.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # a JSON API for widgets and other sites: no cookies, no session
