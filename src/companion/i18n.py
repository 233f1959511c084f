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
    "nav.unknown_page": ("Fant ikke den siden. Her er forsiden.", "That page does not exist. Here is the start page."),
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
    "group.no_link_heading": ("Din personlige lenke", "Your personal link"),
    "group.no_link_body": (
        "Denne siden viser gruppen din, men bare når du åpner den med din personlige lenke.",
        "This page shows your group, but only when you open it with your personal link.",
    ),
    "group.unknown_link_body": (
        "Vi kjenner ikke igjen denne lenken. Kanskje den ble kuttet av da den ble kopiert?",
        "We do not recognise this link. Perhaps it was cut short when it was copied?",
    ),
    "group.how_to_link": (
        "Slik får du lenken: skann QR-koden på navneskiltet ditt med mobilkameraet, eller spør i registreringen, så hjelper vi deg.",
        "How to get it: scan the QR code on your name badge with your phone camera, or ask at the registration desk and we will help.",
    ),
    "group.hello": ("Hei, {name}", "Hello, {name}"),
    "group.choose_heading": ("Velg tema", "Choose a theme"),
    "group.choose_body": (
        "Du har ikke valgt tema ennå. Velg det temaet du vil jobbe med i gruppearbeidet.",
        "You have not chosen a theme yet. Choose the theme you want to work on in the group sessions.",
    ),
    "group.choose_label": ("Tema", "Theme"),
    "group.choose_button": ("Velg dette temaet", "Choose this theme"),
    "group.chosen": ("Du har valgt tema: {title}", "You chose the theme: {title}"),
    "group.change_theme": ("Bytt tema", "Change theme"),
    "group.choices_locked": (
        "Temavalget er stengt. Spør i registreringen, så finner vi en gruppe til deg.",
        "Theme choices are closed. Ask at the registration desk and we will find you a group.",
    ),
    "group.not_yet": ("Gruppene publiseres kl. {time}. Kom tilbake hit da.", "Groups are published at {time}. Come back here then."),
    "group.none_after": (
        "Du har ikke fått gruppe ennå. Spør i registreringen, så finner vi en til deg.",
        "You do not have a group yet. Ask at the registration desk and we will find you one.",
    ),
    "group.heading": ("Gruppe {number}", "Group {number}"),
    "group.room": ("Rom {room}", "Room {room}"),
    "group.go_now": ("Gå til rom {room} nå", "Go to room {room} now"),
    "group.go_now_detail": ("{title} starter kl. {start}. {location}.", "{title} starts at {start}. {location}."),
    "group.theme": ("Tema", "Theme"),
    "group.when": ("Når", "When"),
    "group.starts_in": ("Gruppearbeidet starter om", "Group work starts in"),
    "group.delay": ("Programmet er forsinket med {minutes} min; tidene er oppdatert.", "The programme runs {minutes} min late; the times are updated."),
    "group.facilitator": ("Fasilitator", "Facilitator"),
    "group.facilitators": ("Fasilitatorer", "Facilitators"),
    "group.members": ("Deltakere i gruppen ({count})", "Members of the group ({count})"),
    "group.no_others": ("Ingen andre i gruppen ennå.", "Nobody else in the group yet."),
    "org.tab_groups": ("Grupper", "Groups"),
    "org.groups_choices": ("Temavalg", "Theme choices"),
    "org.groups_count": ("{title}: {count}", "{title}: {count}"),
    "org.groups_not_chosen": ("Har ikke valgt tema ({count})", "Have not chosen a theme ({count})"),
    "org.groups_all_chosen": ("Alle har valgt tema.", "Everyone has chosen a theme."),
    "org.groups_locked": ("Temavalget er låst.", "Theme choices are locked."),
    "org.groups_open": ("Deltakerne kan velge tema.", "Participants can choose a theme."),
    "org.groups_lock": ("Lås temavalget", "Lock theme choices"),
    "org.groups_unlock": ("Åpne temavalget igjen", "Open theme choices again"),
    "org.groups_assign_heading": ("Fordeling", "Assignment"),
    "org.groups_assign": ("Fordel alle i grupper", "Assign everyone to groups"),
    "org.groups_present": ("Fordel bare de som er til stede", "Re-assign only those present"),
    "org.groups_reset_pins": ("Glem manuelle flyttinger", "Reset manual moves"),
    "org.groups_reset_also": ("Glem manuelle flyttinger ved fordeling", "Reset manual moves when assigning"),
    "org.groups_assigned": ("{assigned} personer fordelt i {groups} grupper.", "{assigned} people assigned to {groups} groups."),
    "org.groups_without_theme": ("{count} uten tema er ikke fordelt.", "{count} without a theme are not assigned."),
    "org.groups_moves": ("Flyttet: {moves}", "Moved: {moves}"),
    "org.groups_no_moves": ("Ingen måtte flyttes.", "Nobody had to move."),
    "org.groups_unpinned": ("{count} manuelle flyttinger glemt.", "{count} manual moves reset."),
    "org.groups_move_heading": ("Flytt en person", "Move a person"),
    "org.groups_move_person": ("Person", "Person"),
    "org.groups_move_target": ("Til gruppe", "To group"),
    "org.groups_move_button": ("Flytt", "Move"),
    "org.groups_moved": ("{name} er flyttet til gruppe {number}.", "{name} moved to group {number}."),
    "org.groups_list_heading": ("Gruppene", "The groups"),
    "org.groups_none": ("Ingen grupper er fordelt ennå.", "No groups assigned yet."),
    "org.groups_group_line": ("Gruppe {number} · {room} · {theme} · {count}/{capacity}", "Group {number} · {room} · {theme} · {count}/{capacity}"),
    "org.groups_pinned": ("flyttet manuelt", "moved by hand"),
    "org.groups_signs": ("Last ned dørskilt (HTML for utskrift)", "Download door signs (HTML to print)"),
    "org.groups_no_group": ("uten gruppe", "no group"),
    "org.groups_choose": ("Velg …", "Choose …"),
    "org.groups_not_chosen_short": ("Ikke valgt", "Not chosen"),
    "person_role.ministry": ("departementet", "ministry"),
    "person_role.researcher": ("forsker", "researcher"),

    # --- questions and the big screen

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
    "rooms_too_small": (
        "Rommene har ikke plass til alle ({people} personer, {capacity} plasser). Ingen er fordelt; legg til rom i data/rooms.csv.",
        "The rooms cannot hold everyone ({people} people, {capacity} seats). Nobody was assigned; add rooms to data/rooms.csv.",
    ),
    "themes_locked": ("Temavalget er stengt.", "Theme choices are closed."),
    "already_grouped": (
        "Du er allerede i en gruppe. Spør i registreringen om du må bytte.",
        "You are already in a group. Ask at the registration desk if you need to change.",
    ),
    "unknown_theme": ("Velg et av temaene.", "Choose one of the themes."),
    "unknown_person": ("Fant ikke personen.", "No such person."),
    "unknown_group": ("Fant ikke gruppen.", "No such group."),
    "wrong_theme": (
        "Gruppe {number} jobber med et annet tema enn personen har valgt.",
        "Group {number} works on another theme than the person chose.",
    ),
    "no_groups": ("Ingen grupper er fordelt ennå.", "No groups are assigned yet."),
    "room_full": ("Rom {room} er fullt ({capacity} plasser).", "Room {room} is full ({capacity} seats)."),

    # --- questions

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
