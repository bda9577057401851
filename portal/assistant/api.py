"""``POST /api/v1/assistant/ask`` and ``/feedback`` (flask-smorest)."""

from __future__ import annotations

from flask.views import MethodView
from flask_babel import force_locale, get_locale
from flask_smorest import Blueprint

from portal.assistant import operations as ops
from portal.assistant.schemas import AnswerSchema, AskArgs, FeedbackArgs
from portal.extensions import limiter

api_bp = Blueprint("assistant_api", __name__, url_prefix="/api/v1",
                   description="The chat-style assistant: answers from the information base "
                               "and the guide.")


@api_bp.route("/assistant/ask")
class Ask(MethodView):
    decorators = [limiter.limit("60 per minute")]

    @api_bp.arguments(AskArgs)
    @api_bp.response(200, AnswerSchema)
    def post(self, args):
        """Answer a question: articles, nearby professionals, next steps; emergency
        numbers first when the question sounds like distress."""
        with force_locale(args.get("locale") or str(get_locale())):
            return ops.answer_question(args["question"], args.get("near")).payload()


@api_bp.route("/assistant/feedback")
class Feedback(MethodView):
    decorators = [limiter.limit("60 per minute")]

    @api_bp.arguments(FeedbackArgs)
    @api_bp.response(204)
    def post(self, args):
        """👍, 👎 or "this did not answer me" (anonymous counts)."""
        ops.record_feedback(args["question"], args["vote"], args.get("themes") or ())
