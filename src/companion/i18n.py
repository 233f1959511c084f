"""Every UI string, in Norwegian bokmål and English. Pages call t(key, lang, **values).

Error codes from the domain are translated here too (error_text), never by parsing messages.
"""

from datetime import datetime

LANGS = ("nb", "en")
DEFAULT_LANG = "nb"

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- frame and navigation
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
    "now.span": ("{start}–{end}", "{start}–{end}"),
    "now.span_spoken": ("fra klokken {start} til {end}", "from {start} to {end}"),
    "now.next": ("Neste: {title} kl. {start}", "Next: {title} at {start}"),
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
    "org.delay_label": (
        "Resten av programmet er forsinket med (minutter)",
        "The rest of the programme runs late by (minutes)",
    ),
    "org.delay_button": ("Oppdater programmet", "Update the programme"),
    "org.delay_done": (
        "Resten av programmet er nå {minutes} min forsinket.",
        "The rest of the programme now runs {minutes} min late.",
    ),
    "org.tab_day": ("Dagen", "The day"),
    # --- tickets, import and check-in
    "desk.result.checked_in": ("Sjekket inn", "Checked in"),
    "desk.result.already_checked_in": (
        "Allerede sjekket inn kl. {time} ({desk})",
        "Already checked in at {time} ({desk})",
    ),
    "desk.result.already_no_desk": ("Allerede sjekket inn kl. {time}", "Already checked in at {time}"),
    "desk.group_room": ("Gruppe {number} · rom {room}", "Group {number} · room {room}"),
    "desk.no_group": ("Ingen gruppe ennå", "No group yet"),
    "desk.camera_label": ("Ta bilde av QR-koden", "Take a photo of the QR code"),
    "desk.scanner_label": (
        "Skann billetten, eller skriv koden (6 tegn) og trykk Enter",
        "Scan the ticket, or type the code (6 characters) and press Enter",
    ),
    "desk.search": ("Søk på navn", "Search by name"),
    "desk.search_label": ("Navn eller fylke", "Name or county"),
    "desk.search_none": ("Ingen treff.", "No match."),
    "desk.check_in_button": ("Sjekk inn", "Check in"),
    "desk.arrived_at": ("kom {time}", "arrived {time}"),
    "desk.undo": ("Angre innsjekking av {name}", "Undo check-in of {name}"),
    "desk.undone": ("Innsjekkingen av {name} er angret.", "The check-in of {name} is undone."),
    "desk.walk_in": ("Walk-in: ny deltaker", "Walk-in: new participant"),
    "desk.walk_in_name": ("Navn", "Name"),
    "desk.walk_in_county": ("Fylkeskommune / organisasjon", "County / organisation"),
    "desk.walk_in_email": ("E-post (valgfritt)", "E-mail (optional)"),
    "desk.walk_in_role": ("Rolle", "Role"),
    "desk.walk_in_theme": ("Tema", "Theme"),
    "desk.walk_in_no_theme": ("Velger selv i appen", "Chooses in the app"),
    "desk.walk_in_button": ("Registrer og sjekk inn", "Register and check in"),
    "desk.walk_in_ticket": (
        "Billett for {name}: la deltakeren skanne koden med mobilen, eller noter koden {code}.",
        "Ticket for {name}: let them scan this code with their phone, or note the code {code}.",
    ),
    "desk.desk_name": ("Skranke", "Desk"),
    "desk.counts": ("Ankommet", "Arrived"),
    "desk.counts_value": ("{arrived} av {expected}", "{arrived} of {expected}"),
    "desk.per_county": ("Per fylke", "Per county"),
    "desk.per_theme": ("Per tema", "Per theme"),
    "desk.arrivals_chart": ("Ankomster per 5 minutter", "Arrivals per 5 minutes"),
    "desk.col_label": ("Hvem", "Who"),
    "desk.col_arrived": ("Ankommet", "Arrived"),
    "desk.col_expected": ("Påmeldt", "Registered"),
    "desk.col_time": ("Tid", "Time"),
    "desk.col_count": ("Antall", "Count"),
    "desk.no_arrivals": ("Ingen har sjekket inn ennå.", "Nobody has checked in yet."),
    "role.leader": ("leder", "leader"),
    "role.caseworker": ("saksbehandler", "caseworker"),
    "role.ministry": ("departement", "ministry"),
    "role.researcher": ("forsker", "researcher"),
    "role.other": ("annet", "other"),
    "ticket.heading": ("Min billett", "My ticket"),
    "ticket.show_at_desk": ("Vis denne koden i registreringen.", "Show this code at the registration desk."),
    "ticket.code": ("Kode for hånd", "Code to type by hand"),
    "ticket.qr_alt": ("QR-kode med din personlige lenke", "QR code with your personal link"),
    "ticket.checked_in": ("Du er sjekket inn (kl. {time}). Velkommen!", "You are checked in ({time}). Welcome!"),
    "ticket.no_token": (
        "Denne siden trenger din personlige lenke. Åpne lenken fra e-posten din, eller skann QR-koden på navneskiltet.",
        "This page needs your personal link. Open the link from your e-mail, or scan the QR code on your badge.",
    ),
    "ticket.unknown_token": (
        "Vi finner ikke billetten for denne lenken. Spør i registreringen, så hjelper vi deg.",
        "We cannot find the ticket for this link. Ask at the registration desk and we will help.",
    ),
    "ticket.keep_link": (
        "Tips: legg siden til på hjemskjermen, så har du billetten klar.",
        "Tip: add this page to your home screen to keep your ticket at hand.",
    ),
    "org.tab_people": ("Deltakere", "Participants"),
    "org.import_heading": ("Importer påmeldingslisten", "Import the registration list"),
    "org.import_help": (
        "CSV eller XLSX slik påmeldingsverktøyet lastet den ned (Microsoft Forms, Google Forms, pretix, Eventbrite, "
        "Deltager.no …). Du ser hvilken kolonne som blir hva før du importerer. En ny import oppdaterer personer med "
        "samme e-post og beholder billett, gruppe og innsjekking.",
        "CSV or XLSX as the sign-up tool downloaded it (Microsoft Forms, Google Forms, pretix, Eventbrite, "
        "Deltager.no …). You see which column becomes what before importing. A new import updates people with the "
        "same e-mail and keeps their ticket, group and check-in.",
    ),
    "org.import_button": ("Importer", "Import"),
    "org.import_done": (
        "Lagt til: {added} · oppdatert: {updated} · uendret: {unchanged} · avvist: {rejected}",
        "Added: {added} · updated: {updated} · unchanged: {unchanged} · rejected: {rejected}",
    ),
    "org.import_over_max": (
        "{county} har {count} deltakere (mer enn {limit}).",
        "{county} has {count} participants (more than {limit}).",
    ),
    "org.downloads": ("Nedlastinger", "Downloads"),
    "org.dl_links": ("Personlige lenker (CSV for fletting)", "Personal links (CSV for mail merge)"),
    "org.dl_badges": ("Navneskilt for utskrift (A4, HTML)", "Badges to print (A4, HTML)"),
    "org.dl_people_csv": ("Deltakerliste (CSV)", "Participant list (CSV)"),
    "org.dl_people_xlsx": ("Deltakerliste (XLSX)", "Participant list (XLSX)"),
    "org.dl_checkins": ("Skannelogg (CSV)", "Scan log (CSV)"),
    "org.people_count": ("{count} deltakere registrert.", "{count} participants registered."),
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
        "Slik får du lenken: skann QR-koden på navneskiltet ditt med mobilkameraet, eller spør i registreringen, så "
        "hjelper vi deg.",
        "How to get it: scan the QR code on your name badge with your phone camera, or ask at the registration desk "
        "and we will help.",
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
    "group.not_yet": (
        "Gruppene publiseres kl. {time}. Kom tilbake hit da.",
        "Groups are published at {time}. Come back here then.",
    ),
    "group.none_after": (
        "Du har ikke fått gruppe ennå. Spør i registreringen, så finner vi en til deg.",
        "You do not have a group yet. Ask at the registration desk and we will find you one.",
    ),
    "group.heading": ("Gruppe {number}", "Group {number}"),
    "group.room": ("Rom {room}", "Room {room}"),
    "group.go_now": ("Gå til rom {room} nå", "Go to room {room} now"),
    "group.go_now_detail": ("{title} kl. {start}. {location}.", "{title} at {start}. {location}."),
    "group.theme": ("Tema", "Theme"),
    "group.when": ("Når", "When"),
    "group.starts_in": ("Gruppearbeidet starter", "Group work starts"),
    "group.delay": (
        "Programmet er forsinket med {minutes} min; tidene er oppdatert.",
        "The programme runs {minutes} min late; the times are updated.",
    ),
    "group.facilitator": ("Fasilitator", "Facilitator"),
    "group.facilitators": ("Fasilitatorer", "Facilitators"),
    "group.members": ("Andre i gruppen ({count})", "Others in the group ({count})"),
    "group.no_others": ("Ingen andre i gruppen ennå.", "Nobody else in the group yet."),
    "org.tab_groups": ("Grupper", "Groups"),
    "org.groups_choices": ("Temavalg", "Theme choices"),
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
    "org.groups_assigned": (
        "{assigned} personer fordelt i {groups} grupper.",
        "{assigned} people assigned to {groups} groups.",
    ),
    "org.groups_unplaced": (
        "{count} er uten gruppe (har ikke valgt tema, eller kom etter fordelingen): flytt dem inn for hånd.",
        "{count} have no group (no theme chosen, or arrived after the assignment): move them in by hand.",
    ),
    "org.groups_summary_theme": (
        "{theme}: {groups} grupper à {sizes}; {repeated} med to fra samme fylke (høyst {worst} fra ett fylke, minst "
        "mulig {least});"
        " fasilitatorer per gruppe {facilitators}; ledere {leaders}; saksbehandlere {caseworkers}",
        "{theme}: {groups} groups of {sizes}; {repeated} with two from one county (at most {worst} from one county, "
        "least possible {least});"
        " facilitators per group {facilitators}; leaders {leaders}; caseworkers {caseworkers}",
    ),
    "org.groups_summary_repeat": (
        "Gruppe {number}: flere fra {counties}",
        "Group {number}: more than one from {counties}",
    ),
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
    "org.groups_group_line": (
        "Gruppe {number} · {room} · {theme} · {count}/{capacity}",
        "Group {number} · {room} · {theme} · {count}/{capacity}",
    ),
    "org.groups_pinned": ("flyttet manuelt", "moved by hand"),
    "org.groups_signs": ("Last ned dørskilt (HTML for utskrift)", "Download door signs (HTML to print)"),
    "org.groups_no_group": ("uten gruppe", "no group"),
    "org.groups_choose": ("Velg …", "Choose …"),
    "org.groups_not_chosen_short": ("Ikke valgt", "Not chosen"),
    "person_role.ministry": ("departementet", "ministry"),
    "person_role.researcher": ("forsker", "researcher"),
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
    "q.show_name_help": (
        "Ellers er spørsmålet anonymt, også for moderator.",
        "Otherwise the question is anonymous, to the moderator too.",
    ),
    "q.send": ("Send spørsmålet", "Send the question"),
    "q.sent_pending": (
        "Takk! Spørsmålet venter på godkjenning fra moderator.",
        "Thank you! Your question is waiting for the moderator.",
    ),
    "q.sent_published": ("Takk! Spørsmålet er publisert.", "Thank you! Your question is published."),
    "q.closed_before": ("Spørsmål åpner kl. {time}.", "Questions open at {time}."),
    "q.closed_after": (
        "Spørsmålsrunden er over for i dag. Takk for alle spørsmålene!",
        "Questions are closed for today. Thank you for all of them!",
    ),
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
    "q.vote_offline": ("Stemmen kom ikke fram. Prøv igjen.", "Your vote did not get through. Try again."),
    "q.anonymous": ("Anonym", "Anonymous"),
    "q.mine_heading": ("Mine spørsmål ({n})", "My questions ({n})"),
    "q.answered_heading": ("Besvart ({n})", "Answered ({n})"),
    "q.status.pending": ("Venter på godkjenning", "Waiting for review"),
    "q.status.published": ("Publisert", "Published"),
    "q.status.on_screen": ("På skjermen nå", "On the screen now"),
    "q.status.answered": ("Besvart", "Answered"),
    "q.status.hidden": ("Vises ikke", "Not shown"),
    "q.status.merged": ("Slått sammen", "Merged"),
    "mod.heading": ("Spørsmål til panelet", "Questions for the panel"),
    "mod.premoderation": ("Forhåndsmoderering", "Pre-moderation"),
    "mod.premoderation_help": (
        "Nye spørsmål venter på godkjenning før salen ser dem.",
        "New questions wait for approval before the hall sees them.",
    ),
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
    "mod.budget_per": ("Per stjernemerket spørsmål", "Per starred question"),
    "mod.budget_before": ("Panelet starter {start}", "The panel starts at {start}"),
    "mod.budget_after": ("Panelet er over", "The panel is over"),
    "mod.on_screen": ("På skjermen", "On the screen"),
    "mod.nothing_on_screen": (
        "Ingen spørsmål på skjermen. Storskjermen viser QR-koden.",
        "No question on the screen. The big screen shows the QR code.",
    ),
    "mod.clear_screen": ("Ta av skjermen", "Take off the screen"),
    "mod.queue": ("Kø ({n})", "Queue ({n})"),
    "mod.queue_empty": ("Stjernemerk spørsmål for å sette dem i kø.", "Star questions to queue them."),
    "mod.list": ("{n} spørsmål", "{n} questions"),
    "mod.more": (
        "Viser {shown} av {total}. Snevre inn med filter.",
        "Showing {shown} of {total}. Narrow down with the filters.",
    ),
    "mod.similar": ("{n} like spørsmål", "{n} similar questions"),
    "mod.merge": ("Slå sammen til #{id}", "Merge into #{id}"),
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
    "screen.join": (
        "Følg dagen på mobilen: skann koden eller gå til {url}",
        "Follow the day on your phone: scan the code or go to {url}",
    ),
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
    # --- the workshop report and who has not come
    "report.tab": ("Rapport", "Report"),
    "report.heading": ("Rapport fra dagen", "Report of the day"),
    "report.help": (
        "Tall, grupper, panel, evaluering og programmet slik det gikk, i tre formater. Lages når du laster ned.",
        "Numbers, groups, panel, evaluation and the programme as it ran, in three formats. Made when you download.",
    ),
    "report.personal_label": (
        "Ta med personopplysninger (navn og e-post)",
        "Include personal data (names and e-mails)",
    ),
    "report.personal_warning": (
        "Filen vil inneholde navn og e-post. Del den bare med dem som trenger den, og slett den når den ikke trengs.",
        "The file will hold names and e-mails. Share it only with those who need it, and delete it when done.",
    ),
    "report.dl_html": ("Last ned for utskrift (HTML)", "Download for printing (HTML)"),
    "report.dl_docx": ("Last ned Word (.docx)", "Download Word (.docx)"),
    "report.dl_xlsx": ("Last ned Excel (.xlsx)", "Download Excel (.xlsx)"),
    "report.title": ("Rapport: {name}", "Report: {name}"),
    "report.subtitle": ("{date}, {venue}", "{date}, {venue}"),
    "report.generated": ("Laget {time}", "Made {time}"),
    "report.personal_yes": (
        "Inneholder personopplysninger (navn og e-post). Del med omhu.",
        "Contains personal data (names and e-mails). Share with care.",
    ),
    "report.personal_no": (
        "Uten personopplysninger: bare tall og anonyme spørsmål.",
        "No personal data: numbers and anonymous questions only.",
    ),
    "report.no_data": ("Ingen data.", "No data."),
    "report.not_given": ("Ikke oppgitt", "Not given"),
    "report.day": ("Dagen i tall", "The day in numbers"),
    "report.registered": ("Påmeldt", "Registered"),
    "report.arrived": ("Kommet", "Arrived"),
    "report.walk_ins": ("Uten påmelding", "Walk-ins"),
    "report.no_shows": ("Ikke kommet", "No-shows"),
    "report.turnout": ("Oppmøte blant påmeldte (%)", "Turnout of the registered (%)"),
    "report.by_county": ("Per fylke", "By county"),
    "report.people_count": ("Personer", "People"),
    "report.by_theme": ("Per tema", "By theme"),
    "report.by_role": ("Per rolle", "By role"),
    "report.county": ("Fylke", "County"),
    "report.theme": ("Tema", "Theme"),
    "report.role": ("Rolle", "Role"),
    "report.no_theme": ("Uten tema", "No theme"),
    "report.general": ("Generelt", "General"),
    "report.arrivals": ("Ankomster per fem minutter", "Arrivals per five minutes"),
    "report.time": ("Tid", "Time"),
    "report.checkins": ("Innsjekkinger", "Check-ins"),
    "report.groups": ("Gruppene", "The groups"),
    "report.group_count": ("Grupper", "Groups"),
    "report.placed": ("Plassert i gruppe", "Placed in a group"),
    "report.unplaced": ("Uten gruppe", "Without a group"),
    "report.smallest": ("Minste gruppe", "Smallest group"),
    "report.largest": ("Største gruppe", "Largest group"),
    "report.group_table": ("Grupper og fylker", "Groups and counties"),
    "report.group": ("Gruppe", "Group"),
    "report.room": ("Rom", "Room"),
    "report.capacity": ("Plasser", "Seats"),
    "report.size": ("Medlemmer", "Members"),
    "report.facilitators": ("Fasilitatorer", "Facilitators"),
    "report.county_count": ("Antall fylker", "Counties"),
    "report.county_spread": ("Fylkesfordeling", "County spread"),
    "report.member_names": ("Navn", "Names"),
    "report.panel": ("Panelet", "The panel"),
    "report.asked": ("Spørsmål stilt", "Questions asked"),
    "report.published": ("Vist i salen", "Shown to the hall"),
    "report.answered": ("Besvart", "Answered"),
    "report.hidden": ("Skjult av moderator", "Hidden by the moderator"),
    "report.pending": ("Ikke moderert", "Not moderated"),
    "report.merged": ("Slått sammen med et annet", "Merged into another"),
    "report.votes": ("Stemmer", "Votes"),
    "report.voters": ("Personer som stemte", "People who voted"),
    "report.top": ("Mest stemte spørsmål", "Most voted questions"),
    "report.panel_by_theme": ("Spørsmål per tema", "Questions by theme"),
    "report.top_by_theme": ("Mest stemte per tema", "Most voted by theme"),
    "report.question": ("Spørsmål", "Question"),
    "report.status": ("Status", "Status"),
    "report.author": ("Stilt av", "Asked by"),
    "report.status_published": ("vist", "shown"),
    "report.status_answered": ("besvart", "answered"),
    "report.evaluation": ("Evalueringen", "The evaluation"),
    "report.no_evaluation": ("Ingen evalueringssvar.", "No evaluation answers."),
    "report.scores": ("Svarfordeling (1–5)", "Answers (1–5)"),
    "report.answers": ("Svar", "Answers"),
    "report.mean": ("Snitt", "Mean"),
    "report.free_text": ("Fritekstsvar", "Free-text answers"),
    "report.answer": ("Svar", "Answer"),
    "report.eval.overall": ("Helhetsinntrykk", "Overall"),
    "report.eval.theme_useful": ("Nytten av temaet", "Usefulness of the theme"),
    "report.eval.differently": ("Hva bør vi gjøre annerledes?", "What should we do differently?"),
    "report.programme": ("Programmet slik det gikk", "The programme as it ran"),
    "report.slots": ("Programpostene", "The slots"),
    "report.slot": ("Post", "Slot"),
    "report.planned": ("Planlagt", "Planned"),
    "report.actual": ("Faktisk", "Actual"),
    "report.delay_minutes": ("Forsinkelse (min)", "Delay (min)"),
    "report.state": ("Da rapporten ble laget", "When the report was made"),
    "report.state_done": ("ferdig", "done"),
    "report.state_running": ("pågår", "running"),
    "report.state_upcoming": ("ikke begynt", "not started"),
    "report.delays": ("Forsinkelser slik de ble satt", "Delays as they were set"),
    "report.set_at": ("Satt kl.", "Set at"),
    "report.change": ("Endring (min)", "Change (min)"),
    "report.total_delay": ("Samlet forsinkelse (min)", "Total delay (min)"),
    "report.no_delays": ("Programmet ble ikke forskjøvet.", "The programme was never moved."),
    "report.people": ("Deltakere (personopplysninger)", "Participants (personal data)"),
    "report.everyone": ("Alle deltakere", "Everyone"),
    "report.no_show_names": ("Ikke kommet (navn)", "No-shows (names)"),
    "report.name": ("Navn", "Name"),
    "report.email": ("E-post", "E-mail"),
    "report.arrived_at": ("Kom kl.", "Arrived at"),
    "report.yes": ("ja", "yes"),
    "noshow.heading": ("Ikke kommet", "Not arrived"),
    "noshow.help": (
        "Påmeldte uten innsjekking, per fylke, til oppfølging. Listen har navn og e-post.",
        "Registered people without a check-in, by county, for follow-up. The list has names and e-mails.",
    ),
    "noshow.none": ("Alle påmeldte har kommet.", "Everyone registered has arrived."),
    "noshow.count": ("{count} påmeldte har ikke kommet.", "{count} registered people have not arrived."),
    "noshow.dl_csv": ("Last ned listen (CSV)", "Download the list (CSV)"),
    "noshow.dl_xlsx": ("Last ned listen (Excel)", "Download the list (Excel)"),
    # --- safety: backups and audit
    "safe.tab": ("Sikkerhet", "Safety"),
    "safe.snapshots_heading": ("Sikkerhetskopier", "Snapshots"),
    "safe.last": ("Siste sikkerhetskopi: kl. {time} ({ago}).", "Last snapshot: {time} ({ago})."),
    "safe.ago_now": ("nå nettopp", "just now"),
    "safe.ago_minutes": ("for {minutes} min siden", "{minutes} min ago"),
    "safe.none_yet": ("Ingen sikkerhetskopi er tatt ennå.", "No snapshot has been taken yet."),
    "safe.auto_on": (
        "Automatisk hvert {minutes}. minutt; de {keep} siste automatiske beholdes. Mappe: {folder}",
        "Automatic every {minutes} min; the {keep} newest automatic ones are kept. Folder: {folder}",
    ),
    "safe.auto_off": (
        "Automatiske sikkerhetskopier er slått av (COMPANION_BACKUP_MINUTES = 0).",
        "Automatic snapshots are off (COMPANION_BACKUP_MINUTES = 0).",
    ),
    "safe.auto_failed": (
        "Siste automatiske sikkerhetskopi feilet: {error}",
        "The last automatic snapshot failed: {error}",
    ),
    "safe.take_now": ("Ta sikkerhetskopi nå", "Take a snapshot now"),
    "safe.taken": ("Sikkerhetskopi lagret: {name}", "Snapshot saved: {name}"),
    "safe.col_time": ("Tid", "Time"),
    "safe.col_kind": ("Type", "Kind"),
    "safe.col_size": ("Størrelse (KiB)", "Size (KiB)"),
    "safe.col_file": ("Fil", "File"),
    "safe.kind.auto": ("automatisk", "automatic"),
    "safe.kind.manual": ("manuell", "by hand"),
    "safe.kind.before-restore": ("før gjenoppretting", "before a restore"),
    "safe.restore_heading": ("Gjenopprett", "Restore"),
    "safe.restore_hint": (
        "Erstatter hele databasen med valgt kopi. Databasen slik den er nå lagres først som «før gjenoppretting». "
        "Fra kommandolinjen: `python -m companion restore FIL`.",
        "Replaces the whole database with the chosen copy. The database as it is now is saved first as "
        '"before a restore". From the command line: `python -m companion restore FILE`.',
    ),
    "safe.restore_pick": ("Kopi", "Copy"),
    "safe.restore_confirm": ("Ja, erstatt databasen med denne kopien", "Yes, replace the database with this copy"),
    "safe.restore_button": ("Gjenopprett", "Restore"),
    "safe.restore_unconfirmed": ("Kryss av for å bekrefte først.", "Tick the box to confirm first."),
    "safe.restored": (
        "Gjenopprettet fra {name}. Den forrige databasen er lagret som {safety}.",
        "Restored from {name}. The previous database is saved as {safety}.",
    ),
    "safe.audit_heading": ("Logg over handlinger", "Audit trail"),
    "safe.audit_empty": ("Ingen handlinger er logget ennå.", "No actions logged yet."),
    "safe.audit_download": ("Last ned loggen (CSV)", "Download the trail (CSV)"),
    "safe.pins_heading": ("Feil PIN-koder", "Wrong PINs"),
    "safe.pins_none": ("Ingen feil PIN-koder er tastet.", "No wrong PINs have been entered."),
    "safe.pins_count": ("{count} feil PIN-forsøk i alt. De nyeste:", "{count} wrong PIN attempts in all. The newest:"),
    "safe.col_client": ("Fra (IP)", "From (IP)"),
    # --- templates: door signs and badges (printed; templates/doorsigns.html, badges.html)
    "sign.title": ("{event}: dørskilt", "{event}: door signs"),
    "sign.group": ("Gruppe {number}", "Group {number}"),
    "sign.facilitator": ("Fasilitator", "Facilitator"),
    "sign.facilitators": ("Fasilitatorer", "Facilitators"),
    "sign.members": ("Deltakere ({count})", "Members ({count})"),
    "badge.title": ("Navneskilt – {event}", "Name badges – {event}"),
    "badge.room": ("Grupperom: {room}", "Group room: {room}"),
    # --- import: column mapping, the report for staff, dietary needs and the lunch count (issue 13)
    "imp.summary": (
        "lagt til: {added}, oppdatert: {updated}, uendret: {unchanged}, avvist: {rejected}, advarsler: {warnings}",
        "added: {added}, updated: {updated}, unchanged: {unchanged}, rejected: {rejected}, warnings: {warnings}",
    ),
    "imp.line_rejected": ("linje {line}{who}: avvist – {reason}", "line {line}{who}: rejected – {reason}"),
    "imp.line_warning": ("linje {line}{who}: {reason}", "line {line}{who}: {reason}"),
    "imp.unused_columns": ("ikke brukt: {columns}", "not used: {columns}"),
    "imp.county_over_max": (
        "{county} har {count} deltakere (mer enn {limit}).",
        "{county} has {count} participants (more than {limit}).",
    ),
    "imp.mapping_line": ("{field}: «{column}»", '{field}: "{column}"'),
    "imp.reason.no_name": ("ingen navn i raden.", "no name in the row."),
    "imp.reason.name_too_long": (
        "navnet har {value} tegn; høyst {max} går an.",
        "the name has {value} characters; at most {max} fit.",
    ),
    "imp.reason.bad_email": (
        "«{value}» er ikke en e-postadresse. Rett adressen i filen, eller tøm cellen, og importer på nytt.",
        '"{value}" is not an e-mail address. Fix it in the file, or empty the cell, and import again.',
    ),
    "imp.reason.unknown_theme": (
        "temaet «{value}» finnes ikke; importert uten tema (personen velger i appen). Gyldige temaer: {themes}.",
        'no theme "{value}"; imported without a theme (the person chooses in the app). Valid themes: {themes}.',
    ),
    "imp.reason.ambiguous_theme": (
        "«{value}» passer til flere temaer; importert uten tema. Skriv mer av navnet eller nummeret: {themes}.",
        '"{value}" fits more than one theme; imported without a theme.'
        " Write more of the title or the number: {themes}.",
    ),
    "imp.reason.both_themes": (
        "«{value}» nevner flere temaer; importert uten tema, så personen velger selv i appen.",
        '"{value}" names more than one theme; imported without a theme, so the person chooses in the app.',
    ),
    "imp.reason.unknown_role": (
        "kjenner ikke igjen stillingen «{value}»; importert med rollen «annet». Roller: {roles}.",
        'job title "{value}" not recognised; imported with the role "other". Roles: {roles}.',
    ),
    "imp.reason.duplicate_email": (
        "samme e-post ({value}) som linje {other} ({other_name}); linje {line} er nyere og brukes.",
        "same e-mail ({value}) as line {other} ({other_name}); line {line} is newer and is used.",
    ),
    "imp.reason.formula_name": (
        "navnet ser ut som en regnearkformel; det lagres som tekst. Sjekk at det er et navn.",
        "the name looks like a spreadsheet formula; it is stored as text. Check that it is a name.",
    ),
    "imp.field.name": ("Navn", "Name"),
    "imp.field.first_name": ("Fornavn", "First name"),
    "imp.field.last_name": ("Etternavn", "Last name"),
    "imp.field.email": ("E-post", "E-mail"),
    "imp.field.county": ("Fylkeskommune / organisasjon", "County / organisation"),
    "imp.field.role": ("Rolle / stilling", "Role / job title"),
    "imp.field.theme": ("Tema", "Theme"),
    "imp.field.diet": ("Matbehov (vises i registreringen)", "Dietary needs (shown at the desk)"),
    "imp.field.keep": ("Behold (lagres per person)", "Keep (stored per person)"),
    "imp.field.": ("Ikke bruk", "Do not use"),
    "imp.mapping_heading": ("Kolonnene", "The columns"),
    "imp.mapping_help": (
        "Forslaget bygger på kolonnenavnene og innholdet. Endre det som er feil før du importerer;"
        " valget huskes til neste fil med de samme kolonnene.",
        "The proposal comes from the column names and their contents. Change what is wrong before importing;"
        " the choice is remembered for the next file with the same columns.",
    ),
    "imp.column_label": ("Kolonne {number}: «{header}»", 'Column {number}: "{header}"'),
    "imp.column_example": ("F.eks. {example}", "E.g. {example}"),
    "imp.preview_heading": ("Slik blir de første radene importert", "How the first rows will be imported"),
    "imp.col_line": ("Linje", "Line"),
    "imp.col_name": ("Navn", "Name"),
    "imp.col_email": ("E-post", "E-mail"),
    "imp.col_county": ("Fylkeskommune", "County"),
    "imp.col_role": ("Rolle", "Role"),
    "imp.col_theme": ("Tema", "Theme"),
    "imp.col_diet": ("Matbehov", "Dietary needs"),
    "imp.col_what": ("Hva", "What"),
    "imp.col_reason": ("Hvorfor", "Why"),
    "imp.kind.rejected": ("Avvist", "Rejected"),
    "imp.kind.warning": ("Advarsel", "Warning"),
    "imp.kind.ok": ("OK", "OK"),
    "imp.no_theme": ("velges i appen", "chosen in the app"),
    "imp.need_name": (
        "Velg hvilken kolonne som er navnet (eller fornavn og etternavn) før du importerer.",
        "Choose which column is the name (or first and last name) before importing.",
    ),
    "imp.nothing_imported": ("Ingen rader ble importert.", "No row was imported."),
    "imp.unused": ("Disse kolonnene ble ikke brukt: {columns}", "These columns were not used: {columns}"),
    "imp.issues_heading": ("Rader å se på", "Rows to look at"),
    "diet.gluten_free": ("glutenfri", "gluten-free"),
    "diet.lactose_free": ("laktosefri", "lactose-free"),
    "diet.vegan": ("vegansk", "vegan"),
    "diet.vegetarian": ("vegetar", "vegetarian"),
    "diet.nut_allergy": ("nøtteallergi", "nut allergy"),
    "diet.fish_shellfish": ("fisk/skalldyr", "fish/shellfish"),
    "diet.halal": ("halal", "halal"),
    "diet.other": ("annet", "other"),
    "lunch.line": ("Lunsj: {present} til stede{needs}", "Lunch: {present} present{needs}"),
    "lunch.help": (
        "Tallene gjelder dem som er sjekket inn nå. Kjøkkenet trenger dem innen kl. 11:00.",
        "The numbers are for those checked in now. The caterer needs them by 11:00.",
    ),
    "desk.diet": ("Matbehov: {diet}", "Dietary needs: {diet}"),
    # --- evaluation and privacy
    "nav.privacy": ("Personvern", "Privacy"),
    "eval.heading": ("Evaluering av dagen", "Evaluate the day"),
    "eval.intro": (
        "Hjelp oss å gjøre neste verksted bedre. Svaret lagres uten navnet ditt, og du kan endre det "
        "til evalueringen stenges.",
        "Help us make the next workshop better. Your answer is stored without your name, and you can "
        "change it until the evaluation closes.",
    ),
    "eval.scale_ends": ("1 = {low}, 5 = {high}", "1 = {low}, 5 = {high}"),
    "eval.optional": ("(valgfritt)", "(optional)"),
    "eval.send": ("Send svaret", "Send my answer"),
    "eval.change": ("Lagre endringen", "Save the change"),
    "eval.saved": (
        "Takk! Svaret ditt er lagret. Du kan endre det til evalueringen stenges.",
        "Thank you! Your answer is stored. You can change it until the evaluation closes.",
    ),
    "eval.updated": ("Endringen er lagret.", "Your change is stored."),
    "eval.answered": (
        "Du har svart. Du kan endre svaret til evalueringen stenges.",
        "You have answered. You can change your answer until the evaluation closes.",
    ),
    "eval.closed": (
        "Evalueringen er stengt. Takk til alle som svarte!",
        "The evaluation is closed. Thank you for answering!",
    ),
    "eval.org_heading": ("Evaluering", "Evaluation"),
    "eval.org_opens": (
        "Deltakerne får evalueringen på Nå fra kl. {time} (oppsummeringen). {count} svar så langt.",
        "Participants get the evaluation on Now from {time} (the summing-up). {count} answers so far.",
    ),
    "eval.org_closed_label": ("Stengt for svar", "Closed for answers"),
    "eval.org_closed_help": (
        "Når den er stengt, kan ingen svare eller endre svaret sitt. Logges.",
        "When closed, nobody can answer or change their answer. Logged.",
    ),
    "priv.heading": ("Personvern", "Privacy"),
    "priv.controller_heading": ("Hvem er ansvarlig", "Who is responsible"),
    "priv.controller": (
        "Behandlingsansvarlig for personopplysningene i denne appen er {controller}. "
        "Spørsmål om personvern: {contact}.",
        "The data controller for the personal data in this app is {controller}. Questions about privacy: {contact}.",
    ),
    "priv.what_heading": ("Hva vi lagrer, og hvorfor", "What we store, and why"),
    "priv.what": (
        "- **Navn, e-post, fylke, rolle og tema** fra påmeldingen: for å registrere deg, sette sammen "
        "gruppene og sende deg den personlige lenken.\n"
        "- **Den personlige lenken og den korte koden**: så du slipper å logge inn, og for innsjekkingen.\n"
        "- **Når du sjekket inn**, og hva registreringen skannet: for å vite hvem som er kommet.\n"
        "- **Gruppen din**: for gruppearbeidet.\n"
        "- **Spørsmålene dine til panelet og stemmene dine**: for panelsamtalen. Fylket ditt vises bare "
        "hvis du krysser av for det; navnet ditt vises aldri.\n"
        "- **Evalueringen**: svarene lagres uten navn. For at hver person skal ha ett svar som kan "
        "endres, lagres en kodet nøkkel som bare appen kan knytte til deg; den slettes sammen med resten.\n"
        "- **En logg over hva de ansatte gjør** i appen (innsjekking, flytting mellom grupper).\n\n"
        "Appen sporer deg ikke, viser ingen reklame og sender ingenting til andre.",
        "- **Name, e-mail, county, role and theme** from the registration: to register you, make up the "
        "groups and send you your personal link.\n"
        "- **Your personal link and short code**: so you need no login, and for the check-in.\n"
        "- **When you checked in**, and what the desk scanned: to know who has arrived.\n"
        "- **Your group**: for the group work.\n"
        "- **Your questions to the panel and your votes**: for the panel discussion. Your county is shown "
        "only if you tick the box; your name never is.\n"
        "- **The evaluation**: answers are stored without a name. So that each person has one answer "
        "they can change, a coded key only the app can tie to you is stored; it is deleted with the rest.\n"
        "- **A log of what the staff do** in the app (check-ins, moves between groups).\n\n"
        "The app does not track you, shows no ads and sends nothing to anyone else.",
    ),
    "priv.how_long_heading": ("Hvor lenge", "For how long"),
    "priv.how_long": (
        "Personopplysningene slettes {days} dager etter verkstedet, innen {date}, også fra sikkerhetskopiene. "
        "Det som blir igjen, er anonyme tall (hvor mange som kom, per fylke, tema og rolle), spørsmålene "
        "uten navn og evalueringens svar, til rapporten fra verkstedet.",
        "The personal data is deleted {days} days after the workshop, by {date}, from the backups too. "
        "What remains are anonymous numbers (how many came, per county, theme and role), the questions "
        "without names and the evaluation's answers, for the workshop's report.",
    ),
    "priv.rights_heading": ("Dine rettigheter", "Your rights"),
    "priv.rights": (
        "Du kan be om å få se alt vi har lagret om deg (innsyn), få rettet feil, få opplysningene slettet "
        "eller protestere mot bruken av dem. Skriv til {contact}; vi svarer innen en måned. Spørsmålene "
        "dine blir stående uten navn, og stemmene dine teller fortsatt, men knyttes ikke lenger til deg. "
        "Du kan også klage til Datatilsynet (datatilsynet.no).",
        "You can ask to see everything we store about you (access), have mistakes corrected, have the data "
        "deleted, or object to its use. Write to {contact}; we answer within a month. Your questions stay, "
        "without your name, and your votes still count, but are no longer tied to you. You can also "
        "complain to the Norwegian Data Protection Authority (datatilsynet.no).",
    ),
    "priv.purged": (
        "Personopplysningene fra verkstedet ble slettet {date}.",
        "The workshop's personal data was deleted on {date}.",
    ),
    "purged.link": (
        "Verkstedet er over, og personopplysningene er slettet. Den personlige lenken virker ikke lenger.",
        "The workshop is over and its personal data has been deleted. Personal links no longer work.",
    ),
    "purge.heading": ("Slett personopplysningene", "Delete the personal data"),
    "purge.hint": (
        "Etter verkstedet: sletter navn, e-post, lenker, koder, skanninger, hvem som spurte hva, "
        "og alle sikkerhetskopier. Anonyme tall, spørsmålene og evalueringen blir igjen. Kan ikke angres. "
        "Slett også filer som er lastet ned (deltakerlister, lenker). "
        "Fra kommandolinjen: `python -m companion purge`.",
        "After the workshop: deletes names, e-mails, links, codes, scans, who asked what, and every "
        "snapshot. Anonymous numbers, the questions and the evaluation stay. Cannot be undone. Also delete "
        "files that were downloaded (participant lists, links). From the command line: "
        "`python -m companion purge`.",
    ),
    "purge.due": (
        "Skal gjøres senest {date} ({days} dager etter verkstedet).",
        "Due by {date} ({days} days after the workshop).",
    ),
    "purge.confirm_label": (
        "Skriv arrangementets navn for å bekrefte: {name}",
        "Type the event's name to confirm: {name}",
    ),
    "purge.button": ("Slett personopplysningene", "Delete the personal data"),
    "purge.done": (
        "Slettet: {participants} personer anonymisert, {snapshots} sikkerhetskopier slettet.",
        "Done: {participants} people made anonymous, {snapshots} snapshots deleted.",
    ),
    "purge.was_done": ("Personopplysningene ble slettet {date}.", "The personal data was deleted on {date}."),
    "purge.copies_done": (
        "{copies} kopier slettet i {folder}.",
        "{copies} copies deleted in {folder}.",
    ),
    "purge.copies_left": (
        "Kopiene i {folder} ble ikke slettet ({reason}). Slett filene snapshot-*.db der for hånd.",
        "The copies in {folder} were not deleted ({reason}). Delete the snapshot-*.db files there by hand.",
    ),
    # --- the hall talks back: group notes, polls, messages to phones, presentations
    "hall.tab": ("Salen", "The hall"),
    "hall.show": ("Vis på storskjerm", "Show on the big screen"),
    "hall.hide": ("Ta av storskjermen", "Take off the big screen"),
    "notes.heading": ("Innspill fra gruppene", "Points from the groups"),
    "notes.group_heading": ("Gruppens innspill", "Your group's points"),
    "notes.intro_writer": (
        "Skriv gruppens viktigste poeng. Alle i gruppen ser dem med en gang.",
        "Write the group's key points. Everyone in the group sees them at once.",
    ),
    "notes.intro_reader": (
        "Sekretæren skriver gruppens viktigste poeng her. De dukker opp av seg selv.",
        "The secretary writes the group's key points here. They appear by themselves.",
    ),
    "notes.label": ("Nytt poeng (høyst {max} tegn)", "New point (at most {max} characters)"),
    "notes.guiding": ("Svarer på", "Answers"),
    "notes.send": ("Legg til", "Add"),
    "notes.save": ("Lagre endringen", "Save the change"),
    "notes.edit": ("Endre", "Edit"),
    "notes.cancel": ("Avbryt", "Cancel"),
    "notes.none": ("Ingen poeng ennå.", "No points yet."),
    "notes.edited": ("endret", "edited"),
    "notes.saved": ("Lagret.", "Saved."),
    "notes.secretary_label": ("Hvem skriver gruppens poeng?", "Who writes the group's points?"),
    "notes.secretary_me": ("Jeg selv (fasilitator)", "Myself (facilitator)"),
    "notes.secretary_button": ("Lagre", "Save"),
    "notes.group": ("Gruppe {number}", "Group {number}"),
    "notes.overview_empty": ("Ingen grupper har skrevet noe ennå.", "No group has written anything yet."),
    "notes.star": ("Gi stjerne", "Star"),
    "notes.unstar": ("Fjern stjernen", "Remove the star"),
    "poll.heading": ("Avstemning", "Poll"),
    "poll.send": ("Send svar", "Send answer"),
    "poll.update": ("Endre svaret", "Change your answer"),
    "poll.saved": (
        "Takk! Svaret er lagret. Du kan endre det så lenge avstemningen er åpen.",
        "Thank you! Your answer is stored. You can change it while the poll is open.",
    ),
    "poll.updated": ("Svaret er endret.", "Your answer is changed."),
    "poll.words_label": ("Et ord eller tre", "A word or three"),
    "poll.scale_help": ("1 = svært lite, 5 = svært mye", "1 = very little, 5 = very much"),
    "poll.answers": ("{n} svar", "{n} answers"),
    "poll.closed": ("Avstemningen er stengt.", "The poll is closed."),
    "poll.org_heading": ("Avstemninger", "Polls"),
    "poll.new_heading": ("Ny avstemning", "New poll"),
    "poll.kind_label": ("Type", "Kind"),
    "poll.single": ("Ett valg", "One choice"),
    "poll.multiple": ("Flere valg", "Several choices"),
    "poll.scale": ("Skala 1–5", "Scale 1–5"),
    "poll.words": ("Ordsky", "Word cloud"),
    "poll.question_nb": ("Spørsmål (norsk)", "Question (Norwegian)"),
    "poll.question_en": ("Spørsmål (engelsk, valgfritt)", "Question (English, optional)"),
    "poll.options_label": ("Valg, ett per linje", "Choices, one per line"),
    "poll.options_en_label": (
        "Valgene på engelsk, i samme rekkefølge (kan stå tomt)",
        "The choices in English, in the same order (may be left empty)",
    ),
    "poll.create": ("Lag avstemningen", "Create the poll"),
    "poll.load": ("Hent fra polls.toml", "Load from polls.toml"),
    "poll.loaded": ("{count} nye avstemninger hentet.", "{count} new polls loaded."),
    "poll.none": ("Ingen avstemninger ennå.", "No polls yet."),
    "poll.open": ("Åpne", "Open"),
    "poll.close": ("Steng", "Close"),
    "poll.is_ready": ("klar", "ready"),
    "poll.is_open": ("åpen", "open"),
    "poll.is_closed": ("stengt", "closed"),
    "poll.export_csv": ("Resultater (CSV)", "Results (CSV)"),
    "poll.export_xlsx": ("Resultater (XLSX)", "Results (XLSX)"),
    "msg.heading": ("Beskjeder", "Messages"),
    "msg.new": ("Beskjed fra arrangøren", "Message from the organizer"),
    "msg.dismiss": ("Lukk", "Dismiss"),
    "msg.org_heading": ("Beskjed til telefonene", "Message to the phones"),
    "msg.label": ("Beskjed (høyst {max} tegn)", "Message (at most {max} characters)"),
    "msg.to": ("Til", "To"),
    "msg.to_all": ("Alle", "Everyone"),
    "msg.to_theme": ("Tema {id}", "Theme {id}"),
    "msg.send": ("Send", "Send"),
    "msg.sent": (
        "Sendt. Åpne telefoner viser beskjeden innen 10 sekunder.",
        "Sent. Open phones show the message within 10 seconds.",
    ),
    "msg.withdraw": ("Trekk tilbake", "Withdraw"),
    "msg.withdrawn": ("trukket tilbake", "withdrawn"),
    "pres.heading": ("Presentasjoner", "Presentations"),
    "pres.link_pdf": ("Presentasjon (PDF)", "Presentation (PDF)"),
    "pres.link_web": ("Presentasjon (lenke)", "Presentation (link)"),
    "pres.slot": ("Programpost", "Programme item"),
    "pres.file": ("PDF-fil (høyst 50 MB)", "PDF file (at most 50 MB)"),
    "pres.url": ("… eller en lenke", "… or a link"),
    "pres.title": ("Tittel for lenken", "Title of the link"),
    "pres.add": ("Legg til en presentasjon", "Add a presentation"),
    "pres.save": ("Lagre presentasjonen", "Save the presentation"),
    "pres.added": ("Lagt til.", "Added."),
    "pres.remove": ("Fjern", "Remove"),
    "report.points": ("Innspill fra gruppene", "Points from the groups"),
    "report.no_points": ("Ingen grupper skrev innspill.", "No group wrote any points."),
    "report.points_count": ("Innspill", "Points"),
    "report.point": ("Innspill", "Point"),
    "report.answers_question": ("Svarer på", "Answers"),
    "report.starred": ("Stjernemerket", "Starred"),
    "pres.need": ("Velg en PDF eller skriv en lenke.", "Choose a PDF or write a link."),
    # --- hostile hall: PIN limits, device cookie, exports
    "org.dl_links_help": (
        "Fila inneholder hver persons hemmelige lenke: den som har fila, kan åpne sidene deres. "
        "Del den bare med den som sender e-posten, og slett den etterpå. Ingen annen eksport har lenkene.",
        "The file holds every person's secret link: whoever has it can open their pages. "
        "Share it only with whoever sends the e-mail, and delete it afterwards. No other export has the links.",
    ),
    "safe.pins_refused": (
        "{count} forsøk ble avvist uten å bli prøvd, fordi det var for mange feil.",
        "{count} attempts were refused without being tried, because there were too many wrong ones.",
    ),
    # --- connection state, first visit and phone retries (offline) ---
    "conn.lost": ("Mistet forbindelsen – prøver igjen …", "Connection lost – trying again …"),
    "conn.loading": ("laster …", "loading …"),
    "q.ask_waiting": (
        "Ingen forbindelse nå. Spørsmålet sendes av seg selv når nettet er tilbake.",
        "No connection right now. Your question is sent by itself when the network is back.",
    ),
    "q.vote_waiting": (
        "Ingen forbindelse. Stemmen sendes når nettet er tilbake.",
        "No connection. Your vote is sent when the network is back.",
    ),
    "eval.waiting": (
        "Ingen forbindelse nå. Svaret sendes av seg selv når nettet er tilbake.",
        "No connection right now. Your answer is sent by itself when the network is back.",
    ),
    # --- operations: links to this machine, copies off the machine (issue 12)
    "ops.local_links": (
        "Lenkene og QR-kodene ville peke på {url}, som bare virker på denne maskinen. Sett COMPANION_BASE_URL "
        "til adressen telefonene bruker (f.eks. https://verksted.example.no) og start appen på nytt.",
        "The links and QR codes would point at {url}, which works only on this machine. Set COMPANION_BASE_URL "
        "to the address phones use (e.g. https://verksted.example.no) and restart the app.",
    ),
    "ops.local_links_allow": (
        "Lag lenker til denne maskinen likevel (bare for å prøve)",
        "Make links to this machine anyway (for a test only)",
    ),
    "ops.copy_to": ("Hver sikkerhetskopi kopieres også til {folder}.", "Every snapshot is also copied to {folder}."),
    "ops.copy_none": (
        "Sikkerhetskopiene ligger bare på denne maskinen. Sett COMPANION_BACKUP_COPY_TO til en mappe på en "
        "minnepinne eller et nettverksområde.",
        "The snapshots are on this machine only. Set COMPANION_BACKUP_COPY_TO to a folder on a USB stick "
        "or a network share.",
    ),
    "ops.copy_failed": (
        "Kopien til {folder} feilet ({error}). Sikkerhetskopien på denne maskinen er tatt; appen går som før. "
        "Sjekk at minnepinnen eller nettverksområdet er koblet til og skrivbart.",
        "The copy to {folder} failed ({error}). The snapshot on this machine was taken; the app carries on. "
        "Check that the USB stick or network share is connected and writable.",
    ),
    # --- accessibility: Streamlit's own strings, titles and labels (issue 14)
    "a11y.site": ("Verkstedet", "Verkstedet"),
    "a11y.skip": ("Hopp til hovedinnholdet", "Skip to main content"),
    "a11y.heading_link": ("Lenke til overskriften", "Link to heading"),
    "a11y.take_photo": ("Ta bilde", "Take Photo"),
    "a11y.clear_photo": ("Fjern bildet", "Clear photo"),
    "a11y.camera_ask": ("Siden vil bruke kameraet.", "This app would like to use your camera."),
    "a11y.camera_how": ("Slik gir du tilgang.", "Learn how to allow access."),
    "a11y.choose_or_add": ("Velg eller skriv inn", "Choose or add an option"),
    "a11y.choose": ("Velg", "Choose an option"),
    "a11y.clock_frame": ("Klokke og nedtelling", "Clock and countdown"),
    "a11y.watcher_frame": ("Oppdaterer siden ved endringer", "Updates the page when something changes"),
    "a11y.questions_frame": ("Still og stem på spørsmål", "Ask and vote on questions"),
    "a11y.evaluation_frame": ("Evalueringsskjema", "Evaluation form"),
    "a11y.scanner_frame": ("Skanner: kamera, kodefelt og resultat", "Scanner: camera, code field and result"),
    "a11y.mod_keys_frame": ("Hurtigtaster for moderatoren", "The moderator's keyboard shortcuts"),
    "a11y.vote_on": ("Stem på: {q}", "Vote for: {q}"),
    "a11y.voted_on": ("Stemt på: {q}, trykk for å ta tilbake", "Voted for: {q}, press to take back"),
    "a11y.join_qr": ("QR-kode til {url}", "QR code for {url}"),
    "a11y.arrivals_summary": (
        "{arrived} av {expected} har kommet. Travlest kl. {peak}: {count} på fem minutter.",
        "{arrived} of {expected} have arrived. Busiest at {peak}: {count} in five minutes.",
    ),
    # --- desk: the live scanner, its offline queue and the photo fallback (issues 16, 20)
    "desk.photo_fallback": (
        "Ta bilde i stedet (hvis kameraet over ikke leser)",
        "Take a photo instead (if the camera above does not read)",
    ),
    "desk.scanner.frame_title": ("Skanner: kamera, kode og resultat", "Scanner: camera, code and result"),
    "desk.scanner.ready": ("Klar: skann en billett", "Ready: scan a ticket"),
    "desk.scanner.checking": ("Sjekker …", "Checking …"),
    "desk.scanner.recorded": (
        "Skanning lagret – sendes når nettet er tilbake",
        "Scan kept – sent when the network is back",
    ),
    "desk.scanner.unconfirmed": ("ikke bekreftet ennå", "not confirmed yet"),
    "desk.scanner.unknown_offline": (
        "Koden finnes ikke i listen på denne maskinen – sjekkes når nettet er tilbake",
        "The code is not in the list on this machine – checked when the network is back",
    ),
    "desk.scanner.online": ("Tilkoblet", "Online"),
    "desk.scanner.offline": ("Frakoblet: {n} skanninger venter", "Offline: {n} scans waiting"),
    "desk.scanner.syncing": ("Sender {n} skanninger …", "Sending {n} scans …"),
    "desk.scanner.signed_out": ("Logget ut – logg inn igjen", "Signed out – sign in again"),
    "desk.scanner.waiting": ("venter", "waiting"),
    "desk.scanner.latest": ("Siste skanninger", "Latest scans"),
    "desk.scanner.camera": ("Kamera", "Camera"),
    "desk.scanner.sound": ("Lyd", "Sound"),
    "desk.scanner.camera_failed": (
        "Kameraet kan ikke brukes her. Bruk skanneren, skriv koden, eller ta et bilde nedenfor.",
        "The camera cannot be used here. Use the scanner, type the code, or take a photo below.",
    ),
    "desk.scanner.unreadable": ("Svaret kunne ikke leses", "The answer could not be read"),
    "desk.scanner.undo_failed": ("Angre feilet – prøv igjen", "Undo failed – try again"),
    # --- smooth: durations in words, the personal card on Nå, theme names, words instead of codes
    "dur.in": ("om {span}", "in {span}"),
    "dur.h": ("t", "h"),
    "dur.min": ("min", "min"),
    "dur.s": ("s", "s"),
    "link.broken": (
        "Denne personlige lenken virker ikke. Sjekk at du har hele lenken fra e-posten, eller spør i registreringen."
        " Under ser du det alle ser.",
        "This personal link does not work. Check that you have the whole link from the e-mail, or ask at the"
        " registration desk. Below is what everyone sees.",
    ),
    "now.my_group": ("Din gruppe: {number} · rom {room}", "Your group: {number} · room {room}"),
    "now.ask": ("Still et spørsmål", "Ask a question"),
    "now.next_in": ("Neste: {title} kl. {start} ·", "Next: {title} at {start} ·"),
    "org.delay_cleared": ("Programmet følger planen igjen.", "The programme is back on schedule."),
    "mod.approve_all": ("Godkjenn alle synlige ({n})", "Approve all shown ({n})"),
    "mod.more_actions": ("Besvart, gjenopprett, rett", "Answered, restore, edit"),
    "mod.keys": (
        "Taster: ↑↓ velg · A godkjenn · H skjul · S stjerne · Enter vis på skjerm",
        "Keys: ↑↓ choose · A approve · H hide · S star · Enter show on screen",
    ),
    "q.merged_status": ("{status} (slått sammen med et likt spørsmål)", "{status} (merged with a similar question)"),
    # words instead of codes (wording.py): the audit trail and the exports
    "action.backup.restore": ("Sikkerhetskopi lagt tilbake", "Backup restored"),
    "action.backup.snapshot": ("Sikkerhetskopi tatt", "Backup taken"),
    "action.checkin.undo": ("Innsjekking angret", "Check-in undone"),
    "action.evaluation.close": ("Evalueringen stengt", "Evaluation closed"),
    "action.evaluation.open": ("Evalueringen åpnet", "Evaluation opened"),
    "action.groups.assign": ("Grupper fordelt", "Groups assigned"),
    "action.groups.lock_themes": ("Temavalg låst", "Theme choices locked"),
    "action.groups.move": ("Deltaker flyttet til en annen gruppe", "Participant moved to another group"),
    "action.groups.reassign_present": (
        "Grupper fordelt på nytt blant de oppmøtte",
        "Groups reassigned among those present",
    ),
    "action.groups.reset_pins": ("Manuelle flyttinger glemt", "Manual moves forgotten"),
    "action.groups.unlock_themes": ("Temavalg åpnet igjen", "Theme choices unlocked"),
    "action.message.send": ("Melding sendt til telefonene", "Message sent to the phones"),
    "action.message.withdraw": ("Melding trukket tilbake", "Message withdrawn"),
    "action.notes.screen": ("Innspill vist på skjermen", "Group point shown on screen"),
    "action.notes.screen_off": ("Innspill tatt av skjermen", "Group point taken off screen"),
    "action.notes.star": ("Innspill stjernemerket", "Group point starred"),
    "action.notes.star_off": ("Stjerne fjernet fra innspill", "Star removed from group point"),
    "action.participant.walk_in": ("Deltaker uten påmelding lagt til", "Walk-in participant added"),
    "action.participants.import": ("Deltakerliste importert", "Participant list imported"),
    "action.poll.close": ("Avstemning stengt", "Poll closed"),
    "action.poll.create": ("Avstemning laget", "Poll created"),
    "action.poll.hide": ("Avstemning tatt av skjermen", "Poll taken off screen"),
    "action.poll.open": ("Avstemning åpnet", "Poll opened"),
    "action.poll.show": ("Avstemning vist på skjermen", "Poll shown on screen"),
    "action.presentation.add": ("Presentasjon lagt til", "Presentation added"),
    "action.presentation.remove": ("Presentasjon fjernet", "Presentation removed"),
    "action.privacy.erase": ("En persons opplysninger slettet", "A person's data erased"),
    "action.privacy.purge": ("Alle personopplysninger slettet", "All personal data deleted"),
    "action.question.answer": ("Spørsmål besvart", "Question answered"),
    "action.question.approve": ("Spørsmål godkjent", "Question approved"),
    "action.question.edit": ("Spørsmål rettet", "Question edited"),
    "action.question.hide": ("Spørsmål skjult", "Question hidden"),
    "action.question.merge": ("Spørsmål slått sammen", "Questions merged"),
    "action.question.reorder": ("Køen endret", "Queue reordered"),
    "action.question.restore": ("Spørsmål gjenopprettet", "Question restored"),
    "action.question.screen": ("Spørsmål vist på skjermen", "Question shown on screen"),
    "action.question.star": ("Spørsmål stjernemerket", "Question starred"),
    "action.question.unscreen": ("Spørsmål tatt av skjermen", "Question taken off screen"),
    "action.question.unstar": ("Stjerne fjernet", "Star removed"),
    "action.questions.override": ("Spørsmål åpnet eller stengt for salen", "Questions opened or closed to the hall"),
    "action.questions.premoderation": ("Forhåndsmoderering endret", "Pre-moderation changed"),
    "action.schedule.delay": ("Forsinkelse satt", "Delay set"),
    "wkey.id": ("nr.", "no."),
    "wkey.from": ("fra", "from"),
    "wkey.to": ("til", "to"),
    "wkey.into": ("inn i", "into"),
    "wkey.merged": ("slått inn", "merged in"),
    "wkey.participant_id": ("deltaker", "participant"),
    "wkey.position": ("plass i køen", "place in the queue"),
    "wkey.value": ("verdi", "value"),
    "wkey.on": ("på", "on"),
    "wkey.file": ("fil", "file"),
    "wkey.answers": ("svar", "answers"),
    "wdesk.unknown": ("ukjent enhet", "unknown device"),
    "wdesk.cli": ("kommandolinjen", "command line"),
    "wval.yes": ("ja", "yes"),
    "wval.no": ("nei", "no"),
    "wcol.code_of": ("{column} (kode)", "{column} (code)"),
    "wcol.name": ("Navn", "Name"),
    "wcol.email": ("E-post", "E-mail"),
    "wcol.county": ("Fylke", "County"),
    "wcol.role": ("Rolle", "Role"),
    "wcol.theme": ("Tema", "Theme"),
    "wcol.group": ("Gruppe", "Group"),
    "wcol.room": ("Rom", "Room"),
    "wcol.code": ("Kode", "Code"),
    "wcol.checked_in_at": ("Sjekket inn", "Checked in"),
    "wcol.walk_in": ("Uten påmelding", "Walk-in"),
    "wcol.id": ("Nr.", "No."),
    "wcol.text": ("Spørsmål", "Question"),
    "wcol.status": ("Status", "Status"),
    "wcol.votes": ("Stemmer", "Votes"),
    "wcol.created_at": ("Stilt", "Asked"),
    "wcol.answered_at": ("Besvart", "Answered"),
    "wcol.merged_into": ("Slått sammen med nr.", "Merged into no."),
    "wcol.at": ("Tid", "Time"),
    "wcol.desk": ("Enhet", "Device"),
    "wcol.action": ("Handling", "Action"),
    "wcol.detail": ("Detaljer", "Details"),
    "wcol.method": ("Metode", "Method"),
    "wcol.result": ("Resultat", "Result"),
    "wcol.scanned": ("Skannet tekst", "Scanned text"),
    # --- polish: the desk's camera box says why it shows no picture (desk_scanner.js)
    "desk.scanner.camera_none": (
        "Ingen kamera funnet – bruk skanneren eller søk på navn",
        "No camera found – use the scanner or search by name",
    ),
    "desk.scanner.camera_blocked": (
        "Kameraet er ikke tillatt i denne nettleseren – tillat det ved adressefeltet, eller bruk skanneren "
        "eller søk på navn",
        "The camera is not allowed in this browser – allow it by the address bar, or use the scanner or search by name",
    ),
    "desk.scanner.camera_off": (
        "Kameraet er slått av – bruk skanneren eller søk på navn",
        "The camera is switched off – use the scanner or search by name",
    ),
}

ERRORS: dict[str, tuple[str, str]] = {
    "empty_pin": ("Skriv inn PIN-koden.", "Enter the PIN."),
    "wrong_pin": ("Feil PIN-kode.", "Wrong PIN."),
    "too_many_attempts": (
        "For mange feil forsøk. Vent {wait} sekunder og prøv igjen.",
        "Too many wrong tries. Wait {wait} seconds and try again.",
    ),
    "bad_delay": (
        "Forsinkelsen må være et helt antall minutter mellom −240 og 240.",
        "The delay must be whole minutes between −240 and 240.",
    ),
    # --- tickets, import and check-in
    "unknown_code": ("Ukjent kode", "Unknown code"),
    "not_our_ticket": ("Dette er ikke en billett til verkstedet", "This is not a ticket for the workshop"),
    "deleted_participant": (
        "Denne billetten er slettet. Spør arrangøren.",
        "This ticket has been deleted. Ask the organizer.",
    ),
    "empty_code": ("Skann en billett eller skriv en kode.", "Scan a ticket or type a code."),
    "image_too_large": (
        "Bildet er for stort. Ta et nytt bilde med kameraet her.",
        "The image is too large. Take a new photo with the camera here.",
    ),
    "not_an_image": ("Filen er ikke et bilde.", "The file is not an image."),
    "no_qr": (
        "Fant ingen lesbar QR-kode. Er bildet uskarpt? Hold koden stille, 20–30 cm fra kameraet, og prøv igjen.",
        "No readable QR code found. Is the photo blurred? Hold the code still, 20–30 cm from the camera, "
        "and try again.",
    ),
    "several_qr": (
        "Mer enn én QR-kode i bildet. Vis én billett om gangen.",
        "More than one QR code in the photo. Show one ticket at a time.",
    ),
    "not_checked_in": (
        "Personen er ikke sjekket inn; ingenting å angre.",
        "This person is not checked in; nothing to undo.",
    ),
    "no_name": ("Navn mangler.", "The name is missing."),
    "bad_email": ("Ugyldig e-postadresse.", "Invalid e-mail address."),
    "email_taken": (
        "Noen med denne e-posten er allerede registrert. Søk etter dem på navn.",
        "Someone with this e-mail is already registered. Search for them by name.",
    ),
    "unknown_role": ("Ukjent rolle.", "Unknown role."),
    "ambiguous_theme": (
        "Temaet passer til flere tema; skriv mer av navnet eller bruk nummeret.",
        "The theme matches more than one theme; write more of the name or use its number.",
    ),
    "empty_file": ("Filen er tom.", "The file is empty."),
    "file_too_large": ("Filen er for stor (over 5 MB).", "The file is too large (over 5 MB)."),
    "bad_encoding": ("Filen er ikke tekst i UTF-8 eller Windows-1252.", "The file is not UTF-8 or Windows-1252 text."),
    "not_a_table": ("Filen er ikke en CSV- eller XLSX-fil.", "The file is not a CSV or XLSX file."),
    "bad_xlsx": ("XLSX-filen kan ikke leses.", "The XLSX file cannot be read."),
    "no_name_column": (
        "Første rad mangler en navnekolonne (navn/name).",
        "The first row has no name column (navn/name).",
    ),
    "bad_csv": ("Filen kan ikke leses som CSV (linje {line}).", "The file cannot be read as CSV (line {line})."),
    "unclosed_quote": (
        'Linje {line}: et anførselstegn (") åpnes og lukkes aldri. Rett filen og prøv igjen.',
        'Line {line}: a quote (") is opened and never closed. Fix the file and try again.',
    ),
    "too_many_rows": (
        "Filen har {rows} rader; en deltakerliste for verkstedet har høyst {max}. Er det riktig fil?",
        "The file has {rows} rows; a participant list for the workshop has at most {max}. Is this the right file?",
    ),
    "name_too_long": ("Navnet er for langt.", "The name is too long."),
    # --- groups and rooms
    "rooms_too_small": (
        "Rommene har ikke plass til alle ({people} personer, {capacity} plasser). Ingen er fordelt; legg til rom i "
        "data/rooms.csv.",
        "The rooms cannot hold everyone ({people} people, {capacity} seats). Nobody was assigned; add rooms to "
        "data/rooms.csv.",
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
    "pin_conflict": (
        "De manuelle flyttingene passer ikke med gruppene nå. Glem manuelle flyttinger og fordel på nytt.",
        "The manual moves no longer fit the groups. Reset manual moves and assign again.",
    ),
    "unknown_room": (
        "Gruppene bruker rom som ikke står i data/rooms.csv lenger. Fordel alle på nytt.",
        "The groups use rooms that are no longer in data/rooms.csv. Assign everyone again.",
    ),
    "no_groups": ("Ingen grupper er fordelt ennå.", "No groups are assigned yet."),
    "room_full": ("Rom {room} er fullt ({capacity} plasser).", "Room {room} is full ({capacity} seats)."),
    # --- questions
    "empty_question": ("Skriv et spørsmål først.", "Write a question first."),
    "question_too_long": (
        "Spørsmålet er for langt: høyst {max} tegn (du skrev {length}).",
        "The question is too long: at most {max} characters (you wrote {length}).",
    ),
    "duplicate_question": ("Du har allerede stilt dette spørsmålet.", "You have already asked this question."),
    "too_many_questions": (
        "Du kan stille høyst {limit} spørsmål per 10 minutter. Prøv igjen om {minutes} min.",
        "You can ask at most {limit} questions per 10 minutes. Try again in {minutes} min.",
    ),
    "questions_closed": ("Det er stengt for spørsmål nå.", "Questions are closed now."),
    "bad_theme": ("Velg tema 1, tema 2 eller generelt.", "Choose theme 1, theme 2 or general."),
    "unknown_participant": (
        "Vi fant deg ikke. Åpne den personlige lenken din på nytt.",
        "We could not find you. Open your personal link again.",
    ),
    "own_question": ("Du kan ikke stemme på ditt eget spørsmål.", "You cannot vote for your own question."),
    "not_votable": ("Dette spørsmålet tar ikke imot stemmer nå.", "This question does not take votes now."),
    "bad_vote": ("Stemmen kunne ikke leses. Last inn siden på nytt.", "The vote could not be read. Reload the page."),
    "bad_ask": (
        "Spørsmålet kunne ikke leses. Last inn siden på nytt.",
        "The question could not be read. Reload the page.",
    ),
    "ask_unavailable": (
        "Spørsmålet ble ikke lagret. Prøv igjen om litt.",
        "The question was not stored. Try again in a moment.",
    ),
    "questions_unavailable": ("Listen kunne ikke hentes akkurat nå.", "The list could not be fetched just now."),
    "vote_unavailable": (
        "Stemmen ble ikke lagret. Prøv igjen om litt.",
        "The vote was not stored. Try again in a moment.",
    ),
    "question_not_found": ("Fant ikke spørsmålet.", "Question not found."),
    "bad_transition": (
        "Det går ikke med et spørsmål som har denne statusen.",
        "Not possible for a question with this status.",
    ),
    "not_published": (
        "Bare publiserte spørsmål kan vises på skjermen.",
        "Only published questions can go on the screen.",
    ),
    "already_merged": ("Spørsmålet er slått sammen med #{into}.", "The question was merged into #{into}."),
    "nothing_to_merge": (
        "Velg minst ett annet spørsmål å slå sammen med.",
        "Choose at least one other question to merge.",
    ),
    "not_starred": ("Stjernemerk spørsmålet først.", "Star the question first."),
    "bad_sort": ("Ukjent sortering.", "Unknown sort order."),
    "bad_status": ("Ukjent status.", "Unknown status."),
    "bad_action": ("Ukjent handling.", "Unknown action."),
    "bad_override": ("Velg åpent, stengt eller følg programmet.", "Choose open, closed or follow the programme."),
    # --- safety: backups and audit
    "no_database": ("Det finnes ingen database ennå.", "There is no database yet."),
    "target_is_folder": ("Målet er en mappe; oppgi et filnavn.", "The target is a folder; give a file name."),
    "same_file": ("Det er den aktive databasen selv.", "That is the live database itself."),
    "backup_missing": ("Fant ikke filen {file}.", "File {file} not found."),
    "not_sqlite": ("{file} er ikke en SQLite-database.", "{file} is not an SQLite database."),
    "backup_corrupt": ("{file} er skadet og kan ikke brukes.", "{file} is damaged and cannot be used."),
    "not_companion_db": (
        "{file} er en SQLite-fil, men ikke en Verkstedet-database.",
        "{file} is an SQLite file, but not a Verkstedet database.",
    ),
    "newer_schema": (
        "{file} kommer fra en nyere versjon av appen ({migration}). Oppdater appen først.",
        "{file} comes from a newer version of the app ({migration}). Update the app first.",
    ),
    "restore_failed": (
        "Gjenopprettingen feilet, og ingenting ble endret.",
        "The restore failed and nothing was changed.",
    ),
    # --- import: column mapping (issue 13)
    "bad_mapping": ("Kolonnevalget kan ikke brukes.", "The column choice cannot be used."),
    # --- the hall talks back: group notes, polls, messages to phones, presentations
    "not_in_group": ("Du er ikke med i en gruppe.", "You are not in a group."),
    "not_note_writer": (
        "Bare fasilitatoren eller sekretæren skriver gruppens poeng.",
        "Only the facilitator or the secretary writes the group's points.",
    ),
    "not_facilitator": (
        "Bare gruppens fasilitator velger sekretær.",
        "Only the group's facilitator names a secretary.",
    ),
    "bad_note": ("Poenget kunne ikke leses. Last inn siden på nytt.", "The point could not be read. Reload the page."),
    "empty_note": ("Skriv poenget først.", "Write the point first."),
    "note_too_long": (
        "Poenget er for langt: høyst {max} tegn (du skrev {length}).",
        "The point is too long: at most {max} characters (you wrote {length}).",
    ),
    "bad_guiding": ("Velg et av spørsmålene.", "Choose one of the questions."),
    "note_not_found": ("Fant ikke poenget.", "That point was not found."),
    "notes_unavailable": (
        "Poenget ble ikke lagret. Prøv igjen om litt.",
        "The point was not stored. Try again in a moment.",
    ),
    "bad_poll_kind": ("Ukjent type avstemning.", "Unknown kind of poll."),
    "bad_poll_question": ("Skriv et spørsmål på 1 til {max} tegn.", "Write a question of 1 to {max} characters."),
    "bad_poll_options": (
        "Skriv 2 til 10 ulike valg, ett per linje (bare for valg-avstemninger).",
        "Write 2 to 10 different choices, one per line (choice polls only).",
    ),
    "bad_poll_options_en": (
        "Skriv like mange engelske valg som norske, i samme rekkefølge, eller la feltet stå tomt.",
        "Write as many English choices as Norwegian ones, in the same order, or leave the field empty.",
    ),
    "bad_polls_file": ("Fila polls.toml kan ikke brukes.", "The file polls.toml cannot be used."),
    "poll_not_found": ("Fant ikke avstemningen.", "That poll was not found."),
    "bad_poll_action": ("Ukjent handling.", "Unknown action."),
    "bad_poll_answer": ("Velg fra listen.", "Choose from the list."),
    "too_many_words": ("Høyst {max} ord.", "At most {max} words."),
    "poll_not_open": ("Avstemningen er stengt.", "The poll is closed."),
    "poll_unavailable": (
        "Svaret ble ikke lagret. Prøv igjen om litt.",
        "The answer was not stored. Try again in a moment.",
    ),
    "empty_message": ("Skriv beskjeden først.", "Write the message first."),
    "message_too_long": (
        "Beskjeden er for lang: høyst {max} tegn (du skrev {length}).",
        "The message is too long: at most {max} characters (you wrote {length}).",
    ),
    "bad_message_scope": ("Velg alle, ett tema eller én gruppe.", "Choose everyone, one theme or one group."),
    "message_not_found": ("Fant ikke beskjeden, eller den er trukket tilbake.", "No such message, or it is withdrawn."),
    "unknown_slot": ("Ingen programpost starter {slot}.", "No programme item starts at {slot}."),
    "pdf_too_large": ("Fila er for stor: høyst {max} MB.", "The file is too large: at most {max} MB."),
    "not_a_pdf": ("Fila er ikke en PDF.", "The file is not a PDF."),
    "bad_presentation_title": ("Gi presentasjonen en tittel.", "Give the presentation a title."),
    "bad_link": (
        "En lenke begynner med https:// og har ingen mellomrom.",
        "A link starts with https:// and has no spaces.",
    ),
    "presentation_not_found": ("Fant ikke presentasjonen.", "That presentation was not found."),
    # --- evaluation and privacy
    "bad_evaluation": (
        "Svaret kunne ikke leses. Last inn siden på nytt.",
        "The answer could not be read. Reload the page.",
    ),
    "evaluation_not_open": (
        "Evalueringen åpner når oppsummeringen begynner.",
        "The evaluation opens when the summing-up begins.",
    ),
    "evaluation_closed": ("Evalueringen er stengt.", "The evaluation is closed."),
    "bad_answer": (
        "Ett av svarene kunne ikke leses. Last inn siden på nytt.",
        "One of the answers could not be read. Reload the page.",
    ),
    "missing_answer": ("Velg et tall fra 1 til 5 på hvert spørsmål.", "Choose a number from 1 to 5 for each question."),
    "answer_too_long": (
        "Teksten er for lang: høyst {max} tegn (du skrev {length}).",
        "The text is too long: at most {max} characters (you wrote {length}).",
    ),
    "evaluation_unavailable": (
        "Svaret ble ikke lagret. Prøv igjen om litt.",
        "The answer was not stored. Try again in a moment.",
    ),
    "event_purged": (
        "Verkstedet er over, og personopplysningene er slettet.",
        "The workshop is over and its personal data has been deleted.",
    ),
    "wrong_confirmation": (
        "Skriv arrangementets navn nøyaktig for å bekrefte.",
        "Type the event's name exactly to confirm.",
    ),
    "event_not_over": (
        "Verkstedet er ikke over: det slutter {end}. Slett personopplysningene etter det.",
        "The workshop is not over: it ends {end}. Delete the personal data after that.",
    ),
    "unknown_email": ("Ingen med denne e-postadressen er lagret.", "Nobody with this e-mail address is stored."),
    # --- operations (issue 12)
    "copy_failed": ("Kopien til {folder} feilet: {error}", "The copy to {folder} failed: {error}"),
    "bad_base_url": (
        "COMPANION_BASE_URL er ikke en adresse telefonene kan åpne.",
        "COMPANION_BASE_URL is not an address phones can open.",
    ),
    "local_links": (
        "Lenkene ville bare virke på denne maskinen: sett COMPANION_BASE_URL.",
        "The links would work only on this machine: set COMPANION_BASE_URL.",
    ),
    # --- desk: the scanner's route (issues 16, 20)
    "desk_signed_out": ("Skranken er ikke logget inn. Logg inn igjen.", "The desk is not signed in. Sign in again."),
    "bad_scan": ("Skanningen kunne ikke leses.", "The scan could not be read."),
    "desk_unavailable": (
        "Skanningen ble ikke lagret. Den sendes igjen.",
        "The scan was not stored. It will be sent again.",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    nb, en = CATALOGUE[key]
    text = en if lang == "en" else nb
    return text.format(**values) if values else text


def error_text(code: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The label for a domain error code; unknown codes fall back to a generic sentence."""
    pair = ERRORS.get(code)
    if pair is None:
        return ("Noe gikk galt ({code})." if lang != "en" else "Something went wrong ({code}).").format(code=code)
    text = pair[1] if lang == "en" else pair[0]
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text


def duration_words(seconds: float, lang: str = DEFAULT_LANG) -> str:
    """A duration as people say it: "1 t 45 min", "15 min", "40 s" (never "15:00", which reads as a time).
    Minutes round up, so "om 1 min" lasts until the last minute, then seconds count down."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} {t('dur.s', lang)}"
    minutes = -(-whole // 60)
    hours, minutes = divmod(minutes, 60)
    parts = ([f"{hours} {t('dur.h', lang)}"] if hours else []) + (
        [f"{minutes} {t('dur.min', lang)}"] if minutes else []
    )
    return " ".join(parts)


def in_words(seconds: float, lang: str = DEFAULT_LANG) -> str:
    """ "om 15 min" / "in 15 min"."""
    return t("dur.in", lang, span=duration_words(seconds, lang))


def clock_time(instant: datetime) -> str:
    return instant.strftime("%H:%M")
