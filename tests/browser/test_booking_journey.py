"""Issue 7's must-hold: a young person finds a professional in the guide and
books a slot; the e-mail with its .ics reaches a real SMTP server; they cancel
from the link in it; the professional's agenda shows the booking, then the
cancellation."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.support import new_context

pytestmark = pytest.mark.browser


def _calendar(message) -> Calendar:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True))


def _wait_for(mailbox, predicate, page):
    for _ in range(100):
        found = [m for m in mailbox if predicate(m)]
        if found:
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"no such mail among {[m['Subject'] for m in mailbox]}")


def test_book_from_the_guide_then_cancel_from_the_e_mail(live_server, browser, mailbox):
    professional = new_context(browser, "en-GB").new_page()
    young = new_context(browser, "en-GB").new_page()
    for page in (professional, young):
        page.set_default_timeout(10_000)

    # The demo professional signs in and finds their own name in the guide.
    professional.goto(live_server + "/account/login")
    professional.get_by_label("Pseudonym or e-mail address").fill("pro-insertion")
    professional.get_by_label("Password").fill("passerelle-demo")
    professional.get_by_role("button", name="Sign in").click()
    professional.goto(live_server + "/guide/my-entry")
    name = re.search(r"You appear in the guide as (.+?), at",
                     professional.locator("main").inner_text()).group(1)

    # A young person searches the guide for them and books the first free slot.
    young.goto(live_server + "/guide/")
    young.get_by_label("What are you looking for?").fill(name)
    young.get_by_role("main").get_by_role("button", name="Search").first.click()
    young.get_by_role("link", name=name).first.click()
    young.get_by_role("link", name="Book an appointment").click()
    expect(young.get_by_role("heading", level=1)).to_contain_text("Book an appointment with")
    young.locator("a.slot").first.click()
    young.get_by_label("Your first name or a pseudonym").fill("Yanis")
    young.get_by_label("Your e-mail address").fill("yanis.booking@example.net")
    young.get_by_role("button", name="Book this appointment").click()
    expect(young.get_by_role("heading", name="Your appointment is booked")).to_be_visible()

    # The confirmation and its calendar file reached the SMTP server.
    confirmation = _wait_for(mailbox, lambda m: m["To"] == "yanis.booking@example.net", young)[0]
    calendar = _calendar(confirmation)
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "REQUEST" and event["SEQUENCE"] == 0
    uid = str(event["UID"])
    link = re.search(r"http://\S+/appointments/manage/\S+",
                     confirmation.get_body(("plain",)).get_content()).group(0)

    # The professional's agenda, on the week of the appointment, shows it.
    day = event.decoded("DTSTART").date().isoformat()
    professional.goto(f"{live_server}/appointments/agenda?view=week&date={day}")
    item = professional.locator(".agenda-item", has_text="Yanis")
    expect(item).to_contain_text("Booked")

    # The young person cancels from the link in the e-mail.
    young.goto(link)
    young.get_by_role("button", name="Cancel the appointment").click()
    expect(young.locator(".appointment-status")).to_contain_text("Cancelled")
    cancellation = _wait_for(
        mailbox, lambda m: m["To"] == "yanis.booking@example.net" and "cancelled" in m["Subject"],
        young)[0]
    cancelled = _calendar(cancellation)
    assert cancelled["METHOD"] == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["UID"]) == uid
    assert cancelled.walk("VEVENT")[0]["SEQUENCE"] == 1

    # …and the agenda shows that step too.
    professional.reload()
    expect(item).to_contain_text("Cancelled")
    expect(item).to_contain_text("by the young person")
    professional.context.close()
    young.context.close()
