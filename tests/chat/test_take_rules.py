"""A professional takes only conversations offered to them — their
structure's, or their themes and territory, or everyone's once widened —
and passes one on only to someone who may receive it. Knowing an id is not
enough, and a refused take reveals nothing of the conversation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.chat.models import Conversation, Status
from portal.chat.tasks import widen_waiting
from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import Person
from tests.booking.conftest import make_structure


def _pro(chat_socket, create_user, login, database, *, structure=None, themes=None,
         online=True):
    user = create_user(role="professional", full_name="Camille Martin")
    if structure is not None:
        database.session.add(Person(structure=structure, first_name="Camille", last_name="Martin",
                                    role="Conseillère", channels=["chat"], themes=["emploi"],
                                    user_id=user.id))
        database.session.flush()
    assert login(user).status_code == 302
    sock = chat_socket()
    if online:
        ack = sock.call("presence", {"online": True, "themes": themes or []})
        assert ack["ok"], ack
    return user, sock


def _waiting(database, conv_id) -> Conversation:
    conv = database.session.get(Conversation, conv_id)
    database.session.refresh(conv)
    return conv


def test_a_conversation_routed_to_a_structure_is_taken_only_there(chat_socket, create_user, login,
                                                                  database):
    mine, theirs = make_structure(database.session), make_structure(database.session)
    _, other_pro = _pro(chat_socket, create_user, login, database, structure=theirs)
    _, own_pro = _pro(chat_socket, create_user, login, database, structure=mine)
    visitor = chat_socket()
    conv = visitor.call("start", {"theme": "emploi", "structure_id": mine.id,
                                  "message": "Je cherche une alternance"})
    ack = other_pro.call("take", {"conversation_id": conv["conversation_id"]})
    assert ack["ok"] is False and ack["error"] == "forbidden"
    assert "conversation" not in ack and "alternance" not in str(ack)
    assert _waiting(database, conv["conversation_id"]).status == Status.WAITING
    assert own_pro.call("take", {"conversation_id": conv["conversation_id"]})["ok"]


def test_not_their_theme_until_the_wait_widens_it(chat_socket, create_user, login, database):
    _, housing = _pro(chat_socket, create_user, login, database, themes=["autonomie"])
    _, jobs = _pro(chat_socket, create_user, login, database, themes=["emploi"])
    conv = chat_socket().call("start", {"theme": "logement", "message": "Bonjour"})
    conv_id = conv["conversation_id"]
    assert jobs.call("take", {"conversation_id": conv_id})["error"] == "forbidden"
    stored = _waiting(database, conv_id)
    stored.created_at = utcnow() - timedelta(minutes=4)
    commit()
    assert widen_waiting() == 1
    commit()
    assert jobs.call("take", {"conversation_id": conv_id})["ok"]  # offered to everyone now
    assert housing.call("take", {"conversation_id": conv_id})["error"] == "taken"


def test_out_of_their_territory_is_not_theirs(chat_socket, create_user, login, database):
    far = make_structure(database.session, )
    far.lat, far.lon = 43.30, 5.37  # Marseille
    _, marseille = _pro(chat_socket, create_user, login, database, structure=far)
    marseille.call("presence", {"online": True, "themes": [], "radius_km": 30})
    _, lille = _pro(chat_socket, create_user, login, database,
                    structure=make_structure(database.session))
    conv = chat_socket().call("start", {"theme": "emploi", "commune": "Roubaix"})
    assert marseille.call("take", {"conversation_id": conv["conversation_id"]})["error"] == "forbidden"
    assert lille.call("take", {"conversation_id": conv["conversation_id"]})["ok"]


@pytest.fixture
def taken(chat_socket, create_user, login, database):
    """A conversation taken by a professional, and the socket that took it."""
    user, sock = _pro(chat_socket, create_user, login, database)
    conv = chat_socket().call("start", {"theme": "emploi", "message": "Bonjour"})
    assert sock.call("take", {"conversation_id": conv["conversation_id"]})["ok"]
    return user, sock, conv["conversation_id"]


def test_a_transfer_goes_only_to_a_colleague_who_may_receive_it(
        taken, chat_socket, create_user, login, database):
    _, sock, conv_id = taken
    offline = create_user(role="professional")
    young = create_user(role="young")
    disabled, _ = _pro(chat_socket, create_user, login, database)
    disabled.is_active_account = False
    pending = create_user(role="professional", professional_status="pending")
    for target in (offline, young, disabled, pending):
        ack = sock.call("transfer", {"conversation_id": conv_id, "to_user_id": target.id})
        assert ack["ok"] is False and ack["error"] == "invalid", target
    colleague, _ = _pro(chat_socket, create_user, login, database)
    assert sock.call("transfer", {"conversation_id": conv_id, "to_user_id": colleague.id})["ok"]
    assert _waiting(database, conv_id).assigned_user_id == colleague.id


def test_a_transfer_to_a_structure_needs_one_where_professionals_chat(
        taken, create_user, database):
    _, sock, conv_id = taken
    empty = make_structure(database.session)
    database.session.flush()
    ack = sock.call("transfer", {"conversation_id": conv_id, "to_structure_id": empty.id})
    assert ack["ok"] is False and ack["error"] == "invalid"
    staffed = make_structure(database.session)
    database.session.add(Person(structure=staffed, first_name="A", last_name="B", role="C",
                                user_id=create_user(role="professional").id))
    database.session.flush()
    assert sock.call("transfer", {"conversation_id": conv_id, "to_structure_id": staffed.id})["ok"]
    assert _waiting(database, conv_id).status == Status.WAITING
