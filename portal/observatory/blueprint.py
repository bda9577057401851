"""URL rules of the observatory, and its wiring into the app."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role
from portal.core import observe
from portal.core.menu import register_menu_link
from portal.observatory import controllers, operations
from portal.observatory import demo as _demo  # noqa: F401  (subscribes to seeding_demo_content)
from portal.observatory import tasks as _tasks  # noqa: F401  (registers the nightly task)
from portal.observatory.api import api_bp
from portal.observatory.cli import observatory_cli

bp = Blueprint("observatory", __name__, url_prefix="/observatory", template_folder="templates")
rule = bp.add_url_rule
# Everyone: the public observatory and its open data.
rule("/", "index", controllers.index)
rule("/indicators/<name>", "indicator", controllers.indicator_page)
rule("/methodology", "methodology", controllers.methodology)
rule("/data/", "downloads", controllers.downloads)
rule("/data/<name>.<any(csv, xlsx, ods):fmt>", "download", controllers.download)
rule("/data/datapackage.json", "datapackage", controllers.datapackage)
rule("/data/README.md", "readme", controllers.readme)
# Administrators and editors: the boards and the evaluation calendar.
rule("/board", "board", controllers.board)
rule("/board/calendar", "add_calendar_entry", controllers.add_calendar_entry, methods=["POST"])
rule("/board/calendar/<int:calendar_id>/delete", "delete_calendar_entry",
     controllers.delete_calendar_entry, methods=["POST"])


def init_app(app) -> None:
    from portal.extensions import api, csrf

    observe.register_sink(operations.store_events)
    app.register_blueprint(bp)
    register_menu_link(app, "observatory.board", _l("Observatory"),
                       lambda user: user.is_authenticated and user.has_role(Role.ADMIN, Role.EDITOR),
                       order=60)
    csrf.exempt(api_bp)
    api.register_blueprint(api_bp)
    app.cli.add_command(observatory_cli)
