"""Every UI string, in Norwegian bokmål and English. Pages call t(key, lang, **values).

Error codes from the domain are translated here too (error_text), never by parsing messages.
"""

LANGS = ("nb", "en")
DEFAULT_LANG = "nb"

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- frame and navigation
    "app.title": ("Verkstedet", "Verkstedet"),
    "nav.now": ("Nå", "Now"),
    "nav.group": ("Min gruppe", "My group"),
    "nav.questions": ("Spørsmål", "Questions"),
    "nav.ticket": ("Min billett", "My ticket"),
    "nav.desk": ("Registrering", "Registration"),
    "nav.moderator": ("Moderator", "Moderator"),
    "nav.organizer": ("Arrangør", "Organizer"),
    "nav.screen": ("Storskjerm", "Big screen"),
    "lang.switch": ("English", "Norsk"),
    "lang.label": ("Språk", "Language"),
    "rehearsal.banner": (
        "Øvingsmodus: klokken viser {time} på arrangementsdagen. Dette er ikke direkte.",
        "Rehearsal mode: the clock shows {time} on the event day. This is not live.",
    ),
    "startup.failed": ("Appen kan ikke starte: {message}", "The app cannot start: {message}"),
    # --- the Nå screen
    "now.heading": ("Nå", "Now"),
    "now.clock_label": ("Klokken er", "The time is"),
    "now.current": ("Nå: {title}", "Now: {title}"),
    "now.span": ("{start}–{end}", "{start}–{end}"),
    "now.span_spoken": ("fra klokken {start} til {end}", "from {start} to {end}"),
    "now.next": ("Neste: {title} kl. {start}", "Next: {title} at {start}"),
    "now.starts_in": ("om", "in"),
    "now.ends_in": ("slutter om", "ends in"),
    "now.before": ("Registreringen åpner {start}", "Registration opens at {start}"),
    "now.between": ("Pause i programmet", "A gap in the programme"),
    "now.after_heading": ("Takk for i dag!", "Thank you for today!"),
    "now.after_body": ("Dagen er over.", "The day is over."),
    "now.delay": (
        "Programmet er forsinket med {minutes} min. Tidene under er oppdatert.",
        "The programme is running {minutes} min late. The times below are updated.",
    ),
    "now.ahead": (
        "Programmet ligger {minutes} min foran. Tidene under er oppdatert.",
        "The programme is running {minutes} min ahead. The times below are updated.",
    ),
    "now.programme": ("Program {date}", "Programme {date}"),
    "now.passed": ("ferdig", "done"),
    "now.running": ("pågår nå", "on now"),
    "now.themes": ("Dagens tema", "Today's themes"),
    "now.cross_cutting": ("Gjennomgående tema: {text}", "Running through the day: {text}"),
    "now.where": ("{venue}. Spørsmål: {contact}", "{venue}. Questions: {contact}"),
    # --- staff login
    "staff.pin_label": ("PIN-kode for ansatte", "Staff PIN"),
    "staff.pin_button": ("Logg inn", "Sign in"),
    "staff.pin_prompt": ("Denne siden er for {role}. Skriv inn PIN-koden.", "This page is for {role}. Enter the PIN."),
    "staff.logout": ("Logg ut", "Sign out"),
    "staff.signed_in": ("Innlogget som {role}", "Signed in as {role}"),
    "staff.wrong_role": (
        "Du er logget inn som {role}; denne siden krever {needed}.",
        "You are signed in as {role}; this page needs {needed}.",
    ),
    "role.desk": ("registrering", "registration desk"),
    "role.moderator": ("moderator", "moderator"),
    "role.organizer": ("arrangør", "organizer"),
    # --- organizer (foundation part)
    "org.delay_heading": ("Forsinkelse", "Delay"),
    "org.delay_label": ("Resten av programmet er forsinket med (minutter)", "The rest of the programme runs late by (minutes)"),
    "org.delay_button": ("Oppdater programmet", "Update the programme"),
    "org.delay_done": ("Resten av programmet er nå {minutes} min forsinket.", "The rest of the programme now runs {minutes} min late."),
    "org.tab_day": ("Dagen", "The day"),
    # --- tickets, import and check-in

    # --- groups and rooms

    # --- questions and the big screen
    "q.heading": ("Spørsmål til panelet", "Questions for the panel"),
    "q.intro": (
        "Panelsamtalen kl. {start} tar spørsmål fra salen. Still et spørsmål, eller stem fram dem du vil høre svar på.",
        "The panel at {start} takes questions from the hall. Ask one, or vote for those you want answered.",
    ),
    "q.need_link": (
        "Åpne den personlige lenken din (fra e-posten eller QR-koden på billetten) for å stille og stemme på spørsmål.",
        "Open your personal link (from the e-mail or the QR code on your ticket) to ask and vote.",
    ),
    "q.bad_link": (
        "Lenken er ikke gyldig. Bruk lenken fra e-posten, eller spør i registreringen.",
        "This link is not valid. Use the link from the e-mail, or ask at the registration desk.",
    ),
    "q.ask_heading": ("Still et spørsmål", "Ask a question"),
    "q.ask_label": ("Spørsmålet ditt (høyst {max} tegn)", "Your question (at most {max} characters)"),
    "q.theme_label": ("Gjelder", "About"),
    "q.theme_general": ("Generelt", "General"),
    "q.theme_n": ("Tema {n}", "Theme {n}"),
    "q.show_name": ("Vis navnet mitt og fylket", "Show my name and county"),
    "q.show_name_help": ("Ellers er spørsmålet anonymt, også for moderator.", "Otherwise the question is anonymous, to the moderator too."),
    "q.send": ("Send spørsmålet", "Send the question"),
    "q.sent_pending": ("Takk! Spørsmålet venter på godkjenning fra moderator.", "Thank you! Your question is waiting for the moderator."),
    "q.sent_published": ("Takk! Spørsmålet er publisert.", "Thank you! Your question is published."),
    "q.closed_before": ("Spørsmål åpner kl. {time}.", "Questions open at {time}."),
    "q.closed_after": ("Spørsmålsrunden er over for i dag. Takk for alle spørsmålene!", "Questions are closed for today. Thank you for all of them!"),
    "q.closed_organizer": (
        "Arrangøren har stengt for nye spørsmål akkurat nå. Denne siden viser skjemaet igjen når det åpner.",
        "The organizer has closed questions for now. This page shows the form again when they open.",
    ),
    "q.list_heading": ("Spørsmål fra salen ({n})", "Questions from the hall ({n})"),
    "q.sort_label": ("Sorter", "Sort"),
    "q.sort_votes": ("Mest populære", "Most popular"),
    "q.sort_newest": ("Nyeste", "Newest"),
    "q.new_one": ("1 nytt spørsmål – vis", "1 new question – show"),
    "q.new_many": ("{n} nye spørsmål – vis", "{n} new questions – show"),
    "q.none_yet": ("Ingen spørsmål er publisert ennå.", "No questions are published yet."),
    "q.vote": ("👍 Stem", "👍 Vote"),
    "q.voted": ("✓ Stemt", "✓ Voted"),
    "q.vote_help": ("Trykk igjen for å ta tilbake stemmen.", "Tap again to take your vote back."),
    "q.votes_one": ("1 stemme", "1 vote"),
    "q.votes_many": ("{n} stemmer", "{n} votes"),
    "q.yours": ("Ditt spørsmål", "Your question"),
    "q.anonymous": ("Anonym", "Anonymous"),
    "q.mine_heading": ("Mine spørsmål ({n})", "My questions ({n})"),
    "q.answered_heading": ("Besvart ({n})", "Answered ({n})"),
    "q.merged_note": ("slått sammen med et likt spørsmål", "merged with a similar question"),
    "q.status.pending": ("Venter på godkjenning", "Waiting for review"),
    "q.status.published": ("Publisert", "Published"),
    "q.status.on_screen": ("På skjermen nå", "On the screen now"),
    "q.status.answered": ("Besvart", "Answered"),
    "q.status.hidden": ("Vises ikke", "Not shown"),
    "q.status.merged": ("Slått sammen", "Merged"),
    "mod.heading": ("Spørsmål til panelet", "Questions for the panel"),
    "mod.premoderation": ("Forhåndsmoderering", "Pre-moderation"),
    "mod.premoderation_help": ("Nye spørsmål venter på godkjenning før salen ser dem.", "New questions wait for approval before the hall sees them."),
    "mod.open": ("Spørsmål er åpne til {time}.", "Questions are open until {time}."),
    "mod.closed": ("Spørsmål er stengt for salen.", "Questions are closed to the hall."),
    "mod.counts": (
        "Venter: {pending} · Publisert: {published} · Besvart: {answered} · Skjult: {hidden}",
        "Waiting: {pending} · Published: {published} · Answered: {answered} · Hidden: {hidden}",
    ),
    "mod.filters": ("Filter og sortering", "Filters and sorting"),
    "mod.f_status": ("Status", "Status"),
    "mod.f_theme": ("Tema", "Theme"),
    "mod.f_all": ("Alle", "All"),
    "mod.f_county": ("Fylke (der navnet er vist)", "County (where shown)"),
    "mod.f_text": ("Søk i teksten", "Search the text"),
    "mod.f_min_votes": ("Minst antall stemmer", "At least this many votes"),
    "mod.f_from": ("Stilt fra kl.", "Asked from"),
    "mod.f_to": ("Stilt til kl.", "Asked until"),
    "mod.f_starred": ("Bare stjernemerkede", "Starred only"),
    "mod.sort": ("Sorter", "Sort"),
    "mod.sort_votes": ("Stemmer", "Votes"),
    "mod.sort_newest": ("Nyeste", "Newest"),
    "mod.sort_oldest": ("Eldste", "Oldest"),
    "mod.budget_left": ("Igjen av panelet", "Left of the panel"),
    "mod.budget_minutes": ("{m} min", "{m} min"),
    "mod.budget_starred": ("Stjernemerkede igjen", "Starred left"),
    "mod.budget_per": ("≈ {m} min per spørsmål", "≈ {m} min per question"),
    "mod.budget_before": ("Panelet starter {start}", "The panel starts at {start}"),
    "mod.budget_after": ("Panelet er over", "The panel is over"),
    "mod.on_screen": ("På skjermen", "On the screen"),
    "mod.nothing_on_screen": ("Ingen spørsmål på skjermen. Storskjermen viser QR-koden.", "No question on the screen. The big screen shows the QR code."),
    "mod.clear_screen": ("Ta av skjermen", "Take off the screen"),
    "mod.queue": ("Kø ({n})", "Queue ({n})"),
    "mod.queue_empty": ("Stjernemerk spørsmål for å sette dem i kø.", "Star questions to queue them."),
    "mod.list": ("{n} spørsmål", "{n} questions"),
    "mod.more": ("Viser {shown} av {total}. Snevre inn med filter.", "Showing {shown} of {total}. Narrow down with the filters."),
    "mod.similar": ("{n} like spørsmål", "{n} similar questions"),
    "mod.merge": ("Slå sammen til #{id}", "Merge into #{id}"),
    "mod.merged": ("Slått sammen til #{id}.", "Merged into #{id}."),
    "mod.approve": ("Godkjenn", "Approve"),
    "mod.hide": ("Skjul", "Hide"),
    "mod.edit": ("Rett", "Edit"),
    "mod.save": ("Lagre", "Save"),
    "mod.cancel": ("Avbryt", "Cancel"),
    "mod.star": ("☆ Stjerne", "☆ Star"),
    "mod.unstar": ("★ Fjern", "★ Unstar"),
    "mod.up": ("↑", "↑"),
    "mod.down": ("↓", "↓"),
    "mod.screen": ("Vis på skjerm", "Show on screen"),
    "mod.answer": ("Besvart", "Answered"),
    "mod.restore": ("Gjenopprett", "Restore"),
    "mod.original": ("Opprinnelig:", "Original:"),
    "mod.answered_at": ("besvart {time}", "answered {time}"),
    "mod.export_csv": ("Last ned CSV", "Download CSV"),
    "mod.export_xlsx": ("Last ned XLSX", "Download XLSX"),
    "mod.export": ("Eksport", "Export"),
    "screen.panel_question": ("Spørsmål fra salen", "Question from the hall"),
    "screen.join": ("Følg dagen på mobilen: skann koden eller gå til {url}", "Follow the day on your phone: scan the code or go to {url}"),
    "screen.ask": (
        "Spørsmål til panelet? Åpne den personlige lenken din og velg «Spørsmål».",
        "A question for the panel? Open your personal link and choose \u201cQuestions\u201d.",
    ),
    "screen.after": ("Takk for i dag!", "Thank you for today!"),
    "orgq.tab": ("Spørsmål", "Questions"),
    "orgq.heading": ("Spørsmål fra salen", "Questions from the hall"),
    "orgq.mode": ("Åpent for spørsmål", "Open for questions"),
    "orgq.auto": ("Følg programmet ({opens}–{closes})", "Follow the programme ({opens}–{closes})"),
    "orgq.force_open": ("Åpent nå", "Open now"),
    "orgq.force_closed": ("Stengt nå", "Closed now"),
    "orgq.is_open": ("Salen kan stille spørsmål nå.", "The hall can ask questions now."),
    "orgq.is_closed": ("Salen kan ikke stille spørsmål nå.", "The hall cannot ask questions now."),

    # --- safety: backups and audit

}

ERRORS: dict[str, tuple[str, str]] = {
    "empty_pin": ("Skriv inn PIN-koden.", "Enter the PIN."),
    "wrong_pin": ("Feil PIN-kode.", "Wrong PIN."),
    "too_many_attempts": (
        "For mange feil forsøk. Vent {wait} sekunder og prøv igjen.",
        "Too many wrong tries. Wait {wait} seconds and try again.",
    ),
    "bad_delay": ("Forsinkelsen må være et helt antall minutter mellom −240 og 240.", "The delay must be whole minutes between −240 and 240."),
    # --- tickets, import and check-in

    # --- groups and rooms

    # --- questions
    "empty_question": ("Skriv et spørsmål først.", "Write a question first."),
    "question_too_long": ("Spørsmålet er for langt: høyst {max} tegn (du skrev {length}).", "The question is too long: at most {max} characters (you wrote {length})."),
    "duplicate_question": ("Du har allerede stilt dette spørsmålet.", "You have already asked this question."),
    "too_many_questions": (
        "Du kan stille høyst {limit} spørsmål per 10 minutter. Prøv igjen om {minutes} min.",
        "You can ask at most {limit} questions per 10 minutes. Try again in {minutes} min.",
    ),
    "questions_closed": ("Det er stengt for spørsmål nå.", "Questions are closed now."),
    "bad_theme": ("Velg tema 1, tema 2 eller generelt.", "Choose theme 1, theme 2 or general."),
    "unknown_participant": ("Vi fant deg ikke. Åpne den personlige lenken din på nytt.", "We could not find you. Open your personal link again."),
    "own_question": ("Du kan ikke stemme på ditt eget spørsmål.", "You cannot vote for your own question."),
    "not_votable": ("Dette spørsmålet tar ikke imot stemmer nå.", "This question does not take votes now."),
    "question_not_found": ("Fant ikke spørsmålet.", "Question not found."),
    "bad_transition": ("Det går ikke med et spørsmål som har denne statusen.", "Not possible for a question with this status."),
    "not_published": ("Bare publiserte spørsmål kan vises på skjermen.", "Only published questions can go on the screen."),
    "already_merged": ("Spørsmålet er slått sammen med #{into}.", "The question was merged into #{into}."),
    "nothing_to_merge": ("Velg minst ett annet spørsmål å slå sammen med.", "Choose at least one other question to merge."),
    "not_starred": ("Stjernemerk spørsmålet først.", "Star the question first."),
    "bad_sort": ("Ukjent sortering.", "Unknown sort order."),
    "bad_status": ("Ukjent status.", "Unknown status."),
    "bad_action": ("Ukjent handling.", "Unknown action."),
    "bad_override": ("Velg åpent, stengt eller følg programmet.", "Choose open, closed or follow the programme."),

    # --- safety: backups and audit

}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    nb, en = CATALOGUE[key]
    text = en if lang == "en" else nb
    return text.format(**values) if values else text


def error_text(code: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The label for a domain error code; unknown codes fall back to a generic sentence."""
    pair = ERRORS.get(code)
    if pair is None:
        return ("Noe gikk galt ({code})." if lang != "en" else "Something went wrong ({code}).").format(code=code)
    text = pair[1] if lang == "en" else pair[0]
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text


def clock_time(instant) -> str:
    return instant.strftime("%H:%M")
