from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_professional
from portal.core.headers import ask_for_geolocation
from portal.core.menu import register_menu_link
from portal.core.site_search import register_search_section
from portal.directory import controllers, manage
from portal.directory import demo as _demo  # noqa: F401  (subscribes to seeding_demo)
from portal.directory import signals as _signals  # noqa: F401  (subscribes to user_deleted)
from portal.directory import tasks as _tasks  # noqa: F401  (registers the periodic tasks)
from portal.directory.api import api_bp
from portal.directory.models import KIND_LABELS
from portal.directory.search import register as _register_search

bp = Blueprint("directory", __name__, url_prefix="/guide", template_folder="templates")
rule = bp.add_url_rule
rule("/", "search", controllers.search)
rule("/structures/<int:structure_id>", "structure", controllers.structure)
rule("/structures/<int:structure_id>-<slug>", "structure", controllers.structure)
rule("/persons/<int:person_id>", "person", controllers.person)
rule("/persons/<int:person_id>/contact", "contact", controllers.contact, methods=["POST"])
rule("/messages/<token>/reply", "reply", controllers.reply, methods=["GET", "POST"])
rule("/my-entry", "my_entry", manage.my_entry)
rule("/persons/<int:person_id>/edit", "edit_person", manage.edit_person, methods=["GET", "POST"])
rule("/structures/<int:structure_id>/edit", "edit_structure", manage.edit_structure,
     methods=["GET", "POST"])
rule("/<any(structure, person):entity>/<int:entity_id>/confirm", "confirm", manage.confirm,
     methods=["POST"])
rule("/structures/new", "propose_structure", manage.propose_structure, methods=["GET", "POST"])
rule("/structures/join", "join_structure", manage.join_structure, methods=["POST"])
rule("/check/<token>", "check", manage.check, methods=["GET", "POST"])
rule("/review", "review", manage.review)
rule("/review/<int:change_id>/<any(approve, reject):decision>", "decide", manage.decide,
     methods=["POST"])

_register_search()


@bp.app_context_processor
def _kind_labels():
    return {"kind_labels": {kind.value: label for kind, label in KIND_LABELS.items()}}


def init_app(app) -> None:
    from portal.extensions import api

    app.register_blueprint(bp)
    api.register_blueprint(api_bp)
    # "Around me" asks the browser for the visitor's position on this page only.
    ask_for_geolocation(app, "directory.search")
    register_menu_link(app, "directory.my_entry", _l("My entry"),
                       is_professional, order=30)
    register_search_section("guide", 10, controllers.search_section)
