"""URL rules of notifications (subscription centre, webhooks) and its wiring."""

from flask import Blueprint

from portal.notifications import controllers, webhooks
from portal.notifications import tasks as _tasks  # noqa: F401  (registers the sweep)
from portal.notifications.api import api_bp

bp = Blueprint("notifications", __name__, url_prefix="/alerts", template_folder="templates")
rule = bp.add_url_rule
rule("/", "manage", controllers.manage, methods=["GET", "POST"])
rule("/code", "confirm_code", controllers.confirm_code, methods=["GET", "POST"])
rule("/confirm/<token>", "confirm", controllers.confirm, methods=["GET", "POST"])
rule("/unsubscribe/<token>", "unsubscribe", controllers.unsubscribe, methods=["GET", "POST"])
rule("/centre/<token>", "centre", controllers.centre, methods=["GET", "POST"])
rule("/centre/<token>/pause", "pause", controllers.pause, methods=["POST"])
rule("/centre/<token>/consents.json", "consents", controllers.consents)
rule("/push/key", "push_key", controllers.push_key)
rule("/hooks/sms/brevo/<secret>", "hook_brevo", webhooks.brevo, methods=["POST"])
rule("/hooks/sms/ovh/<secret>", "hook_ovh", webhooks.ovh, methods=["GET", "POST"])
rule("/hooks/mail/brevo/<secret>", "hook_brevo_mail", webhooks.brevo_mail, methods=["POST"])


def init_app(app) -> None:
    from portal.extensions import api, csrf

    app.register_blueprint(bp)
    # Mail programs' RFC 8058 POST and providers' webhooks carry no CSRF token.
    csrf.exempt(controllers.unsubscribe)
    csrf.exempt(webhooks.brevo)
    csrf.exempt(webhooks.ovh)
    csrf.exempt(webhooks.brevo_mail)
    csrf.exempt(api_bp)
    api.register_blueprint(api_bp)
