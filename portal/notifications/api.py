"""The subscriptions API: ask for alerts, and RFC 8058 one-click unsubscribe."""

from __future__ import annotations

from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from portal.core.errors import json_error
from portal.extensions import limiter
from portal.notifications import operations as ops
from portal.notifications import tokens
from portal.notifications.models import Channel
from portal.notifications.schemas import (
    SubscriptionAccepted,
    SubscriptionArgs,
    UnsubscribeArgs,
    Unsubscribed,
)

api_bp = Blueprint("notifications_api", __name__, url_prefix="/api/v1",
                   description="Alerts and the newsletter: subscribing, unsubscribing.")


@api_bp.route("/subscriptions")
class Subscriptions(MethodView):
    decorators = [limiter.limit("10 per hour; 30 per day", methods=["POST"])]

    @api_bp.arguments(SubscriptionArgs)
    @api_bp.response(202, SubscriptionAccepted)
    @api_bp.alt_response(422, description="Something sent is not valid (the field is named).")
    def post(self, args):
        """Ask for alerts; a confirmation is sent (a link by e-mail, a code by SMS)."""
        contact = ops.request_subscription(
            channel=Channel(args["channel"]), address=args["address"], topics=args["topics"],
            locale=args["locale"] or str(get_locale()), under_15=args["under_15"], how="api",
            push_keys=args["keys"], territory_code=args["territory_code"])
        return {"status": "confirmed" if contact.is_active else "confirmation_sent"}, 202


@api_bp.route("/subscriptions/unsubscribe")
class Unsubscribe(MethodView):
    decorators = [limiter.limit("60 per hour", methods=["POST"])]

    @api_bp.arguments(UnsubscribeArgs, location="form")
    @api_bp.response(200, Unsubscribed)
    @api_bp.alt_response(422, description="The token is not valid.")
    def post(self, args):
        """RFC 8058: `List-Unsubscribe=One-Click` and the link's token; stops everything
        for that address."""
        contact = tokens.load(tokens.UNSUBSCRIBE, args["token"])
        if contact is None:
            return json_error(422, "This unsubscribe token is not valid.")
        ops.unsubscribe(contact, "one_click_api")
        return {"unsubscribed": True}
