"""The subscription centre and the API, through the app's pages and routes:
double opt-in, RFC 8058 (a link scanner's GET changes nothing, the POST
unsubscribes), the consent record, STOP webhooks."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.notifications import tokens
from portal.notifications.models import Channel, ConsentRecord, Contact
from tests.support import csrf_token

EN = {"Accept-Language": "en"}


def _contact(address, channel=Channel.EMAIL):
    return db.session.scalar(select(Contact).where(Contact.channel == channel,
                                                   Contact.address == address))


def _link(mail, path):
    return re.search(rf"https?://\S+({path}\S+)", mail.get_content()).group(1)


def test_email_double_opt_in_through_the_api(client, mailbox):
    response = client.post("/api/v1/subscriptions", json={
        "channel": "email", "address": "Lea@Example.org",
        "topics": ["theme:emploi", "kind:newsletter"], "locale": "fr"})
    assert response.status_code == 202 and response.json == {"status": "confirmation_sent"}
    contact = _contact("lea@example.org")
    assert contact.confirmed_at is None and contact.topics() == {"theme:emploi", "kind:newsletter"}
    [mail] = mailbox
    path = _link(mail, "/alerts/confirm/")
    # A link scanner opening the link confirms nothing.
    page = client.get(path)
    assert page.status_code == 200 and db.session.get(Contact, contact.id).confirmed_at is None
    client.post(path, data={"csrf_token": csrf_token(client, path)})
    db.session.expire_all()
    assert _contact("lea@example.org").confirmed_at is not None


@pytest.mark.parametrize("body,field", [
    ({"channel": "email", "address": "pas-une-adresse", "topics": ["theme:emploi"]}, "address"),
    ({"channel": "sms", "address": "01 45 67 89 00", "topics": ["theme:emploi"]}, "address"),
    ({"channel": "email", "address": "a@example.org", "topics": ["theme:inconnu"]}, "topics"),
    ({"channel": "email", "address": "a@example.org", "topics": ["theme:emploi"],
      "under_15": True}, "channel"),
    ({"channel": "fax", "address": "a@example.org", "topics": ["theme:emploi"]}, None),
])
def test_the_api_names_what_is_wrong(client, mailbox, body, field):
    response = client.post("/api/v1/subscriptions", json=body, headers=EN)
    assert response.status_code == 422, response.json
    if field:
        assert response.json["field"] == field and response.json["message"]
    assert mailbox == []


def test_sms_opt_in_by_code(client, sms_outbox):
    response = client.post("/api/v1/subscriptions", json={
        "channel": "sms", "address": "06 12 34 56 78", "topics": ["kind:appointment_reminder"]})
    assert response.status_code == 202
    [sent] = [json.loads(p.read_text()) for p in sms_outbox.iterdir()]
    assert sent["to"] == "+33612345678" and sent["transactional"] is True
    code = re.search(r"\d{6}", sent["text"]).group(0)
    token = csrf_token(client, "/alerts/code")
    wrong = client.post("/alerts/code", data={"csrf_token": token,
                                              "number": "0612345678", "code": "000000"},
                        headers=EN)
    assert wrong.status_code == 200 and "not right" in wrong.text
    assert 'value="0612345678"' in wrong.text  # what was typed stays
    done = client.post("/alerts/code", data={"csrf_token": token,
                                             "number": "0612345678", "code": code})
    assert done.status_code == 302 and "/alerts/centre/" in done.headers["Location"]
    assert _contact("+33612345678", Channel.SMS).confirmed_at is not None


def test_a_link_scanners_get_changes_nothing_the_rfc8058_post_unsubscribes(client, mailbox):
    client.post("/api/v1/subscriptions", json={"channel": "email", "address": "lea@example.org",
                                               "topics": ["theme:emploi"]})
    [mail] = mailbox
    header = mail["List-Unsubscribe"].strip()
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = re.search(r"<https?://[^/]+(/\S+)>", header).group(1)
    page = client.get(path, headers=EN)
    assert page.status_code == 200 and "<button" in page.text
    assert _contact("lea@example.org").disabled_at is None
    # The mail program's one-click POST, without any CSRF token.
    done = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    db.session.expire_all()
    contact = _contact("lea@example.org")
    assert contact.disabled_at is not None and contact.disabled_reason == "unsubscribed"
    actions = [r.action for r in db.session.scalars(
        select(ConsentRecord).where(ConsentRecord.contact_id == contact.id))]
    assert actions == ["requested", "unsubscribed"]


def test_api_unsubscribe(client, mailbox):
    client.post("/api/v1/subscriptions", json={"channel": "email", "address": "lea@example.org",
                                               "topics": ["theme:emploi"]})
    contact = _contact("lea@example.org")
    token = tokens.make(tokens.UNSUBSCRIBE, contact)
    bad = client.post("/api/v1/subscriptions/unsubscribe",
                      data={"List-Unsubscribe": "One-Click", "token": "forged"})
    assert bad.status_code == 422 and "token" in bad.json["message"]
    ok = client.post("/api/v1/subscriptions/unsubscribe",
                     data={"List-Unsubscribe": "One-Click", "token": token})
    assert ok.status_code == 200 and ok.json == {"unsubscribed": True}
    db.session.expire_all()
    assert _contact("lea@example.org").disabled_at is not None


def test_the_centre_changes_topics_pauses_and_gives_the_record(client, mailbox):
    client.post("/api/v1/subscriptions", json={"channel": "email", "address": "lea@example.org",
                                               "topics": ["theme:emploi"]})
    contact = _contact("lea@example.org")
    path = f"/alerts/centre/{tokens.make(tokens.CENTRE, contact)}"
    assert client.get("/alerts/centre/forged").status_code == 404
    page = client.get(path, headers=EN)
    assert page.status_code == 200
    assert re.search(r'<input checked[^>]*value="emploi"', page.text)
    saved = client.post(path, data={
        "csrf_token": csrf_token(client, path), "kinds": ["kind:forum_answer"],
        "themes": ["logement", "sante"], "territory": "59350", "frequency": "weekly",
        "quiet_from": "1080", "quiet_until": "1260"})
    assert saved.status_code == 302
    db.session.expire_all()
    contact = _contact("lea@example.org")
    assert contact.topics() == {"kind:forum_answer", "theme:logement", "theme:sante",
                                "territory:59350"}
    assert contact.frequency.value == "weekly" and contact.quiet_from == 1080
    client.post(f"{path}/pause", data={"csrf_token": csrf_token(client, path)})
    db.session.expire_all()
    assert _contact("lea@example.org").paused_until is not None
    record = client.get(f"{path}/consents.json")
    assert record.headers["Content-Disposition"].startswith("attachment")
    assert [r["action"] for r in record.json["records"]] == ["requested", "topics", "paused"]
    assert all(r["wording_version"] for r in record.json["records"])


def test_the_consent_record_is_append_only(database):
    from portal.notifications import pipeline

    contact = pipeline.contact_for(Channel.EMAIL, "lea@example.org")
    db.session.flush()
    entry = ConsentRecord(contact_id=contact.id, channel="email", action="requested",
                          how="api", wording_version="x")
    db.session.add(entry)
    db.session.flush()
    entry.action = "confirmed"
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_push_subscription_is_confirmed_by_the_browser(client):
    response = client.post("/api/v1/subscriptions", json={
        "channel": "push", "address": "https://push.example.net/sub/1", "under_15": True,
        "keys": {"p256dh": "BExample", "auth": "secret"}, "topics": ["kind:forum_answer"]})
    assert response.status_code == 202 and response.json == {"status": "confirmed"}
    assert client.get("/alerts/push/key").json["public_key"]


@pytest.mark.parametrize("provider,request_kwargs", [
    ("brevo", {"json": {"msg_status": "replied", "to": "33612345678", "reply": "Stop",
                        "messageId": 12, "sms_count": 1}}),
    ("brevo", {"json": {"msg_status": "unsubscribe", "to": "33612345678"}}),
    ("ovh", {"data": {"senderid": "+33612345678", "message": "STOP", "id": "1"}}),
])
def test_stop_replies_switch_the_number_off(app, client, monkeypatch, provider, request_kwargs):
    monkeypatch.setitem(app.config, "SMS_WEBHOOK_SECRET", "hook-secret")
    assert client.post(f"/alerts/hooks/sms/{provider}/wrong", **request_kwargs).status_code == 404
    response = client.post(f"/alerts/hooks/sms/{provider}/hook-secret", **request_kwargs)
    assert response.status_code == 200 and response.json["stopped"] is True
    contact = _contact("+33612345678", Channel.SMS)
    assert contact.disabled_reason == "stop"


def test_footer_links_to_the_centre(client):
    page = client.get("/", headers=EN)
    assert "/alerts/" in page.text


def test_bounces_and_complaints_switch_an_address_off(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_WEBHOOK_SECRET", "hook-secret")
    hook = "/alerts/hooks/mail/brevo/hook-secret"
    assert client.post("/alerts/hooks/mail/brevo/wrong", json={}).status_code == 404
    for _ in range(2):
        answer = client.post(hook, json={"event": "soft_bounce", "email": "mou@example.org"})
        assert answer.json["switched_off"] is None
    assert _contact("mou@example.org").disabled_at is None
    answer = client.post(hook, json={"event": "soft_bounce", "email": "mou@example.org"})
    assert answer.json["switched_off"] == "soft_bounces"
    for event, reason in (("hard_bounce", "hard_bounce"), ("spam", "complaint")):
        client.post(hook, json={"event": event, "email": f"{event}@example.org"})
        assert _contact(f"{event}@example.org").disabled_reason == reason
    # A bounced address gets no new opt-in message either.
    client.post("/api/v1/subscriptions", json={"channel": "email",
                                               "address": "hard_bounce@example.org",
                                               "topics": ["theme:emploi"]})
    from portal.notifications.models import Delivery

    [delivery] = db.session.scalars(select(Delivery).where(
        Delivery.address == "hard_bounce@example.org"))
    assert delivery.reason == "switched_off"
