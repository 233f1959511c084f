"""Min gruppe's group points: the facilitator names a secretary on the page; a member does not see
the chooser; the points' iframe is there for both."""

from companion import db, group_notes
from tests.hall_day import small_day

PAGE = "pages/group.py"


def test_the_facilitator_names_a_secretary_and_a_member_sees_no_chooser(runner, event, at):
    with db.connect(runner.db_path) as conn:
        day = small_day(conn, event, at)
    member = day["members"][0]
    page = runner.app(PAGE, t=day["facilitator"].token).run()
    assert not page.exception
    assert any("/api/notes" in (f.proto.srcdoc or "") for f in page.get("iframe"))
    chooser = next(b for b in page.selectbox if b.label == "Hvem skriver gruppens poeng?")
    chooser.set_value(member.id)
    page.button(key="FormSubmitter:secretary_" + str(day["number"]) + "-Lagre").click().run()
    assert not page.exception
    with db.connect(runner.db_path) as conn:
        assert group_notes.secretary(conn, day["number"]) == member.id

    other = runner.app(PAGE, t=day["members"][1].token).run()
    assert not other.exception
    assert not [b for b in other.selectbox if b.label == "Hvem skriver gruppens poeng?"]
