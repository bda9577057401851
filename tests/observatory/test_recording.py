"""What the domains record, through their real pages: a guide journey from
the search to a message sent, the assistant's questions — anonymous events
only, the journey counted once per step and then dropped."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.core.time import local_today
from portal.observatory import operations
from portal.observatory.models import Event, Fact
from tests.support import csrf_token


def _events(database, kind):
    return database.session.scalars(sa.select(Event).where(Event.kind == kind)).all()


def test_a_guide_journey_from_search_to_message_is_counted_step_by_step(
        client, database, create_structure, create_person, mailbox):
    structure = create_structure("Point Information Jeunesse de Roubaix", commune="59512",
                                 themes=["emploi"])
    person = create_person(structure, email="pro@example.org")
    page = client.get("/guide/?q=information+jeunesse&near=Roubaix").get_data(as_text=True)
    [search] = _events(database, "guide_search")
    assert search.commune == "59512" and search.flag is False and search.value >= 1
    # The results carry the journey; the person's page and its form keep it.
    link = re.search(rf'href="(/guide/persons/{person.id}[^"]*)"', page)
    if link is None:  # the hit may be the structure: its person is one click further
        link = re.search(r'href="(/guide/structures/[^"]*\?j=[^"]+)"', page)
    assert link and f"j={search.journey}" in link.group(1).replace("&amp;", "&")
    person_page = client.get(f"/guide/persons/{person.id}?j={search.journey}").get_data(as_text=True)
    assert f'name="j" value="{search.journey}"' in person_page
    token = csrf_token(client, "/account/login")
    sent = client.post(f"/guide/persons/{person.id}/contact", data={
        "csrf_token": token, "name": "Yanis", "email": "yanis@example.net", "j": search.journey,
        "body": "Bonjour, je cherche un job étudiant pour cet été."})
    assert sent.status_code == 302 and len(mailbox) == 1
    assert [e.journey for e in _events(database, "contact_sent")] == [search.journey]

    # Nothing on the events could say who: no text, no address, no account.
    columns = {c.name for c in Event.__table__.columns}
    assert not columns & {"user_id", "ip", "ip_hash", "text", "body", "email", "session"}

    day = local_today() - timedelta(days=1)
    database.session.execute(sa.update(Event).values(day=day))
    operations.aggregate_day(day)
    steps = dict(database.session.execute(sa.select(Fact.channel, sa.func.sum(Fact.count))
                                          .where(Fact.kind == "journey").group_by(Fact.channel)).all())
    assert steps == {"guide_search": 1, "entry_viewed": 1, "contact_shown": 1, "contact_sent": 1}
    assert database.session.scalar(sa.select(sa.func.count()).where(Event.journey.is_not(None))) == 0


def test_a_search_that_finds_nothing_is_an_unmet_need(client, database, fresh_index):
    client.get("/guide/?q=xyzzy+plongee+sous-marine&near=Tourcoing")
    [search] = _events(database, "guide_search")
    assert search.flag is True and search.value == 0 and search.commune == "59599"


def test_an_assistant_question_is_counted_without_its_words(client, database):
    token = csrf_token(client, "/assistant/")
    client.post("/assistant/", data={"csrf_token": token, "question": "comment faire une demande d'APL"})
    [asked] = _events(database, "assistant_question")
    values = [asked.theme, asked.subtheme, asked.commune, asked.channel]
    assert not any(v and "apl" in v.lower() for v in values)
