"""Schemas of the observatory API (flask-smorest, at /api/v1/openapi.json)."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from portal.observatory.indicators import BREAKDOWNS
from portal.observatory.reading import PERIODS


class IndicatorSchema(Schema):
    name = fields.String(required=True)
    title = fields.String(required=True)
    definition = fields.String(required=True)
    measure = fields.String(required=True, metadata={"description": "count, share (%), median or p90 (minutes)"})
    unit = fields.String(required=True)
    breakdowns = fields.List(fields.String(), required=True)
    k = fields.Integer(required=True, metadata={"description": "Smallest group shown without breakdown."})
    since = fields.String(required=True, metadata={"description": "Version in which the indicator appeared."})
    higher_is_better = fields.Boolean(allow_none=True)


class SeriesArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    from_ = fields.Date(data_key="from", load_default=None, metadata={"description": "First day (YYYY-MM-DD); default twelve months back."})
    to = fields.Date(load_default=None, metadata={"description": "Last day (YYYY-MM-DD); default yesterday."})
    by = fields.String(load_default=None, validate=validate.OneOf(BREAKDOWNS), metadata={
        "description": "Breakdown; each indicator allows some (see its `breakdowns`)."})
    period = fields.String(load_default="month", validate=validate.OneOf(PERIODS))

    @validates_schema
    def check_range(self, data, **kwargs):
        start, end = data.get("from_"), data.get("to")
        if start and end and start > end:
            raise ValidationError("from must not be after to.", field_name="from")
        for key in ("from_", "to"):
            if data.get(key) and not 2000 <= data[key].year <= 2100:
                raise ValidationError("Give a date between 2000 and 2100.", field_name=key.rstrip("_"))


class PointSchema(Schema):
    period = fields.String(required=True)
    group = fields.String(allow_none=True, metadata={"description": "Empty for the total of the period."})
    value = fields.Float(allow_none=True, metadata={"description": "Empty when protected."})
    n = fields.Integer(allow_none=True, metadata={"description": "Empty when protected (fewer than k)."})
    protected = fields.Boolean(required=True)


class SeriesSchema(Schema):
    indicator = fields.String(required=True)
    from_ = fields.Date(data_key="from", required=True)
    to = fields.Date(required=True)
    period = fields.String(required=True)
    by = fields.String(allow_none=True)
    k = fields.Integer(required=True)
    frozen = fields.List(fields.String(), required=True, metadata={
        "description": "Months read from their frozen monthly snapshot."})
    points = fields.List(fields.Nested(PointSchema), required=True)
