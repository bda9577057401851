"""URL rules of the safety domain (the help page, the screening API), and
its wiring into the app: the quick exit's settings for every template."""

from flask import Blueprint

from portal.safety import controllers, presenting
from portal.safety.api import api_bp

bp = Blueprint("safety", __name__, template_folder="templates")
# French address on purpose: the link young people are told about ("va sur /aide").
bp.add_url_rule("/aide", "help", controllers.help_page)


def init_app(app) -> None:
    from portal.extensions import api, csrf

    app.register_blueprint(bp)
    # A JSON API for partner sites: no cookie session, so no CSRF token.
    csrf.exempt(api_bp)
    api.register_blueprint(api_bp)
    app.jinja_env.globals.update(quick_exit_here=presenting.quick_exit_here,
                                 quick_exit_url=presenting.quick_exit_url,
                                 safety_css_here=presenting.safety_css_here)
