"""What the guide does when other domains tell it something happened."""

from portal.core.signals import user_deleted
from portal.directory.operations import detach_user


@user_deleted.connect
def _detach_deleted_user(sender, user, **_):
    detach_user(user)
