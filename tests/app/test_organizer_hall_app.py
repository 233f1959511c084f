"""The organizer's hand on the hall: a PDF uploaded on the Dagen tab, a message sent and withdrawn
and a poll made and opened on the Salen tab; each lands in the database and the audit trail."""

from companion import audit, db, hall_messages, polls, presentations

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def signed_in(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    return at


def test_a_pdf_uploaded_on_the_dagen_tab_is_stored_and_a_text_file_is_refused(runner):
    at = signed_in(runner)
    at.toggle(key="pres_open").set_value(True).run()
    box = next(b for b in at.selectbox if b.label == "Programpost")
    box.set_value("09:00")
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("notat.pdf", b"hei, ikke en pdf", "application/pdf"))
    at.button(key="FormSubmitter:presentation-Lagre presentasjonen").click().run()
    assert not at.exception
    assert any("Fila er ikke en PDF." in e.value for e in at.error)
    next(b for b in at.selectbox if b.label == "Programpost").set_value("09:00")  # the form was cleared
    at.get("file_uploader")[0].set_value(("Innledning.pdf", PDF, "application/pdf"))
    at.button(key="FormSubmitter:presentation-Lagre presentasjonen").click().run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        [stored] = presentations.all_presentations(conn)
        assert (stored.slot, stored.title) == ("09:00", "Innledning")
        assert presentations.pdf_path(runner.db_path, stored.id).read_bytes() == PDF
        assert audit.trail(conn)[0]["action"] == "presentation.add"


def test_a_message_is_sent_and_withdrawn_and_a_poll_made_and_opened_on_the_salen_tab(runner):
    at = signed_in(runner)
    at.text_input(key="msg_text").input("Lunsjen serveres i 2. etasje")
    at.button(key="FormSubmitter:hall_message-Send").click().run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        [sent] = hall_messages.all_messages(conn)
    assert sent.text == "Lunsjen serveres i 2. etasje" and sent.scope == "all"
    at.button(key=f"msg_withdraw_{sent.id}").click().run()
    with db.connect(runner.db_path) as conn:
        assert hall_messages.all_messages(conn)[0].withdrawn

    question = next(b for b in at.text_input if b.label == "Spørsmål (norsk)")
    question.input("Hvor nyttig er dagen?")
    next(r for r in at.radio if r.label == "Type").set_value("scale")
    at.button(key="FormSubmitter:new_poll-Lag avstemningen").click().run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        [poll] = polls.all_polls(conn)
    assert poll.kind == "scale"
    at.button(key=f"poll_open_{poll.id}").click().run()
    with db.connect(runner.db_path) as conn:
        assert polls.open_poll(conn).id == poll.id and polls.shown_poll(conn).id == poll.id


def test_a_choice_poll_is_made_with_its_choices_in_english_or_refused_when_they_do_not_match(runner):
    at = signed_in(runner)
    next(b for b in at.text_input if b.label == "Spørsmål (norsk)").input("Buss eller tog?")
    next(r for r in at.radio if r.label == "Type").set_value("single")
    next(a for a in at.text_area if a.label == "Valg, ett per linje").input("Buss\nTog")
    english = next(a for a in at.text_area if a.label.startswith("Valgene på engelsk"))
    english.input("Bus")
    at.button(key="FormSubmitter:new_poll-Lag avstemningen").click().run()
    assert not at.exception
    assert any("like mange engelske valg som norske" in e.value for e in at.error)
    with db.connect(runner.db_path) as conn:
        assert polls.all_polls(conn) == []

    next(b for b in at.text_input if b.label == "Spørsmål (norsk)").input("Buss eller tog?")
    next(r for r in at.radio if r.label == "Type").set_value("single")
    next(a for a in at.text_area if a.label == "Valg, ett per linje").input("Buss\nTog")
    next(a for a in at.text_area if a.label.startswith("Valgene på engelsk")).input("Bus\nTrain")
    at.button(key="FormSubmitter:new_poll-Lag avstemningen").click().run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        [poll] = polls.all_polls(conn)
    assert poll.labels("en") == ("Bus", "Train") and poll.labels("nb") == ("Buss", "Tog")
