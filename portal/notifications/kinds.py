"""The kinds of message, declared once: who may get them and how.

``transactional`` kinds (appointment confirmations and changes, opt-in
codes) go at any hour and ask for no subscription: the person's own action
asked for them. ``service`` kinds answer something the person did (a
followed topic, a chat they left an address in, an entry they keep): no
subscription either, but quiet hours and caps apply. The others (alerts,
newsletter) go only to a confirmed contact subscribed to one of the event's
topics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.notifications.models import Channel


@dataclass(frozen=True)
class Kind:
    name: str
    #: Template of the e-mail (``mail/<name>.txt``: subject on the first line).
    email_template: str | None = None
    #: Discreet texts for a shared phone: ``notify/<name>.txt``.
    sms_template: str | None = None
    push_template: str | None = None
    transactional: bool = False
    #: Needs a confirmed contact subscribed to one of the event's topics.
    needs_subscription: bool = True
    channels: tuple[Channel, ...] = field(default=(Channel.EMAIL, Channel.SMS, Channel.PUSH))

    def template_for(self, channel: Channel) -> str | None:
        return {Channel.EMAIL: self.email_template, Channel.SMS: self.sms_template,
                Channel.PUSH: self.push_template}[channel]


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    return KINDS[name]


# Double opt-in: a link by e-mail, a code by SMS.
CONFIRM_EMAIL = register(Kind("confirm_email", email_template="notifications/confirm",
                              transactional=True, needs_subscription=False,
                              channels=(Channel.EMAIL,)))
CONFIRM_SMS = register(Kind("confirm_sms", sms_template="notify/confirm_code",
                            transactional=True, needs_subscription=False,
                            channels=(Channel.SMS,)))
#: The link to one's subscription centre, asked for from the footer.
CENTRE_LINK = register(Kind("centre_link", email_template="notifications/centre_link",
                            sms_template="notify/centre_link", transactional=True,
                            needs_subscription=False, channels=(Channel.EMAIL, Channel.SMS)))
# The existing e-mails, now through the pipeline.
BOOKING = register(Kind("booking", transactional=True, needs_subscription=False,
                        channels=(Channel.EMAIL,)))
BOOKING_REMINDER = register(Kind("booking_reminder", email_template="booking/reminder",
                                 sms_template="notify/appointment_reminder",
                                 needs_subscription=False, channels=(Channel.EMAIL, Channel.SMS)))
FORUM_ANSWER = register(Kind("forum_answer", email_template="forum/reply",
                             sms_template="notify/answer", push_template="notify/answer",
                             needs_subscription=False))
CHAT_ANSWER = register(Kind("chat_answer", email_template="chat/answer",
                            sms_template="notify/answer", push_template="notify/answer",
                            needs_subscription=False))
FRESHNESS = register(Kind("freshness", email_template="directory/please_check",
                          needs_subscription=False, channels=(Channel.EMAIL,)))
# Alerts and the newsletter: subscribers only.
GUIDE_ALERT = register(Kind("guide_alert", email_template="notifications/guide_alert",
                            sms_template="notify/news", push_template="notify/news"))
NEWSLETTER = register(Kind("newsletter", email_template="notifications/newsletter",
                           channels=(Channel.EMAIL,)))
