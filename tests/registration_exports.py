"""Registration exports as eight sign-up tools write them, built from their documented layouts.

`python -m tests.registration_exports` writes them to tests/corpus/registration/exports/; the
tests read those committed files and check them against EXPECTED, and a test checks that this
script still writes the same content. One list of people goes through every tool, written the way
each tool's forms make people write it (the theme as a choice label or free text, the county
authority in Norwegian and Sami, a job title instead of a role).

- Microsoft Forms (nb, en): ID, start and completion time, its own sign-in columns (e-mail and name,
  "anonymous" on an open form), last modified time, then one column per question. XLSX is what it
  exports; the CSV is that workbook saved by Norwegian Excel (semicolons, Windows-1252).
- Google Forms (nb, en): timestamp, the collected e-mail address, then the questions. CSV as the
  responses download (UTF-8, commas, no BOM), XLSX as Sheets downloads it. A checkbox question
  joins several answers with ", ".
- pretix attendee list (nb, en): order code, position, status, the order's e-mail (the buyer's: one
  address for a group order), the attendee name and its parts ("Deltakernavn: Fornavn"), the
  attendee's own e-mail, company, then the questions. CSV "Excel style" (semicolons, UTF-8 BOM) in nb,
  commas in en; XLSX. pretix check-in list (en, CSV): order code, attendee name and parts, product,
  checked in, secret, e-mail, company, questions.
- Eventbrite attendee summary (en only): Order #, Order Date, First Name, Last Name, Email,
  Quantity, Ticket Type, Attendee #, Job Title, Company, questions, Attendee Status. CSV (UTF-8
  BOM) and XLSX.
- Norwegian sign-up portals (nb only): Deltager.no style (Fornavn, Etternavn, E-post, Mobil,
  Arbeidssted, Stilling, questions; semicolons, Windows-1252) and Checkin.no style (Virksomhet
  instead of Arbeidssted; UTF-8 BOM, semicolons); XLSX of the first.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook

OUT = Path(__file__).resolve().parent / "corpus" / "registration" / "exports"
THEMES = {
    1: ("FNs bærekraftsmål og regional utvikling", "The UN Sustainable Development Goals and regional development"),
    2: ("Distriktsutvikling og kompetanse", "Rural development and skills"),
}
BOTH = 0  # a person who ticked both themes: imported without one, with a warning


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    org: str  # the organisation as the person wrote it
    county: str  # as it should be stored
    title: str  # job title as written
    role: str  # as it should be stored
    theme: int  # 1, 2 or BOTH
    free_theme: str  # how the person wrote the theme in a free-text field
    diet: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


PEOPLE = (
    Person("Kari", "Nordmann", "kari.nordmann@nfk.no", "Nordland fylkeskommune", "Nordland", "Seniorrådgiver",
           "caseworker", 1, "Tema 1", "Glutenfri"),
    Person("Áslat", "Somby", "aslat.somby@ffk.no", "Finnmark fylkeskommune / Finnmárkku fylkkasuohkan", "Finnmark",
           "Spesialrådgiver", "caseworker", 2, "2"),
    Person("Elle Márjá", "Eira", "elle.eira@tromsfylke.no", "Romssa fylkkasuohkan", "Troms", "Avdelingsdirektør",
           "leader", 1, "fns bærekraftsmål", "Vegetar"),
    Person("Per Ivar", "Hansen", "per.hansen@trondelagfylke.no",
           "Trøndelag fylkeskommune / Trööndelagen fylhkentjïelte", "Trøndelag", "Fylkesdirektør", "leader", 2,
           "Distriktsutvikling"),
    Person("Ingrid", "Solberg", "ingrid.solberg@kmd.dep.no", "Kommunal- og moderniseringsdepartementet",
           "Kommunal- og moderniseringsdepartementet", "Seniorrådgiver", "ministry", 1, "Tema 1: Bærekraftsmål"),
    Person("Ola", "Bakke", "ola.bakke@nibr.oslomet.no", "NIBR, OsloMet", "NIBR, OsloMet", "Forsker I",
           "researcher", 2, "tema 2", "Laktosefri"),
    Person("Åse", "Ødegård", "ase.odegard@mrfylke.no", "Møre og Romsdal fylke", "Møre og Romsdal", "Rådgiver",
           "caseworker", 2, "Distriktsutvikling og kompetanse."),
    Person("Jon", "Øvrebø", "jon.ovrebo@vaf.no", "Vest-Agder fylkeskommune", "Vest-Agder", "Seksjonsleder",
           "leader", 1, "1", "Glutenfri, laktosefri"),
    Person("Maria", "Hætta", "maria.haetta@ostfoldfk.no", "Østfold", "Østfold", "Kontorfullmektig", "other", 1,
           "Tema 1", warnings=("unknown_role",)),
    Person("Lars", "Berg", "lars.berg@hfk.no", "Hordaland fylkeskommune", "Hordaland", "Planlegger", "caseworker",
           BOTH, "1 og 2", warnings=("both_themes",)),
    Person("Sigrid", "Lie", "sigrid.lie@oppland.org", "Oppland fylkeskommune", "Oppland", "Samfunnsplanlegger",
           "caseworker", 1, "Tema 1", "Vegetar"),
    Person("Nils", "Aas", "nils.aas@tromsfylke.no", "Troms fylkeskommune", "Troms", "Fagleder", "leader", 2,
           "Theme 2"),
)  # fmt: skip
# Kari sent the form twice: first with theme 2, then (the answer that counts) with theme 1.
FIRST_TRY = 0
GROUP_ORDER = {7, 9}  # Jon and Lars were ordered by one secretary: pretix's order e-mail is hers
SECRETARY = "post@vaf.no"


def theme_label(person: Person, lang: str, style: str) -> str:
    """The theme as a form's choice shows it: "Tema 1: <title>" (Forms), the title (pretix, Eventbrite)."""
    index = 0 if lang == "nb" else 1
    word = "Tema" if lang == "nb" else "Theme"
    ids = (1, 2) if person.theme == BOTH else (person.theme,)
    if style == "numbered":
        labels = [f"{word} {i}: {THEMES[i][index]}" for i in ids]
    else:
        labels = [THEMES[i][index] for i in ids]
    return {"numbered": ", ", "titles": ";"}[style].join(labels) + (";" if style == "titles" and len(ids) > 1 else "")


def stamp(i: int, fmt: str) -> str:
    return (datetime(2019, 9, 2, 9, 0) + timedelta(hours=7 * i, minutes=13 * i)).strftime(fmt)


def rows_in_order() -> list[tuple[Person, bool]]:
    """(person, is the first try) in the order they answered: Kari's first try comes first."""
    return [(PEOPLE[FIRST_TRY], True)] + [(p, False) for p in PEOPLE]


def first_try(p: Person) -> Person:
    return Person(p.first, p.last, p.email.upper(), p.org, p.county, p.title, p.role, 2, "2", "")


# --- one function per tool: (header, rows)

Layout = tuple[list[str], list[list[str]]]


def microsoft_forms(lang: str) -> Layout:
    if lang == "nb":
        header = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn",
                  "Tidspunkt for siste endring", "Fullt navn", "E-post",
                  "Hvilken fylkeskommune eller organisasjon representerer du?", "Stilling",
                  "Hvilket tema ønsker du å delta på?", "Allergier/matbehov"]  # fmt: skip
    else:
        header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Full name",
                  "E-mail address", "Which county authority or organisation do you represent?", "Job title",
                  "Which theme do you want to join?", "Allergies or dietary needs"]  # fmt: skip
    rows = []
    for i, (p, early) in enumerate(rows_in_order(), start=1):
        p = first_try(p) if early else p
        start, done = stamp(i, "%m/%d/%y %H:%M:%S"), stamp(i, "%m/%d/%y %H:%M:%S")
        rows.append([str(i), start, done, "anonymous", "anonymous", "", p.name, p.email, p.org, p.title,
                     theme_label(p, lang, "numbered").replace(", ", ";") + ";" * (p.theme == BOTH),
                     p.diet])  # fmt: skip
    return header, rows


def google_forms(lang: str) -> Layout:
    if lang == "nb":
        header = ["Tidsmerke", "E-postadresse", "Navn", "Fylkeskommune/organisasjon", "Stillingstittel",
                  "Hvilket tema ønsker du å delta på?", "Har du allergier eller spesielle matbehov?"]  # fmt: skip
        fmt = "%d.%m.%Y %H:%M:%S"
    else:
        header = ["Timestamp", "Email Address", "Name", "County authority / organisation", "Job title",
                  "Which workshop theme would you like to attend?",
                  "Any allergies or dietary requirements?"]  # fmt: skip
        fmt = "%Y/%m/%d %I:%M:%S %p GMT+2"
    rows = []
    for i, (p, early) in enumerate(rows_in_order(), start=1):
        p = first_try(p) if early else p
        rows.append([stamp(i, fmt), p.email, p.name, p.org, p.title, theme_label(p, lang, "numbered"), p.diet])
    return header, rows


def pretix_attendees(lang: str) -> Layout:
    if lang == "nb":
        header = ["Ordrekode", "Posisjons-ID", "Status", "E-post", "Ordredato", "Produkt", "Pris", "Deltakernavn",
                  "Deltakernavn: Fornavn", "Deltakernavn: Etternavn", "Deltakers e-post", "Firma", "Stilling",
                  "Hvilket tema ønsker du å delta på?", "Matbehov"]  # fmt: skip
        product, status = "Deltaker", "betalt"
    else:
        header = ["Order code", "Position ID", "Status", "Email", "Order date", "Product", "Price", "Attendee name",
                  "Attendee name: Given name", "Attendee name: Family name", "Attendee email", "Company",
                  "Job title", "Which theme do you want to join?", "Dietary requirements"]  # fmt: skip
        product, status = "Participant", "paid"
    rows = []
    for i, (p, early) in enumerate(rows_in_order(), start=1):
        p = first_try(p) if early else p
        order = f"X{7 * i:04d}"
        buyer = SECRETARY if PEOPLE.index(next(q for q in PEOPLE if q.name == p.name)) in GROUP_ORDER else p.email
        rows.append([order, "1", status, buyer, stamp(i, "%Y-%m-%d"), product, "0.00", p.name, p.first, p.last,
                     p.email, p.org, p.title, theme_label(p, lang, "titles"), p.diet])  # fmt: skip
    return header, rows


def pretix_checkin(lang: str) -> Layout:
    header = ["Order code", "Attendee name", "Attendee name: Given name", "Attendee name: Family name", "Product",
              "Price", "Checked in", "Secret", "Email", "Company", "Voucher code", "Order date", "Order time",
              "Job title", "Which theme do you want to join?"]  # fmt: skip
    rows = []
    for i, (p, early) in enumerate(rows_in_order(), start=1):
        p = first_try(p) if early else p
        rows.append([f"X{7 * i:04d}", p.name, p.first, p.last, "Participant", "0.00", "", f"s{i:03d}x9k2",
                     p.email, p.org, "", stamp(i, "%Y-%m-%d"), stamp(i, "%H:%M"), p.title,
                     theme_label(p, lang, "titles")])  # fmt: skip
    return header, rows


def eventbrite(lang: str) -> Layout:
    header = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
              "Attendee #", "Job Title", "Company", "Which theme will you attend?", "Dietary requirements",
              "Attendee Status"]  # fmt: skip
    rows = []
    for i, (p, early) in enumerate(rows_in_order(), start=1):
        p = first_try(p) if early else p
        rows.append([str(1044000000 + 17 * i), stamp(i, "%Y-%m-%d %H:%M:%S+02:00"), p.first, p.last, p.email, "1",
                     "Participant", str(1500000000 + 31 * i), p.title, p.org, theme_label(p, "en", "titles"), p.diet,
                     "Attending"])  # fmt: skip
    return header, rows


def portal(org_header: str) -> Callable[[str], Layout]:
    def layout(lang: str) -> Layout:
        header = ["Påmeldt", "Fornavn", "Etternavn", "E-post", "Mobil", org_header, "Stilling", "Tema",
                  "Allergier/matbehov"]  # fmt: skip
        rows = []
        for i, (p, early) in enumerate(rows_in_order(), start=1):
            p = first_try(p) if early else p
            rows.append([stamp(i, "%d.%m.%Y %H:%M"), p.first, p.last, p.email, f"9{i:07d}", p.org, p.title,
                         p.free_theme, p.diet])  # fmt: skip
        return header, rows

    return layout


# --- files: (file name, layout, language, format, delimiter, encoding)

EXPORTS: tuple[tuple[str, Callable[[str], Layout], str, str, str, str], ...] = (
    ("microsoft_forms_nb.xlsx", microsoft_forms, "nb", "xlsx", "", ""),
    ("microsoft_forms_en.xlsx", microsoft_forms, "en", "xlsx", "", ""),
    ("microsoft_forms_nb_saved_by_excel.csv", microsoft_forms, "nb", "csv", ";", "cp1252"),
    ("microsoft_forms_en_saved_by_excel.csv", microsoft_forms, "en", "csv", ",", "utf-8-sig"),
    ("google_forms_nb.csv", google_forms, "nb", "csv", ",", "utf-8"),
    ("google_forms_en.csv", google_forms, "en", "csv", ",", "utf-8"),
    ("google_forms_nb.xlsx", google_forms, "nb", "xlsx", "", ""),
    ("google_forms_en.xlsx", google_forms, "en", "xlsx", "", ""),
    ("pretix_attendees_nb.csv", pretix_attendees, "nb", "csv", ";", "utf-8-sig"),
    ("pretix_attendees_en.csv", pretix_attendees, "en", "csv", ",", "utf-8"),
    ("pretix_attendees_nb.xlsx", pretix_attendees, "nb", "xlsx", "", ""),
    ("pretix_attendees_en.xlsx", pretix_attendees, "en", "xlsx", "", ""),
    ("pretix_checkin_list_en.csv", pretix_checkin, "en", "csv", ",", "utf-8"),
    ("eventbrite_attendee_summary_en.csv", eventbrite, "en", "csv", ",", "utf-8-sig"),
    ("eventbrite_attendee_summary_en.xlsx", eventbrite, "en", "xlsx", "", ""),
    ("deltager_no_nb.csv", portal("Arbeidssted"), "nb", "csv", ";", "cp1252"),
    ("deltager_no_nb.xlsx", portal("Arbeidssted"), "nb", "xlsx", "", ""),
    ("checkin_no_nb.csv", portal("Virksomhet"), "nb", "csv", ";", "utf-8-sig"),
)


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in [header, *rows]:
        sheet.append([int(v) if v.isdigit() and len(v) < 10 else v for v in row])  # numbers stored as numbers
    book.properties.created = book.properties.modified = datetime(2019, 9, 20, 12, 0)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build(name: str) -> bytes:
    _, layout, lang, kind, delimiter, encoding = next(e for e in EXPORTS if e[0] == name)
    header, rows = layout(lang)
    return xlsx_bytes(header, rows) if kind == "xlsx" else csv_bytes(header, rows, delimiter, encoding)


def cells(data: bytes, name: str) -> list[list[str]]:
    """What a file holds, as text: to compare a committed XLSX with a fresh one (ZIP dates differ)."""
    if name.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return [list(map(str, row)) for row in csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, *_ in EXPORTS:
        (OUT / name).write_bytes(build(name))
        print(OUT / name)


if __name__ == "__main__":
    main()
