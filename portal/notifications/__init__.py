"""Notifications: one pipeline for every message to a person.

An event (kind, recipient, payload, key) goes through the rules (consent,
age, quiet hours, caps), is rendered per channel in the recipient's language,
stored as a delivery unique on its idempotency key, and sent from the task
queue by the channel's backend; the delivery row is its receipt.
"""
