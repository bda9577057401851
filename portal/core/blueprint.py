from flask import Blueprint

from portal.core import controllers, health, pwa

bp = Blueprint("core", __name__, template_folder="templates")

bp.add_url_rule("/", "home", controllers.home)
bp.add_url_rule("/search/", "search", controllers.search)
bp.add_url_rule("/language/<code>", "switch_language", controllers.switch_language)
bp.add_url_rule("/healthz", "health", health.health)
bp.add_url_rule("/manifest.webmanifest", "manifest", pwa.manifest)
bp.add_url_rule("/sw.js", "service_worker", pwa.service_worker)
bp.add_url_rule("/offline", "offline", pwa.offline)


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.after_request(pwa.mark_readable)
