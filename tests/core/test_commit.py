"""The commit point and the after-commit queue."""

import pytest

from portal.accounts.models import User
from portal.core.commit import after_commit, commit, committing, rollback
from portal.core.refusal import Refusal
from portal.extensions import db


def test_side_effects_run_only_after_commit(database, create_user):
    seen = []
    create_user(pseudonym="lea")
    after_commit(seen.append, "sent")
    assert seen == []
    commit()
    assert seen == ["sent"]


def test_rollback_drops_queued_side_effects_and_the_data(database):
    seen = []
    user = User(pseudonym="ghost", pseudonym_key="ghost", password_hash="x")
    database.session.add(user)
    database.session.flush()
    after_commit(seen.append, "never")
    rollback()
    commit()
    assert seen == []
    assert database.session.query(User).filter_by(pseudonym_key="ghost").count() == 0


def test_a_failing_unit_of_work_rolls_back_everything(database):
    seen = []

    @committing
    def unit():
        database.session.add(User(pseudonym="half", pseudonym_key="half", password_hash="x"))
        database.session.flush()
        after_commit(seen.append, "never")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        unit()
    assert seen == []
    assert database.session.query(User).filter_by(pseudonym_key="half").count() == 0


def test_a_failing_side_effect_does_not_undo_the_commit(database, caplog):
    def broken():
        raise OSError("smtp down")

    database.session.add(User(pseudonym="kept", pseudonym_key="kept", password_hash="x"))
    after_commit(broken)
    commit()
    assert database.session.query(User).filter_by(pseudonym_key="kept").count() == 1
    assert "smtp down" in caplog.text


def _feedback_that_writes(monkeypatch, refuse: bool):
    """The assistant's feedback operation, made to store a row and then
    refuse (or not): a real request through the real edges (the JSON API
    has no CSRF token to get wrong) whose view has written before answering."""
    from portal.assistant import operations

    def record_feedback(question, vote, themes):
        db.session.add(User(pseudonym="written", pseudonym_key="written", password_hash="x"))
        db.session.flush()
        if refuse:
            raise Refusal("invalid", "Refused after writing.", status=422)

    monkeypatch.setattr(operations, "record_feedback", record_feedback)
    return {"question": "Où dormir ce soir ?", "vote": "up"}


def _written(database) -> int:
    return database.session.query(User).filter_by(pseudonym_key="written").count()


def test_an_error_response_rolls_back_what_the_view_wrote(client, database, monkeypatch):
    # Fails if the after-request hook commits an error response (it was
    # checked by making it commit every response: this test then fails).
    response = client.post("/api/v1/assistant/feedback",
                           json=_feedback_that_writes(monkeypatch, refuse=True))
    assert response.status_code == 422 and response.get_json()["error"] == "invalid"
    assert _written(database) == 0


def test_a_successful_response_commits_what_the_view_wrote(client, database, monkeypatch):
    # The same request answered with success: the row is there, so the test
    # above sees a commit when there is one.
    response = client.post("/api/v1/assistant/feedback",
                           json=_feedback_that_writes(monkeypatch, refuse=False))
    assert response.status_code < 400
    assert _written(database) == 1
