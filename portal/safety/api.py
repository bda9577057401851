"""``POST /api/v1/safety/check``: the portal's own screening for partner
sites' forms and the professionals' tools (flask-smorest)."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_babel import force_locale, get_locale
from flask_smorest import Blueprint

from portal.extensions import limiter
from portal.safety import presenting
from portal.safety.schemas import SafetyCheck, SafetyCheckArgs

api_bp = Blueprint("safety_api", __name__, url_prefix="/api/v1",
                   description="Screening of free text: distress (the numbers to call) and "
                               "personal data, the same as every channel of the portal.")


@api_bp.route("/safety/check")
class Check(MethodView):
    decorators = [limiter.limit(lambda: current_app.config["SAFETY_CHECK_LIMIT"],
                                scope="safety-check")]

    @api_bp.arguments(SafetyCheckArgs)
    @api_bp.response(200, SafetyCheck)
    def post(self, args):
        """Screen a text: the kinds of distress recognised with the numbers to
        show first (France or Belgium, from the commune or the language), and
        the kinds of personal data it carries. Nothing is stored."""
        locale = args.get("locale") or str(get_locale())
        country = presenting.country_for(commune=args.get("commune"), locale=locale)
        with force_locale(locale):
            found = presenting.screen(args["text"], locale=locale, country=country)
            return presenting.check_payload(found)
