from flask import Blueprint

from portal.core import controllers

bp = Blueprint("core", __name__, template_folder="templates")

bp.add_url_rule("/", "home", controllers.home)
bp.add_url_rule("/search/", "search", controllers.search)
bp.add_url_rule("/language/<code>", "switch_language", controllers.switch_language)
bp.add_url_rule("/healthz", "health", controllers.health)


def init_app(app) -> None:
    app.register_blueprint(bp)
