"""Issue 14, attack tests: schemathesis against the running portal's OpenAPI
document, on SQLite and on PostgreSQL. Every operation gets generated
requests, valid and invalid (bounded: a few dozen each, the same every run);
none may answer a 5xx, and every answer must match the document (status,
content type, body schema) — a 422 included."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.chat.conftest import fresh_postgres
from tests.support import (
    FLASK,
    flask_env,
    free_port,
    require,
    run_flask,
    start_process,
    stop_process,
    wait_until_serving,
)

#: Generated requests per operation and mode (valid, invalid), per database:
#: about a minute and a half for each on a loaded 2-core machine.
EXAMPLES = int(os.environ.get("PORTAL_SCHEMATHESIS_EXAMPLES", 20))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def running_portal(request, tmp_path_factory):
    """``flask portal setup`` (with the demo: real entries, slots, articles)
    and ``flask portal serve``, as ``make run`` does."""
    instance = tmp_path_factory.mktemp(f"schemathesis-{request.param}")
    extra = {}
    if request.param == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        require(bool(url), "TEST_DATABASE_URL is not set: the PostgreSQL variant is skipped")
        extra["PORTAL_DATABASE_URL"] = fresh_postgres(url, "passerelle_schemathesis")
    env = flask_env(instance, PORTAL_SECRET_KEY="schemathesis", **extra)
    run_flask(env, "portal", "setup")
    port = free_port()
    process = start_process([FLASK, "portal", "serve", "--port", str(port), "--no-worker"], env,
                            instance / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, process)
        yield base
    finally:
        stop_process(process)


def _operations(base: str):
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    for result in schema.get_all_operations():
        yield result.ok()


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_the_api_answers_as_its_openapi_document_says(running_portal):
    """Each operation × valid and invalid data; every failure is listed at the end."""
    failures, tried = [], 0
    for operation in _operations(running_portal):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            def run(case):
                case.call_and_validate(base_url=running_portal, timeout=30, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                # Nothing invalid to send: a free-form string path (`entry_id`).
                continue
            except Exception as exc:  # schemathesis' FailureGroup: the failures it found
                failures.append(f"{operation.label} ({mode}): {exc}"[:2000])
            tried += 1
    assert tried >= 10, "the document lists fewer operations than the portal has"
    assert not failures, "\n\n".join(failures)
