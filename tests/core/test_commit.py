"""The commit point and the after-commit queue."""

import pytest

from portal.accounts.models import User
from portal.core.commit import after_commit, commit, committing, rollback


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


def test_an_error_response_rolls_the_request_back(client, database):
    # A registration refused by validation stores nothing.
    client.post("/account/register/young", data={"pseudonym": "x"})
    assert database.session.query(User).count() == 0
