"""The chat's rules, in process: safety, nobody online, e-mail answers,
transcripts, retention, widening, blocking, rate limits."""

from __future__ import annotations

from datetime import timedelta

from portal.chat import indicators
from portal.chat.models import Conversation, Indicator, Message
from portal.chat.tasks import widen_waiting
from portal.core.commit import commit
from portal.core.time import utcnow
from tests.support import csrf_token

NS = "/chat"


def call(client, event, data=None):
    return client.call(event, data)


def _pro_socket(chat_socket, create_user, login, online=True):
    pro = create_user(role="professional", full_name="Camille Martin")
    assert login(pro).status_code == 302
    sock = chat_socket()
    if online:
        ack = call(sock, "presence", {"online": True})
        assert ack["ok"], ack
    return pro, sock


def test_distress_words_show_the_numbers_and_flag_the_conversation_urgent(chat_socket, database):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "logement", "message": "Bonjour"})
    assert "help" not in conv and not conv["urgent"]
    ack = call(visitor, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "d1",
                                 "body": "Mes parents m'ont mis dehors, je dors dehors ce soir"})
    # The right numbers for what was written, as the assistant gives them: shelter first (and
    # 119: parents who put the writer out make the writer a minor, issue 12).
    assert [n["number"] for n in ack["help"]] == ["115", "119", "17", "112"]
    assert database.session.get(Conversation, conv["conversation_id"]).urgent


def test_messages_stay_plain_text(chat_socket):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "emploi"})
    body = '<img src=x onerror=alert(1)> voir https://example.org\u202e\x07'
    call(visitor, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "h", "body": body})
    stored = call(visitor, "resume", {"resume_token": conv["resume_token"]})["messages"][0]["body"]
    assert stored == "<img src=x onerror=alert(1)> voir https://example.org"  # text, never HTML


def test_nobody_online_the_answer_is_mailed_and_waits_for_the_link(
        chat_socket, create_user, login, mailbox, app):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "logement", "message": "Il y a quelqu'un ?"})
    assert conv["nobody_online"] is True
    assert call(visitor, "contact", {"conversation_id": conv["conversation_id"],
                                     "email": "lea@example.org"})["ok"]
    _, pro = _pro_socket(chat_socket, create_user, login)
    queue = call(pro, "queue")["queue"]
    assert [q["conversation_id"] for q in queue] == [conv["conversation_id"]]
    assert call(pro, "take", {"conversation_id": conv["conversation_id"]})["ok"]
    assert call(pro, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "p1",
                              "body": "Bonjour, voici une piste."})["ok"]
    assert len(mailbox) == 1 and mailbox[0]["To"] == "lea@example.org"
    text = mailbox[0].get_content()
    assert "voici une piste" in text
    link = text.split("#resume=")[1].split()[0]
    back = chat_socket()
    resumed = call(back, "resume", {"resume_token": link})
    assert resumed["ok"] and resumed["messages"][-1]["body"] == "Bonjour, voici une piste."


def test_a_conversation_waiting_three_minutes_is_offered_to_everyone(
        chat_socket, create_user, login, database):
    visitor = chat_socket()
    _, housing = _pro_socket(chat_socket, create_user, login)
    call(housing, "presence", {"online": True, "themes": ["autonomie"]})
    _, pro = _pro_socket(chat_socket, create_user, login)
    call(pro, "presence", {"online": True, "themes": ["emploi"]})
    conv = call(visitor, "start", {"theme": "logement"})
    assert [q["conversation_id"] for q in call(housing, "queue")["queue"]] == [conv["conversation_id"]]
    assert call(pro, "queue")["queue"] == []  # not their theme
    stored = database.session.get(Conversation, conv["conversation_id"])
    stored.created_at = utcnow() - timedelta(minutes=4)
    commit()
    assert widen_waiting() == 1
    commit()
    assert [q["conversation_id"] for q in call(pro, "queue")["queue"]] == [conv["conversation_id"]]


def test_a_blocked_visitor_can_neither_resume_nor_start_again(chat_socket, create_user, login):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "logement", "message": "insultes"})
    _, pro = _pro_socket(chat_socket, create_user, login)
    assert call(pro, "take", {"conversation_id": conv["conversation_id"]})["ok"]
    assert call(pro, "block", {"conversation_id": conv["conversation_id"]})["ok"]
    again = chat_socket()
    assert call(again, "resume", {"resume_token": conv["resume_token"]})["error"] == "blocked"
    assert call(again, "start", {"theme": "logement"})["error"] == "blocked"
    assert call(visitor, "send", {"conversation_id": conv["conversation_id"], "client_msg_id": "z",
                                  "body": "encore"})["error"] == "blocked"


def test_messages_are_rate_limited_per_conversation(chat_socket, monkeypatch, app):
    monkeypatch.setitem(app.config, "CHAT_CONVERSATION_MESSAGE_LIMIT", "3 per minute")
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "emploi"})
    acks = [call(visitor, "send", {"conversation_id": conv["conversation_id"],
                                   "client_msg_id": f"r{i}", "body": "vite"}) for i in range(4)]
    assert [a["ok"] for a in acks] == [True, True, True, False]
    assert acks[-1]["error"] == "rate_limited"


def test_close_rate_transcript_and_indicator(chat_socket, client, database):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "logement", "commune": "Roubaix", "age_range": "15-17",
                                   "pseudonym": "Léa", "message": "Bonjour"})
    assert call(visitor, "close", {"conversation_id": conv["conversation_id"]})["ok"]
    assert call(visitor, "rate", {"conversation_id": conv["conversation_id"], "rating": 4,
                                  "word": "utile"})["ok"]
    indicator = database.session.query(Indicator).one()
    assert (indicator.theme, indicator.rating, indicator.age_range) == ("logement", 4, "15-17")
    token = csrf_token(client, "/chat/")
    response = client.post("/chat/transcript", data={"csrf_token": token,
                                                      "resume_token": conv["resume_token"]})
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert "Léa: Bonjour" in response.get_data(as_text=True)


def test_old_transcripts_are_deleted_and_indicators_kept(chat_socket, database):
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "emploi", "message": "Bonjour"})
    call(visitor, "close", {"conversation_id": conv["conversation_id"]})
    stored = database.session.get(Conversation, conv["conversation_id"])
    stored.closed_at = utcnow() - timedelta(days=400)
    commit()
    assert indicators.purge_expired() == 1
    commit()
    assert database.session.get(Conversation, conv["conversation_id"]) is None
    assert database.session.query(Message).count() == 0
    assert database.session.query(Indicator).one().conversation_id is None


def test_the_chat_page_takes_the_assistants_question(client):
    page = client.get("/chat/?theme=logement&question=O%C3%B9%20dormir%20%3F",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Chat with a professional" in page
    assert "Où dormir ?</textarea>" in page
    assert '<option value="logement" selected>' in page


def test_send_keeps_the_conversation_up_to_date_and_answers_retries_once_closed(
        chat_socket, create_user, login, database):
    """``send`` stores in plain statements (portal/chat/sending.py: one on
    PostgreSQL, steps on SQLite): the same rules as the ORM path of ``post_message``."""
    visitor = chat_socket()
    conv = call(visitor, "start", {"theme": "logement"})
    conv_id = conv["conversation_id"]
    _, pro = _pro_socket(chat_socket, create_user, login)
    assert call(pro, "take", {"conversation_id": conv_id})["ok"]
    first = call(visitor, "send", {"conversation_id": conv_id, "client_msg_id": "v1", "body": " Bonjour \x07"})
    answer = call(pro, "send", {"conversation_id": conv_id, "client_msg_id": "p1", "body": "Bonjour !"})
    assert first["ok"] and answer["ok"] and answer["id"] > first["id"]
    stored = database.session.get(Conversation, conv_id, populate_existing=True)
    assert stored.first_message == "Bonjour" and stored.first_answer_at is not None
    assert database.session.get(Message, first["id"]).body == "Bonjour"
    assert call(visitor, "send", {"conversation_id": conv_id, "client_msg_id": "v2", "body": " "})["error"] == "empty"
    assert call(visitor, "close", {"conversation_id": conv_id})["ok"]
    again = call(visitor, "send", {"conversation_id": conv_id, "client_msg_id": "v1", "body": "Bonjour"})
    assert again["ok"] and again["id"] == first["id"] and again["duplicate"]
    late = call(pro, "send", {"conversation_id": conv_id, "client_msg_id": "p2", "body": "Encore là ?"})
    assert late["error"] == "closed"
