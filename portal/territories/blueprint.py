from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.core.menu import register_menu_link
from portal.territories import controllers
from portal.territories import demo as _demo  # noqa: F401  (subscribes to seeding_demo)
from portal.territories.access import is_staff_somewhere

bp = Blueprint("territories", __name__, url_prefix="/admin/territories",
               template_folder="templates")
rule = bp.add_url_rule
rule("/", "index", controllers.index)
rule("/new", "new", controllers.new, methods=["GET", "POST"])
rule("/<int:territory_id>", "edit", controllers.edit, methods=["GET", "POST"])
rule("/<int:territory_id>/staff", "add_staff", controllers.add_staff, methods=["POST"])
rule("/<int:territory_id>/staff/<int:user_id>/remove", "remove_staff",
     controllers.remove_staff, methods=["POST"])


def init_app(app) -> None:
    from portal.extensions import api
    from portal.territories.api import api_bp
    from portal.territories.cli import directory_cli

    app.register_blueprint(bp)
    api.register_blueprint(api_bp)
    # `flask portal territory …` is added to the portal group by portal/cli.py.
    app.cli.add_command(directory_cli)
    register_menu_link(app, "territories.index", _l("Territories"), is_staff_somewhere,
                       order=92)
