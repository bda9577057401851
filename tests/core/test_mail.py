"""Mail goes through a real SMTP server, or to .eml files without one."""

import email
import email.policy

from portal import create_app
from portal.core.commit import commit, rollback
from portal.core.mail import queue_mail
from portal.extensions import db


def test_mail_is_sent_after_commit_through_smtp(app, database, mailbox):
    with app.test_request_context():
        queue_mail("lea@example.org", "accounts/reset_password", locale="fr",
                   user=type("U", (), {"display_name": "Léa"})(), link="https://x/reset")
        assert mailbox == []
        commit()
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == "lea@example.org"
    assert "Léa" in message.get_content() and "https://x/reset" in message.get_content()


def test_mail_of_a_rolled_back_action_is_never_sent(app, database, mailbox):
    with app.test_request_context():
        queue_mail("lea@example.org", "accounts/reset_password", locale="en",
                   user=type("U", (), {"display_name": "Léa"})(), link="https://x/reset")
        rollback()
        commit()
    assert mailbox == []


def test_without_a_mail_server_messages_are_written_to_the_outbox(tmp_path):
    app = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/db.sqlite"})
    with app.test_request_context():
        queue_mail("pro@example.org", "accounts/professional_verified", locale="nl",
                   user=type("U", (), {"display_name": "Sam"})(), link="https://x/login")
        commit()
        db.engine.dispose()
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == "pro@example.org"
    assert "https://x/login" in message.get_content()
