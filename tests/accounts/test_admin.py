"""The administrators' pages: who may use them, and verifying professionals."""

import pytest

from portal.accounts.models import ProfessionalStatus, Role
from tests.support import csrf_token


@pytest.fixture
def pending_pro(create_user):
    return create_user(role="professional", pseudonym="Camille", email="camille@example.org",
                       full_name="Camille Durand", structure_name="Mission locale",
                       job_title="Conseillère", professional_status=ProfessionalStatus.PENDING,
                       verified_at=None)


@pytest.mark.parametrize("role, allowed", [
    ("young", False), ("professional", False), ("moderator", False), ("editor", False),
    ("facilitator", False), ("admin", True),
])
def test_only_administrators_reach_the_admin_pages(client, create_user, login, role, allowed):
    user = create_user(role=role)
    login(user)
    for url in ("/admin/", "/admin/users"):
        assert client.get(url).status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ["young", "professional", "moderator", "editor", "facilitator"])
def test_non_admins_cannot_verify_or_change_roles(client, create_user, login, pending_pro, role,
                                                 database):
    login(create_user(role=role))
    token = csrf_token(client, "/account/")
    assert client.post(f"/admin/users/{pending_pro.id}/verify",
                       data={"csrf_token": token}).status_code == 403
    assert client.post(f"/admin/users/{pending_pro.id}/role",
                       data={"csrf_token": token, "role": "admin"}).status_code == 403
    database.session.refresh(pending_pro)
    assert pending_pro.professional_status == ProfessionalStatus.PENDING
    assert pending_pro.role == Role.PROFESSIONAL


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_admin_verifies_a_professional_who_gets_an_email_and_can_sign_in(
        client, create_user, login, pending_pro, mailbox, database):
    login(create_user(role="admin"))
    page = client.get("/admin/").get_data(as_text=True)
    assert "Camille Durand" in page
    token = csrf_token(client, "/admin/")
    response = client.post(f"/admin/users/{pending_pro.id}/verify", data={"csrf_token": token})
    assert response.status_code == 302
    database.session.refresh(pending_pro)
    assert pending_pro.professional_status == ProfessionalStatus.VERIFIED
    assert [m["To"] for m in mailbox] == ["camille@example.org"]
    client.post("/account/logout", data={"csrf_token": token})
    assert login(pending_pro).status_code == 302


def test_admin_changes_a_role_and_disables_an_account(client, create_user, login, database):
    login(create_user(role="admin"))
    target = create_user(pseudonym="Mod")
    token = csrf_token(client, "/admin/users")
    client.post(f"/admin/users/{target.id}/role", data={"csrf_token": token, "role": "moderator"})
    client.post(f"/admin/users/{target.id}/active", data={"csrf_token": token})
    database.session.refresh(target)
    assert target.role == Role.MODERATOR and not target.is_active_account


def test_user_list_filters_by_text_and_role(client, create_user, login):
    login(create_user(role="admin"))
    create_user(pseudonym="Zoé", role="editor")
    create_user(pseudonym="Yanis")
    page = client.get("/admin/users?q=zo&role=editor").get_data(as_text=True)
    assert "Zoé" in page and "Yanis" not in page
