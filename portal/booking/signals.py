"""What booking does when other domains tell it something happened."""

from portal.booking.operations import detach_young_user
from portal.core.signals import user_deleted


@user_deleted.connect
def _detach_deleted_user(sender, user, **_):
    detach_young_user(user.id)
