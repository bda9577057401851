"""Account protection: guessing is throttled without locking the owner out,
sign-in takes as long for an unknown account, registration reveals no
taken address and is limited per address, passwords have a maximum length,
pseudonyms cannot pass for the team or for someone else, and staff actions
are in an audit log that only administrators read."""

from __future__ import annotations

import statistics
import time

import pytest

from portal.accounts.models import AuditEntry, User
from portal.accounts.passwords import PASSWORD_MAX_LENGTH
from tests.support import csrf_token, submit

YOUNG = "/account/register/young"
PRO = "/account/register/professional"
PASSWORD = "un mot de passe"
EN = {"Accept-Language": "en"}


def _sign_in(client, login, password=PASSWORD, ip="198.51.100.7"):
    return submit(client, "/account/login", {"login": login, "password": password},
                  environ_base={"REMOTE_ADDR": ip}, headers=EN)


# --- throttling ---------------------------------------------------------------------

def test_a_stranger_guessing_does_not_lock_the_owner_out(client, create_user):
    create_user(pseudonym="Noa", role="admin")
    for _ in range(5):
        assert _sign_in(client, "Noa", "wrong guess", ip="203.0.113.9").status_code == 200
    assert _sign_in(client, "Noa", PASSWORD, ip="203.0.113.9").status_code == 429
    assert _sign_in(client, "Noa", PASSWORD, ip="198.51.100.7").status_code == 302  # the owner


def test_guesses_from_many_addresses_slow_the_account_down_but_never_lock_it(
        client, create_user, app, monkeypatch):
    # The pauses asked for are recorded (and really slept): counting them, not
    # timing the whole sign-in, keeps the test true on a loaded machine.
    from portal.accounts import protection

    pauses, sleep = [], protection.time.sleep
    monkeypatch.setattr(protection.time, "sleep", lambda s: (pauses.append(s), sleep(s)))
    monkeypatch.setitem(app.config, "LOGIN_SLOWDOWN_S", 0.4)
    create_user(pseudonym="Noa")
    for n in range(10):  # LOGIN_ACCOUNT_SLOWDOWN_LIMIT: 10 per 30 minutes
        _sign_in(client, "Noa", "wrong guess", ip=f"203.0.113.{n}")
    assert pauses == []  # no wait before the limit
    started = time.monotonic()
    assert _sign_in(client, "Noa", "wrong guess", ip="203.0.113.50").status_code == 200
    assert pauses == [0.4] and time.monotonic() - started >= 0.4
    assert _sign_in(client, "Noa", PASSWORD, ip="198.51.100.7").status_code == 302
    assert pauses == [0.4, 0.4]  # the owner too, slowed, yet in


def _median_sign_in_time(client, login, n=5) -> float:
    times = []
    for i in range(n):
        started = time.perf_counter()
        _sign_in(client, login, "wrong guess", ip=f"192.0.2.{i}")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_an_unknown_account_takes_as_long_as_a_wrong_password(client, create_user):
    create_user(pseudonym="Noa")
    _median_sign_in_time(client, "warm-up", 1)
    known = _median_sign_in_time(client, "Noa")
    unknown = _median_sign_in_time(client, "nobody-here")
    # Both check one Argon2 hash; before, the unknown account answered 8× faster.
    assert 0.6 < unknown / known < 1.6, (known, unknown)


# --- registration -------------------------------------------------------------------

def _young(client, ip="198.51.100.7", **fields):
    data = {"pseudonym": "Lea59", "age_range": "18-25", "email": "",
            "password": "une phrase secrète", "confirm": "une phrase secrète", **fields}
    return submit(client, YOUNG, data, headers=EN, environ_base={"REMOTE_ADDR": ip})


def test_registering_with_a_taken_email_reveals_nothing_and_tells_the_owner(
        client, app, create_user, database, mailbox):
    create_user(pseudonym="Owner", email="owner@example.org")
    free = app.test_client()
    fresh = _young(free, pseudonym="Sam59", email="fresh@example.org")
    taken = _young(client, pseudonym="Kim59", email="owner@example.org")
    assert taken.status_code == fresh.status_code == 302
    assert taken.headers["Location"] == fresh.headers["Location"]
    flash = "We sent you an e-mail to confirm your address."
    assert flash in client.get("/", headers=EN).get_data(as_text=True)
    assert flash in free.get("/", headers=EN).get_data(as_text=True)
    kim = database.session.scalar(database.select(User).where(User.pseudonym == "Kim59"))
    assert kim.email is None  # the owner's address is not given to someone else
    to_owner = [m for m in mailbox if m["To"] == "owner@example.org"]
    assert len(to_owner) == 1 and "already has an account" in to_owner[0].get_content()


def test_a_professional_registering_with_a_taken_email_sees_the_same_page(
        client, create_user, database, mailbox):
    create_user(pseudonym="Owner", email="owner@example.org")
    data = {"full_name": "Camille Durand", "structure_name": "Mission locale",
            "job_title": "Conseillère", "password": "une phrase secrète",
            "confirm": "une phrase secrète"}
    fresh = submit(client, PRO, {**data, "email": "camille@example.org"}, headers=EN)
    taken = submit(client, PRO, {**data, "full_name": "Alex Martin", "email": "owner@example.org"},
                   headers=EN)
    assert taken.status_code == fresh.status_code == 200
    strip = lambda page: page.get_data(as_text=True).split("<main", 1)[1].split("</main>")[0]  # noqa: E731
    assert strip(taken) == strip(fresh)
    assert database.session.scalar(database.select(User).where(User.full_name == "Alex Martin")) is None
    assert "already has an account" in [m for m in mailbox if m["To"] == "owner@example.org"][0].get_content()


def test_registrations_are_limited_per_address(client, app, database):
    limit = int(app.config["REGISTRATION_LIMIT"].split()[0])
    for n in range(limit):
        other = app.test_client()
        assert _young(other, ip="203.0.113.7", pseudonym=f"Visitor {'abcdefghjkmnpqrstuvwxyz'[n]}q").status_code == 200
    response = _young(app.test_client(), ip="203.0.113.7", pseudonym="OneTooMany")
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert 'value="OneTooMany"' in response.get_data(as_text=True)  # what was typed is kept
    assert _young(app.test_client(), ip="198.51.100.9", pseudonym="Elsewhere").status_code == 200


# --- passwords ----------------------------------------------------------------------

def test_passwords_have_a_maximum_length_and_huge_ones_are_never_hashed(client, create_user):
    create_user(pseudonym="Noa")
    too_long = "x" * (PASSWORD_MAX_LENGTH + 1)
    page = _young(client, password=too_long, confirm=too_long).get_data(as_text=True)
    assert f"at most {PASSWORD_MAX_LENGTH} characters" in page
    started = time.perf_counter()
    response = _sign_in(client, "Noa", "y" * 300_000)
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 200 and "/account/login" in response.request.path


# --- pseudonyms ---------------------------------------------------------------------

@pytest.mark.parametrize("pseudonym", [
    "аdmin",          # Cyrillic а
    "moderatіon",     # Cyrillic і
    "ＡＤＭＩＮ",      # full-width
    "Admin_2",
    "équipe CRIJ",
])
def test_pseudonyms_that_pass_for_the_team_are_refused(client, database, pseudonym):
    page = _young(client, pseudonym=pseudonym).get_data(as_text=True)
    assert "looks too much like another one" in page
    assert database.session.scalar(database.select(database.func.count()).select_from(User)) == 0


@pytest.mark.parametrize("pseudonym", ["Lеa_B", "lea.b", "LEA B", "Ⅼea B"])
def test_look_alikes_of_existing_pseudonyms_are_refused(client, create_user, pseudonym):
    create_user(pseudonym="Léa B")
    page = _young(client, pseudonym=pseudonym).get_data(as_text=True)
    assert "already taken" in page or "looks too much like another one" in page


def test_pseudonyms_are_stored_normalised(client, database):
    assert _young(client, pseudonym="Ｓａｍ５９").status_code == 200
    assert database.session.scalar(database.select(User.pseudonym)) == "Sam59"


def test_a_pseudonym_change_follows_the_same_rules(client, create_user, login):
    create_user(pseudonym="moderation", role="moderator")
    user = create_user(pseudonym="Noa")
    login(user)
    page = submit(client, "/account/pseudonym", {"pseudonym": "mоderation"}, form_url="/account/",
                  headers=EN).get_data(as_text=True)
    assert "looks too much like another one" in page
    assert submit(client, "/account/pseudonym", {"pseudonym": "NOA"},
                  form_url="/account/").status_code == 302  # one's own name, another case


# --- audit log ----------------------------------------------------------------------

def test_staff_actions_are_in_the_audit_log_only_administrators_read(client, create_user, login,
                                                                     database):
    admin = create_user(role="admin", pseudonym="chief")
    target = create_user(role="professional", pseudonym="Camille")
    login(admin)
    token = csrf_token(client, "/admin/users")
    client.post(f"/admin/users/{target.id}/role", data={"csrf_token": token, "role": "moderator"})
    client.post(f"/admin/users/{target.id}/active", data={"csrf_token": token})
    entries = database.session.scalars(database.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.actor_name, e.action, e.target_name) for e in entries] == [
        ("chief", "role_changed", "Camille"), ("chief", "account_disabled", "Camille")]
    page = client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert "Account disabled" in page and "Role changed" in page and "professional → moderator" in page
    assert 'href="/admin/audit"' in client.get("/", headers=EN).get_data(as_text=True)  # menu link
    client.post("/account/logout", data={"csrf_token": token})
    login(create_user(role="moderator"))
    assert client.get("/admin/audit").status_code == 403
