"""Subscriptions to other domains' signals."""

from flask import current_app  # noqa: F401

from portal.core.signals import user_deleted
from portal.forum.operations import detach_user


@user_deleted.connect
def _detach(sender, user, **_):
    detach_user(user)
