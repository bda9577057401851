"""The shapes of ``POST /api/v1/safety/check``: one validation, the API's."""

from marshmallow import Schema, fields, validate


class SafetyCheckArgs(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=8000), metadata={
        "description": "The free text to screen, as the person typed it."})
    locale = fields.String(load_default=None, validate=validate.OneOf(["fr", "en", "nl"]),
                           metadata={"description": "The language of the labels (and of the "
                                                    "country when no commune is given: nl → BE)."})
    commune = fields.String(load_default=None, validate=validate.Length(max=100), metadata={
        "description": "Where the person is (a commune, a postal code or an INSEE code): "
                       "Belgian communes get the Belgian numbers."})


class HelpNumber(Schema):
    number = fields.String()
    label = fields.String()
    tel = fields.String(metadata={"description": "A `tel:` link."})


class DistressFound(Schema):
    kinds = fields.List(fields.String(), metadata={
        "description": "The kinds of distress recognised (empty when none): suicide, "
                       "self_harm, violence_home, sexual_violence, harassment, no_shelter…"})
    numbers = fields.List(fields.Nested(HelpNumber), metadata={
        "description": "The numbers to show, in this order (empty when no distress)."})


class SafetyCheck(Schema):
    distress = fields.Nested(DistressFound)
    personal_data = fields.List(fields.String(), metadata={
        "description": "Personal data found: phone, email, handle, address, name."})
