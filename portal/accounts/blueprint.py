from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts import access, admin, controllers, settings
from portal.core.menu import register_menu_link

bp = Blueprint("accounts", __name__, url_prefix="/account", template_folder="templates")
rule = bp.add_url_rule
rule("/login", "login", controllers.login, methods=["GET", "POST"])
rule("/logout", "logout", controllers.logout, methods=["POST"])
rule("/register", "register", controllers.register)
rule("/register/young", "register_young", controllers.register_young, methods=["GET", "POST"])
rule("/register/professional", "register_professional", controllers.register_professional,
     methods=["GET", "POST"])
rule("/verify/<token>", "verify_email", controllers.verify_email, methods=["GET", "POST"])
rule("/password/forgot", "forgot_password", controllers.forgot_password, methods=["GET", "POST"])
rule("/password/reset/<token>", "reset_password", controllers.reset_password,
     methods=["GET", "POST"])
rule("/password/recover", "recover", settings.recover, methods=["GET", "POST"])
rule("/", "account", settings.account)
rule("/pseudonym", "change_pseudonym", settings.change_pseudonym, methods=["POST"])
rule("/age", "change_age_range", settings.change_age_range, methods=["POST"])
rule("/email", "change_email", settings.change_email, methods=["POST"])
rule("/password", "change_password", settings.change_password, methods=["POST"])
rule("/sessions/end", "sign_out_everywhere", settings.sign_out_everywhere, methods=["POST"])
rule("/recovery-codes", "new_recovery_codes", settings.new_recovery_codes, methods=["POST"])
rule("/verify-again", "resend_verification", controllers.resend_verification, methods=["POST"])
rule("/delete", "delete_account", settings.delete_account, methods=["POST"])

admin_bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
rule = admin_bp.add_url_rule
rule("/", "dashboard", admin.dashboard)
rule("/users", "users", admin.users)
rule("/users/<int:user_id>/verify", "verify", admin.verify, methods=["POST"])
rule("/users/<int:user_id>/reject", "reject", admin.reject, methods=["POST"])
rule("/users/<int:user_id>/role", "change_role", admin.change_role, methods=["POST"])
rule("/users/<int:user_id>/active", "toggle_active", admin.toggle_active, methods=["POST"])
rule("/audit", "audit", admin.audit_log)


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
    # Templates ask the same checks as views: {% if access.is_moderator(current_user) %}.
    app.jinja_env.globals["access"] = access
    register_menu_link(app, "admin.dashboard", _l("Administration"),
                       access.is_admin, order=90)
    register_menu_link(app, "admin.audit", _l("Audit log"), access.is_admin, order=91)
