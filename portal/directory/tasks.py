"""Scheduled work of the guide: freshness reminders, contact-message clean-up."""

from huey import crontab

from portal.core.tasks import periodic_task
from portal.core.time import utcnow
from portal.core.urls import external_url
from portal.directory import operations as ops
from portal.directory.tokens import check_token


def _check_link(entry) -> str:
    entity = "structure" if entry.__tablename__ == "directory_structures" else "person"
    return external_url("directory.check", token=check_token(entity, entry.id))


@periodic_task(crontab(hour="8", minute="15"))
def remind_stale_entries() -> int:
    """Every morning: ask the owners of entries unchecked for 6 months to check them."""
    return ops.notify_stale_entries(utcnow(), _check_link)


@periodic_task(crontab(hour="3", minute="40"))
def purge_old_contact_messages() -> int:
    return ops.purge_contact_messages(utcnow())
