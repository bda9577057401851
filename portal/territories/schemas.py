"""The open-data API's arguments (marshmallow, through flask-smorest)."""

from marshmallow import Schema, fields, validate


class OpenDataArgs(Schema):
    territory = fields.String(
        load_default=None, validate=validate.Length(max=60),
        metadata={"description": "A territory's short name: only its communes' structures."})
