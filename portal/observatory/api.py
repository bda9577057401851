"""The observatory API: the registry, and protected series of an indicator."""

from __future__ import annotations

from flask import abort
from flask.views import MethodView
from flask_smorest import Blueprint

from portal.extensions import limiter
from portal.observatory import indicators, reading
from portal.observatory.controllers import _months_back
from portal.observatory.schemas import IndicatorSchema, SeriesArgs, SeriesSchema

api_bp = Blueprint("observatory_api", __name__, url_prefix="/api/v1/observatory",
                   description="Anonymous, protected indicators of young people's needs (Licence Ouverte).")


def _describe(indicator) -> dict:
    return {"name": indicator.name, "title": str(indicator.title), "definition": str(indicator.definition),
            "measure": indicator.measure, "unit": str(indicator.unit), "breakdowns": list(indicator.breakdowns),
            "k": reading.cell_size(indicator, None), "since": indicator.since,
            "higher_is_better": indicator.higher_is_better}


@api_bp.route("/indicators")
class Indicators(MethodView):
    decorators = [limiter.limit("120 per minute")]

    @api_bp.response(200, IndicatorSchema(many=True))
    def get(self):
        """Every public indicator: its definition, breakdowns and smallest group shown."""
        return [_describe(i) for i in indicators.public()]


@api_bp.route("/indicators/<name>")
class IndicatorSeries(MethodView):
    decorators = [limiter.limit("120 per minute")]

    @api_bp.arguments(SeriesArgs, location="query")
    @api_bp.response(200, SeriesSchema)
    @api_bp.alt_response(404, description="No public indicator has this name.")
    def get(self, args, name):
        """A protected series: figures about fewer than k people come back empty with `protected: true`."""
        indicator = indicators.get(name)
        if indicator is None or not indicator.public:
            abort(404, description=f"No public indicator is called {name!r}.")
        by = args["by"]
        if by is not None and by not in indicator.breakdowns:
            abort(422, description=f"by: {name} cannot be broken down by {by!r} "
                                   f"(allowed: {', '.join(indicator.breakdowns)}).")
        default_start, default_end = _months_back(12)
        start, end = args["from_"] or default_start, args["to"] or default_end
        if start > end:
            abort(422, description="from: must not be after to.")
        series = reading.series(indicator, start=start, end=end, period=args["period"], by=by)
        return {"indicator": name, "from_": start, "to": end, "period": series.period, "by": by,
                "k": series.k, "frozen": series.frozen,
                "points": [{"period": p.period, "group": p.group, "value": p.value, "n": p.n,
                            "protected": p.hidden} for p in series.points]}
