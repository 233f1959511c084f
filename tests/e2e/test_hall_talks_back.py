"""The hall talks back, in real browsers: a poll answered on a phone moves the bars on Storskjerm;
twenty phones make a word cloud; a message reaches an open phone without a reload; a secretary's
group point reaches another member's phone and the big screen; a presentation opens from Nå."""

import json
import urllib.request
from datetime import datetime, time

import pytest

from companion import db, group_notes, hall_messages, polls, presentations
from companion.event import load_event
from tests.hall_day import small_day

from .conftest import PINS, ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.e2e
EVENT = load_event(ROOT / "data")
PHONE_FRAME = "iframe[srcdoc*='/api/phone']"
SCREEN_FRAME = "iframe[srcdoc*='/api/poll/results']"
NOTES_FRAME = "iframe[srcdoc*='/api/notes']"


def at(clock: str) -> datetime:
    hour, minute = (int(x) for x in clock.split(":"))
    return datetime.combine(EVENT.date, time(hour, minute), EVENT.tz)


def open_poll(server, kind: str, question: str, options=()) -> polls.Poll:
    with db.connect(server.db_path) as conn:
        poll = polls.create(conn, polls.PollSpec(kind, question, "", tuple(options)), now=at("10:40"), role="organizer")
        polls.set_state(conn, poll.id, "open", now=at("10:40"), role="organizer")
    return poll


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def test_a_phone_answers_a_poll_and_the_bars_move_on_the_big_screen(live_server, phone, projector):
    kari = live_server.add_person(name="Kari Nordmann")
    open_poll(live_server, "single", "Hvor finner fylket kompetansen?", ["Utdanning", "Rekruttering"])
    screen = projector.new_page()
    _open(screen, f"{live_server.url}/screen")
    bars = screen.frame_locator(SCREEN_FRAME)
    bars.get_by_text("Hvor finner fylket kompetansen?").wait_for()
    assert bars.locator(".bar").nth(1).get_attribute("data-count") == "0"

    page = phone.new_page()
    _open(page, f"{live_server.url}/?t={kari.token}")
    card = page.frame_locator(PHONE_FRAME)
    card.get_by_role("radio", name="Rekruttering").check()
    card.get_by_role("button", name="Send svar").click()
    card.get_by_text("Takk! Svaret er lagret.").wait_for()
    screenshot(page, "poll-phone-answered")
    bars.locator(".bar[data-count='1']", has_text="Rekruttering").wait_for(timeout=10_000)
    screenshot(screen, "poll-screen-bars-1920")

    # Changed while open: one answer per person, the bar moves over.
    card.get_by_role("radio", name="Utdanning").check()
    card.get_by_role("button", name="Endre svaret").click()
    card.get_by_text("Svaret er endret.").wait_for()
    bars.locator(".bar[data-count='1']", has_text="Utdanning").wait_for(timeout=10_000)
    assert bars.locator(".bar", has_text="Rekruttering").get_attribute("data-count") == "0"


def test_a_word_cloud_forms_from_twenty_phones(live_server, projector):
    poll = open_poll(live_server, "words", "Ett ord om dagen?")
    words = ["Samarbeid"] * 8 + ["kompetanse og samarbeid"] * 5 + ["Bærekraft!"] * 4 + ["the future", "og", "Tillit"]
    for n, answer in enumerate(words):
        person = live_server.add_person(name=f"Telefon {n}")
        body = json.dumps({"token": person.token, "poll_id": poll.id, "answer": answer}).encode()
        call = urllib.request.Request(
            f"{live_server.url}/api/poll", body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(call, timeout=10) as reply:
            assert reply.status == 200
    screen = projector.new_page()
    _open(screen, f"{live_server.url}/screen")
    cloud = screen.frame_locator(SCREEN_FRAME).locator("#cloud")
    cloud.locator("span", has_text="samarbeid").wait_for(timeout=10_000)
    counts = {s.inner_text(): int(s.get_attribute("data-count")) for s in cloud.locator("span").all()}
    assert counts == {"samarbeid": 13, "kompetanse": 5, "bærekraft": 4, "future": 1, "tillit": 1}
    size = {
        w: float(cloud.locator("span", has_text=w).first.evaluate("e => parseFloat(e.style.fontSize)")) for w in counts
    }
    assert size["samarbeid"] > size["kompetanse"] > size["tillit"]
    screenshot(screen, "poll-screen-word-cloud-1920")


def test_a_message_reaches_an_open_phone_without_a_reload(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann")
    page = phone.new_page()
    _open(page, f"{live_server.url}/?t={kari.token}")
    card = page.frame_locator(PHONE_FRAME)
    card.locator("#banners").wait_for(state="attached")
    page.evaluate("window.__same_page = true")
    with db.connect(live_server.db_path) as conn:
        hall_messages.send(conn, EVENT, "Lunsjen serveres i 2. etasje", now=at("10:45"), role="organizer")
    banner = card.locator(".banner", has_text="Lunsjen serveres i 2. etasje")
    banner.wait_for(timeout=15_000)  # the clock's poll is every 10 s
    assert page.evaluate("window.__same_page") is True, "no reload"
    screenshot(page, "message-phone-banner")
    banner.get_by_role("button", name="Lukk").click()
    banner.wait_for(state="detached")
    card.locator("#messages summary").click()
    card.locator("#messages li", has_text="Lunsjen serveres i 2. etasje").wait_for()


@pytest.mark.parametrize("live_server", ["2019-09-25T11:00"], indirect=True)
def test_a_secretarys_point_reaches_a_member_and_the_organizer_puts_it_on_screen(live_server, browser, projector):
    with db.connect(live_server.db_path) as conn:
        day = small_day(conn, EVENT, at)
        group_notes.name_secretary(conn, EVENT, day["facilitator"].id, day["members"][0].id, now=at("10:50"))
    secretary_phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="nb-NO")
    member_phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="nb-NO")
    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    try:
        member = member_phone.new_page()
        _open(member, f"{live_server.url}/group?t={day['members'][1].token}")
        follow = member.frame_locator(NOTES_FRAME)
        follow.get_by_text("Ingen poeng ennå.").wait_for()

        writer = secretary_phone.new_page()
        _open(writer, f"{live_server.url}/group?t={day['members'][0].token}")
        notes = writer.frame_locator(NOTES_FRAME)
        notes.get_by_label("Nytt poeng").fill("Kompetanse må deles mellom kommunene")
        notes.get_by_role("button", name="Legg til").click()
        notes.locator("#list li", has_text="Kompetanse må deles mellom kommunene").wait_for()
        screenshot(writer, "notes-secretary-phone")

        follow.locator("#list li", has_text="Kompetanse må deles mellom kommunene").wait_for(timeout=10_000)
        assert follow.locator("#write").is_hidden(), "a member reads; only the secretary writes"
        screenshot(member, "notes-member-phone")

        org = laptop.new_page()
        _open(org, f"{live_server.url}/organizer")
        org.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_ORGANIZER_PIN"])
        org.get_by_role("button", name="Logg inn").click()
        org.get_by_role("tab", name="Salen").click()
        org.get_by_text("Kompetanse må deles mellom kommunene").wait_for()
        org.get_by_role("button", name="Gi stjerne").click()
        org.get_by_role("button", name="Fjern stjernen").wait_for()
        org.get_by_role("button", name="Vis på storskjerm").last.click()
        org.get_by_role("button", name="Ta av storskjermen").wait_for()
        screenshot(org, "notes-organizer")

        screen = projector.new_page()
        _open(screen, f"{live_server.url}/screen")
        screen.locator(".scr-note", has_text="Kompetanse må deles mellom kommunene").wait_for(timeout=10_000)
        screenshot(screen, "notes-screen-1920")
    finally:
        for context in (secretary_phone, member_phone, laptop):
            context.close()


def test_a_presentation_opens_from_now_on_a_phone(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann")
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    with db.connect(live_server.db_path) as conn:
        presentations.add_pdf(
            conn, live_server.db_path, EVENT, "09:00", pdf, "Innledning KMD.pdf", now=at("08:00"), role="organizer"
        )
        presentations.add_pdf(
            conn, live_server.db_path, EVENT, "13:30", pdf, "Senere.pdf", now=at("08:00"), role="organizer"
        )
    page = phone.new_page()
    _open(page, f"{live_server.url}/?t={kari.token}")
    card = page.frame_locator(PHONE_FRAME)
    link = card.get_by_role("link", name="Presentasjon (PDF): Innledning KMD")
    link.wait_for()
    assert card.get_by_text("Senere").count() == 0, "not before its item starts"
    screenshot(page, "presentation-phone")
    href = link.get_attribute("href")
    reply = page.request.get(live_server.url + href)
    assert reply.status == 200 and reply.body() == pdf
    assert reply.headers["content-type"] == "application/pdf"
    assert reply.headers["x-content-type-options"] == "nosniff"
    with page.context.expect_page() as opened:
        link.click()
    assert opened.value.url.endswith(href)
