"""Sessions are server-revocable: signing out, a password or role change,
disabling and "sign out everywhere" end them at once — a cookie copied
before no longer opens anything — and the account's open sockets refuse
every later event."""

from __future__ import annotations

import pytest

from portal.accounts import operations as ops
from portal.accounts.models import AccountSession, AccountSocket, Role
from tests.chat.conftest import InProcessSocket
from tests.support import csrf_token, submit

COOKIE = "passerelle_session"


def _copy_of_cookie(app, client):
    """Another browser holding the very same cookie (stolen, or a shared phone)."""
    copy = app.test_client()
    copy.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return copy


def _signed_in(c) -> bool:
    return c.get("/account/").status_code == 200


def test_a_cookie_copied_before_signing_out_stops_working(app, client, create_user, login, database):
    user = create_user()
    assert login(user).status_code == 302
    copy = _copy_of_cookie(app, client)
    assert _signed_in(copy)
    token = csrf_token(client, "/account/")
    assert client.post("/account/logout", data={"csrf_token": token}).status_code == 302
    assert not _signed_in(client)
    assert not _signed_in(copy)
    assert database.session.scalar(database.select(database.func.count()).select_from(
        AccountSession).where(AccountSession.user_id == user.id)) == 0


def test_signing_out_one_device_keeps_the_others(app, client, create_user, login):
    user = create_user()
    other = app.test_client()
    submit(other, "/account/login", {"login": user.pseudonym, "password": "un mot de passe"})
    assert login(user).status_code == 302
    client.post("/account/logout", data={"csrf_token": csrf_token(client, "/account/")})
    assert _signed_in(other)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, client, create_user,
                                                                      login):
    user = create_user()
    other = app.test_client()
    submit(other, "/account/login", {"login": user.pseudonym, "password": "un mot de passe"})
    login(user)
    copy = _copy_of_cookie(app, client)
    response = submit(client, "/account/password", {
        "current_password": "un mot de passe", "password": "un autre mot de passe",
        "confirm": "un autre mot de passe"}, form_url="/account/")
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(other)
    assert not _signed_in(copy)  # the cookie as it was before the change


def test_sign_out_everywhere(app, client, create_user, login):
    user = create_user()
    other = app.test_client()
    submit(other, "/account/login", {"login": user.pseudonym, "password": "un mot de passe"})
    login(user)
    before = _copy_of_cookie(app, client)
    response = submit(client, "/account/sessions/end", {}, form_url="/account/")
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(other) and not _signed_in(before)


@pytest.mark.parametrize("change", ["disable", "role"])
def test_an_administrator_disabling_or_changing_a_role_ends_the_sessions(
        app, client, create_user, login, change):
    target = create_user(role="moderator")
    victim = app.test_client()
    submit(victim, "/account/login", {"login": target.pseudonym, "password": "un mot de passe"})
    assert victim.get("/forum/moderation/").status_code == 200
    login(create_user(role="admin"))
    token = csrf_token(client, "/admin/users")
    if change == "disable":
        url, data = f"/admin/users/{target.id}/active", {"csrf_token": token}
    else:
        url, data = f"/admin/users/{target.id}/role", {"csrf_token": token, "role": "young"}
    assert client.post(url, data=data).status_code == 302
    assert victim.get("/forum/moderation/").status_code == 302  # to sign in: no session left
    assert not _signed_in(victim)


def test_a_disabled_professionals_open_socket_is_refused_at_once(
        app, client, create_user, login, socketio_client, database):
    pro = create_user(role="professional")
    login(pro)
    socket = InProcessSocket(socketio_client)
    assert socket.call("console")["ok"] is True
    assert database.session.scalar(database.select(database.func.count()).select_from(
        AccountSocket)) == 1
    ops.set_active(pro, False)
    database.session.flush()
    # Not committed, so the disconnection queued for after the commit has
    # not run: the event itself checks the account and drops the socket.
    ack = socket.call("take", {"conversation_id": 1})
    assert ack["ok"] is False and ack["error"] == "signed_out"
    assert not socket.client.is_connected("/chat")


def test_rights_are_re_derived_at_each_event_not_remembered(
        app, client, create_user, login, socketio_client, database):
    """A professional demoted in the database without any sign-out (the
    session row kept) still loses the console at the next event."""
    pro = create_user(role="professional")
    login(pro)
    socket = InProcessSocket(socketio_client)
    assert socket.call("console")["ok"] is True
    pro.role = Role.YOUNG  # no session ended: only the per-event check can refuse
    database.session.flush()
    ack = socket.call("console")
    assert ack["ok"] is False and ack["error"] == "forbidden"
