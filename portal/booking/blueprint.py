"""URL rules of appointment booking, and its wiring into the app."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import is_professional
from portal.booking import agenda, controllers, settings
from portal.booking import demo as _demo  # noqa: F401  (subscribes to seeding_demo_content)
from portal.booking import signals as _signals  # noqa: F401  (subscribes to user_deleted)
from portal.booking import tasks as _tasks  # noqa: F401  (registers the reminder tasks)
from portal.booking.api import api_bp
from portal.core.menu import register_menu_link

bp = Blueprint("booking", __name__, url_prefix="/appointments", template_folder="templates")
rule = bp.add_url_rule
# Young people (no account needed).
rule("/", "mine", controllers.mine, methods=["GET", "POST"])
rule("/with/<entry_id>", "slots", controllers.slots)
rule("/with/<entry_id>/book", "book", controllers.book, methods=["GET", "POST"])
rule("/manage/<token>", "manage", controllers.manage)
rule("/manage/<token>/cancel", "cancel", controllers.cancel, methods=["POST"])
rule("/manage/<token>/move", "reschedule", controllers.reschedule, methods=["GET", "POST"])
rule("/manage/<token>/rendez-vous.ics", "calendar_file", controllers.calendar_file)
# Professionals.
rule("/agenda", "agenda", agenda.agenda)
rule("/agenda/<int:appointment_id>/<any(done, missed):outcome>", "outcome", agenda.outcome,
     methods=["POST"])
rule("/agenda/<int:appointment_id>/cancel", "pro_cancel", agenda.cancel, methods=["POST"])
rule("/feed/<token>.ics", "feed", agenda.feed)
rule("/settings", "settings", settings.settings)
rule("/settings/types/new", "new_type", settings.edit_type, methods=["GET", "POST"])
rule("/settings/types/<int:type_id>", "edit_type", settings.edit_type, methods=["GET", "POST"])
rule("/settings/types/<int:type_id>/deactivate", "deactivate_type", settings.deactivate_type,
     methods=["POST"])
rule("/settings/ranges", "add_range", settings.add_range, methods=["POST"])
rule("/settings/exceptions", "add_exception", settings.add_exception, methods=["POST"])
rule("/settings/<any(range, exception):kind>/<int:rule_id>/delete", "delete_rule",
     settings.delete_rule, methods=["POST"])
rule("/settings/feed/<any(new, revoke):action>", "feed_token", settings.feed_token,
     methods=["POST"])


def init_app(app) -> None:
    from portal.extensions import api, csrf

    app.register_blueprint(bp)
    register_menu_link(app, "booking.agenda", _l("Agenda"),
                       is_professional, order=20)
    # The JSON API is for partner sites and widgets: no cookie session, so no
    # CSRF token (a token would also make it unusable from another site).
    csrf.exempt(api_bp)
    api.register_blueprint(api_bp)
