"""Schemas of the subscriptions API (flask-smorest)."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


class PushKeys(Schema):
    p256dh = fields.String(required=True, validate=validate.Length(max=200))
    auth = fields.String(required=True, validate=validate.Length(max=100))


class SubscriptionArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    channel = fields.String(required=True, validate=validate.OneOf(["email", "sms", "push"]))
    address = fields.String(required=True, validate=validate.Length(min=3, max=512), metadata={
        "description": "An e-mail address, a French or Belgian mobile number, or the push "
                       "endpoint URL of a browser subscription."})
    topics = fields.List(fields.String(validate=validate.Length(max=80)), required=True,
                         validate=validate.Length(min=1, max=40), metadata={
        "description": "`theme:<code>`, `territory:<code>` or `kind:<alert>` "
                       "(guide_alert, forum_answer, appointment_reminder, consultation, "
                       "newsletter)."})
    keys = fields.Nested(PushKeys, load_default=None, metadata={
        "description": "For push: the subscription's keys."})
    under_15 = fields.Boolean(load_default=False, metadata={
        "description": "Under 15: push only (no e-mail, no SMS)."})
    locale = fields.String(load_default=None, validate=validate.OneOf(["fr", "en", "nl"]))
    territory_code = fields.String(load_default=None, validate=validate.Length(max=20))


class SubscriptionAccepted(Schema):
    status = fields.String(metadata={"description": "`confirmation_sent` or `confirmed` (push)."})


class UnsubscribeArgs(Schema):
    class Meta:
        unknown = EXCLUDE

    token = fields.String(required=True, validate=validate.Length(max=300), metadata={
        "description": "The token of the message's unsubscribe link."})
    list_unsubscribe = fields.String(data_key="List-Unsubscribe", load_default="One-Click",
                                     validate=validate.Equal("One-Click"))


class Unsubscribed(Schema):
    unsubscribed = fields.Boolean()
