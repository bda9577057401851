from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_editor
from portal.core.menu import register_menu_link
from portal.core.site_search import register_search_section
from portal.knowledge import cli, controllers
from portal.knowledge.search import register as _register_search

bp = Blueprint("knowledge", __name__, url_prefix="/information", template_folder="templates")
rule = bp.add_url_rule
rule("/", "index", controllers.index)
rule("/manage", "manage", controllers.manage)
rule("/new", "new", controllers.new, methods=["GET", "POST"])
rule("/articles/<int:article_id>/edit", "edit", controllers.edit, methods=["GET", "POST"])
rule("/<ref>/helpful", "helpful", controllers.helpful, methods=["POST"])
rule("/<ref_slug>", "article", controllers.article)

_register_search()


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_menu_link(app, "knowledge.manage", _l("Manage the information"),
                       is_editor, order=50)
    app.cli.add_command(cli.knowledge_cli)
    register_search_section("information", 20, controllers.search_section)
