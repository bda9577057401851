from marshmallow import Schema, fields, validate

from portal.assistant.models import DOWN, NOT_ANSWERED, UP


class AskArgs(Schema):
    question = fields.String(required=True, validate=validate.Length(min=1, max=500))
    near = fields.String(load_default=None, validate=validate.Length(max=100), metadata={
        "description": "A commune, postal code, INSEE code or `lat,lon` the person gave "
                       "earlier in the conversation (the server keeps nothing)."})
    locale = fields.String(load_default=None, validate=validate.OneOf(["fr", "en", "nl"]))


class ArticleItem(Schema):
    id = fields.Integer()
    source_id = fields.String(allow_none=True, metadata={"description": "Service-Public sheet id."})
    title = fields.String()
    summary = fields.String()
    url = fields.String()


class NumberItem(Schema):
    number = fields.String()
    label = fields.String()
    tel = fields.String()


class HandoffSchema(Schema):
    chat_online = fields.Boolean()
    chat_url = fields.String(allow_none=True)
    booking = fields.List(fields.Dict())
    forum_url = fields.String(allow_none=True)


class AnswerSchema(Schema):
    answer = fields.String()
    themes = fields.List(fields.String())
    articles = fields.List(fields.Nested(ArticleItem))
    resources = fields.List(fields.Dict(), metadata={
        "description": "Items in the shape of the guide's search results."})
    handoff = fields.Nested(HandoffSchema)
    emergency = fields.Boolean()
    numbers = fields.List(fields.Nested(NumberItem))
    ask_place = fields.Boolean()
    place = fields.Dict(allow_none=True)
    place_error = fields.String(allow_none=True)


class FeedbackArgs(Schema):
    question = fields.String(required=True, validate=validate.Length(min=1, max=500))
    vote = fields.String(required=True, validate=validate.OneOf([UP, DOWN, NOT_ANSWERED]))
    themes = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list)
