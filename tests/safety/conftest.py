"""The screening is pure computation: one portal without a database is
enough (labels are translated in a request context, as in a page)."""

from __future__ import annotations

import pytest

from portal import create_app


@pytest.fixture(scope="module")
def request_context(tmp_path_factory):
    instance = tmp_path_factory.mktemp("safety-instance")
    app = create_app({"INSTANCE_DIR": str(instance), "SECRET_KEY": "test-secret",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'unused.db'}",
                      "REDIS_URL": None})
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield app
