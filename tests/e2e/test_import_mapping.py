"""The organizer's import in a real browser: upload an export, see the proposal and the preview,
change a column, import."""

import pytest

from companion import db, people

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
LAPTOP = {"width": 1366, "height": 768}
CSV = "Navn;Fullt navn;E-post;Tema\nKN;Kari Nordmann;kari@nfk.no;Tema 1\nOH;Ola Hansen;ola@nfk.no;2\n"


def grid_text(page) -> str:
    """The preview's cells as the data grid exposes them to screen readers."""
    return page.evaluate("() => document.querySelector('[data-testid=stDataFrame] table')?.textContent || ''")


def choose(page, label: str, option: str) -> None:
    """Pick an option the way a keyboard user does: open the list, type, Enter."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.wait_for_function(
        '([label, option]) => document.querySelector(`input[aria-label="${label}"]`)?.value === option',
        arg=[label, option],
        timeout=10_000,
    )
    wait_for_app(page)


def test_upload_preview_change_a_column_and_import(browser, live_server, tmp_path):
    source = tmp_path / "paamelding.csv"
    source.write_text(CSV, encoding="utf-8")
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    page = context.new_page()
    page.goto(live_server.url + "/organizer")
    wait_for_app(page)
    page.get_by_label("PIN-kode for ansatte").fill("975310")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("tab", name="Deltakere").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
    page.get_by_text("Kolonne 2: «Fullt navn»").wait_for(timeout=20_000)
    page.get_by_text("Slik blir de første radene importert").wait_for()
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('[data-testid=stDataFrame] table')", timeout=20_000)
    assert "KN" in grid_text(page) and "Kari Nordmann" not in grid_text(page)

    choose(page, "Kolonne 2: «Fullt navn»", "Navn")
    choose(page, "Kolonne 1: «Navn»", "Ikke bruk")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stDataFrame] table')?.textContent.includes('Kari Nordmann')",
        timeout=20_000,
    )
    screenshot(page, "organizer-import-mapping-laptop")
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_text("Lagt til: 2").wait_for(timeout=20_000)
    context.close()

    with db.connect(live_server.db_path) as conn:
        assert [p.name for p in people.all_participants(conn)] == ["Kari Nordmann", "Ola Hansen"]
