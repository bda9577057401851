"""Background tasks run in a real Huey consumer, as one unit of work each."""

import time

from huey.consumer import Consumer

from portal import create_app
from portal.accounts.models import User
from portal.core.tasks import huey, task
from portal.extensions import db
from tests.support import flask_env, run_flask


@task()
def _rename(pseudonym_key, new_name):
    user = db.session.scalar(db.select(User).where(User.pseudonym_key == pseudonym_key))
    user.pseudonym = new_name


def test_a_queued_task_survives_until_a_consumer_runs_it_and_commits(tmp_path):
    run_flask(flask_env(tmp_path), "db", "upgrade", "heads")
    app = create_app({"INSTANCE_DIR": str(tmp_path), "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/portal.db"})
    with app.app_context():
        db.session.add(User(pseudonym="sam", pseudonym_key="sam", password_hash="x"))
        db.session.commit()
        _rename("sam", "Sam renamed")
        assert huey.pending_count() == 1  # stored in instance/tasks.db, not in memory
    consumer = Consumer(huey, workers=1, worker_type="thread", periodic=False)
    consumer.start()
    try:
        deadline = time.monotonic() + 10
        with app.app_context():
            while time.monotonic() < deadline:
                name = db.session.scalar(db.select(User.pseudonym).where(User.pseudonym_key == "sam"))
                db.session.rollback()  # end the transaction: a fresh snapshot, no lock held
                if name == "Sam renamed":
                    break
                time.sleep(0.1)
    finally:
        consumer.stop(graceful=True)
    assert name == "Sam renamed"
    assert (tmp_path / "tasks.db").exists()
