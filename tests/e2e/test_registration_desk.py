"""The desk in a real browser: Chromium's fake camera shows a participant's QR code."""

import re
import time

import pytest

from companion.people import personal_url
from companion.qr import decode_qr
from tests.photos import photo_of, y4m_of

from .conftest import CHROMIUM_FLAGS, PINS, chromium_path, screenshot, wait_for_app

pytestmark = pytest.mark.e2e
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def camera_showing(browser, tmp_path):
    """camera_showing(jpeg) -> a browser context whose webcam films that still image.

    The fake-camera flags apply to a whole browser, so this launches its own Chromium."""
    launched = []

    def make(jpeg: bytes):
        clip = y4m_of(jpeg, tmp_path / "camera.y4m", width=640, height=480, frames=10)
        flags = [
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={clip}",
        ]
        chromium = browser.browser_type.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS + flags, headless=True
        )
        launched.append(chromium)
        context = chromium.new_context(viewport=LAPTOP, locale="nb-NO")
        context.grant_permissions(["camera"])
        return context

    yield make
    for chromium in launched:
        chromium.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def sign_in(page, pin: str) -> None:
    page.get_by_label("PIN-kode for ansatte").fill(pin)
    page.get_by_role("button", name="Logg inn").click()


def take_photo(page, timeout_s: float = 30.0) -> None:
    """Open the photo fallback if it is closed, wait for the webcam's picture, then take one.

    After "Fjern bildet" the page reruns and the webcam starts again: until both are done the
    button is stale (inert) or hidden, and a click then would wait on an element that is gone."""
    wait_for_app(page)
    fallback = page.locator("details", has_text="Ta bilde i stedet")
    button = page.get_by_role("button", name="Ta bilde", exact=True)  # Streamlit's "Take Photo" (ui/a11y.py)
    deadline = time.monotonic() + timeout_s
    while not button.is_visible():
        assert time.monotonic() < deadline, "the photo fallback never showed its button"
        if fallback.count() and fallback.first.get_attribute("open") is None:
            fallback.first.locator("summary").click()
        page.wait_for_timeout(250)
    page.wait_for_function(
        "() => { const v = document.querySelector('video'); return v && v.readyState >= 2 && v.videoWidth > 0; }",
        timeout=20_000,
    )
    wait_for_app(page)
    button.click()


@pytest.mark.parametrize("live_server", ["2019-09-25T08:42:00"], indirect=True)
def test_camera_photo_checks_in_green_then_orange_with_the_time(live_server, camera_showing):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland")
    per = live_server.add_person(name="Per Hansen", county="Troms")
    photo = photo_of(personal_url(live_server.url, kari.token), size=(640, 480), qr_fraction=0.6, angle=4, seed=3)
    context = camera_showing(photo)
    # The photo path is the fallback: the live camera is switched off on this desk (its switch is remembered).
    context.add_init_script("localStorage.setItem('verksted.desk.prefs', JSON.stringify({camera: false, sound: true}))")
    page = context.new_page()
    open_page(page, live_server.url + "/desk")
    sign_in(page, PINS["COMPANION_DESK_PIN"])

    take_photo(page)
    green = page.locator(".desk-green")
    green.wait_for(timeout=20_000)
    assert "Kari Nordmann" in green.inner_text() and "Sjekket inn" in green.inner_text()
    screenshot(page, "desk-laptop-green")

    page.get_by_role("button", name="Fjern bildet").click()
    take_photo(page)
    orange = page.locator(".desk-orange")
    orange.wait_for(timeout=20_000)
    assert re.search(r"Allerede sjekket inn kl\. 08:4\d \(desk 1\)", orange.inner_text())
    screenshot(page, "desk-laptop-orange")

    # A USB scanner types into whatever has focus: the scanner field gets it back once the photo
    # widget's button is gone (focus fell to the page), without a click.
    page.get_by_role("button", name="Fjern bildet").click()
    frame = next(f for f in page.frames if f.evaluate("() => !!window.deskScanner"))
    frame.wait_for_function("() => document.activeElement && document.activeElement.id === 'scan'", timeout=10_000)
    page.keyboard.type(personal_url(live_server.url, per.token) + "\n")
    frame.locator("#result.desk-green", has_text="Per Hansen").wait_for(timeout=20_000)


@pytest.mark.parametrize("live_server", ["2019-09-25T08:35:00"], indirect=True)
def test_min_billett_on_a_phone_shows_a_qr_that_reads_back_as_the_link(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland")
    page = phone.new_page()
    open_page(page, f"{live_server.url}/ticket?t={kari.token}")
    page.get_by_text(kari.code, exact=True).first.wait_for()
    page.locator("[data-testid=stImage] img").first.wait_for()
    path = screenshot(page, "ticket-phone")
    # What the desk camera would see of this phone screen: one readable code with the personal link.
    assert decode_qr(page.screenshot()) == personal_url(live_server.url, kari.token)
    assert path.exists()
