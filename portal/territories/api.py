"""The guide as open data in the data·inclusion schema (flask-smorest;
described at /api/v1/openapi.json)."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_smorest import Blueprint

from portal.extensions import db, limiter
from portal.territories import open_data
from portal.territories.models import Territory
from portal.territories.schemas import OpenDataArgs

api_bp = Blueprint("open_data_api", __name__, url_prefix="/api/v1/open-data/data-inclusion",
                   description="The guide's structures and services in the data·inclusion schema.")


def _territory_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    territory = db.session.scalar(db.select(Territory).where(Territory.slug == slug))
    if territory is None:
        abort(404, description=f"No territory named “{slug}”.")
    return territory.id


@api_bp.route("/structures.json")
class Structures(MethodView):
    decorators = [limiter.limit("30 per minute")]

    @api_bp.arguments(OpenDataArgs, location="query")
    @api_bp.response(200)
    def get(self, args):
        """Published, checked structures (data·inclusion ``Structure``, v1)."""
        return open_data.export_structures(_territory_id(args["territory"]))


@api_bp.route("/services.json")
class Services(MethodView):
    decorators = [limiter.limit("30 per minute")]

    @api_bp.arguments(OpenDataArgs, location="query")
    @api_bp.response(200)
    def get(self, args):
        """Their services (data·inclusion ``Service``, v1)."""
        return open_data.export_services(_territory_id(args["territory"]))
