"""`python -m companion ...`: the organizer's commands. Errors print one line and exit 1.

Every command works from the process's boot (companion/boot.py: settings, event, clock), as the
pages and routes do, and migrates the database itself where it needs to."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from . import auth, backup, boot, db, people, schedule
from .agenda import now_and_next
from .boot import Boot
from .clock import parse_instant
from .errors import CompanionError, GroupError
from .i18n import clock_time
from .tickets import Table


class Group(click.Group):
    """Turns our own errors into one line on stderr and exit code 1: never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CompanionError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(1)


@click.group(cls=Group)
def main() -> None:
    """Verkstedet: the organizer's command line."""


@main.command()
@click.option("--demo", is_flag=True, help="Also load the demo participant list from data/.")
@click.option("--if-missing", is_flag=True, help="Do nothing if the database already exists.")
def init(demo: bool, if_missing: bool) -> None:
    """Create or migrate the database; generate staff PINs that are not configured."""
    env = boot.current()
    path = env.settings.db_path
    if if_missing and path.exists():
        with env.connect() as conn:
            db.migrate(conn)
        click.echo(f"Database {path} exists; migrations are up to date.")
        return
    with env.connect() as conn:
        applied = db.migrate(conn)
        click.echo(f"Database {path}: {len(applied)} migration(s) applied.")
        if demo:
            click.echo(_load_demo(conn, env))
        pins = auth.ensure_pins(conn, env.settings)
    for role, pin in pins.items():
        click.echo(f"Staff PIN for {role}: {pin}   (shown once; set {auth.PIN_SETTINGS[role]} to choose your own)")


def _load_demo(conn: sqlite_utils.Database, env: Boot) -> str:
    from .importing import import_participants

    source = env.settings.data_dir / "participants_demo.csv"
    report = import_participants(conn, source.read_bytes(), source.name, event=env.event, now=env.now(), desk="cli")
    return f"Demo participants from {source}: " + "\n".join(report.lines())


@main.command()
@click.option("--at", "at", help="An ISO time to ask about instead of now, e.g. 2019-09-25T12:30.")
def now(at: str | None) -> None:
    """Print the current slot and the next one."""
    env = boot.current()
    instant = parse_instant(at, env.event.tz, "--at") if at else env.now()
    with env.connect() as conn:
        db.migrate(conn)
        state = now_and_next(env.event.programme, instant, schedule.get_shifts(conn))
    click.echo(f"Time:  {instant:%Y-%m-%d %H:%M:%S} ({env.clock.mode if not at else 'asked'})")
    if state.current:
        s = state.current
        click.echo(f"Now:   {clock_time(s.start)}-{clock_time(s.end)} {s.item.title('nb')}")
    else:
        click.echo(
            {"before": "Now:   not started", "between": "Now:   between slots", "after": "Now:   the day is over"}[
                state.phase
            ]
        )
    if state.next:
        click.echo(f"Next:  {clock_time(state.next.start)} {state.next.item.title('nb')}")
    minutes = round(state.delay.total_seconds() / 60)
    if minutes:
        click.echo(f"Delay: {minutes} min")


@main.command()
@click.argument("minutes", type=int)
def delay(minutes: int) -> None:
    """Make the rest of the programme run MINUTES late (0 = back on schedule)."""
    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        total = schedule.set_delay(conn, minutes, now=env.now(), role="organizer", desk="cli")
    click.echo(f"The rest of the programme now runs {total} min late.")


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write an online-consistent copy of the database to PATH."""
    env = boot.current()
    target = backup.backup_to(env.settings.db_path, path)
    backup.record_copy(env.settings.db_path, now=env.now(), role="organizer", desk="cli", target=target)
    click.echo(f"Backup written to {target}")


@main.command()
@click.option("--port", default=8501, show_default=True)
def roles(port: int) -> None:
    """Print how to open the app in every role, at COMPANION_BASE_URL (else localhost:PORT)."""
    env = boot.current()
    given = "COMPANION_BASE_URL" in env.settings.values
    base = env.settings.base_url if given else f"http://localhost:{port}"
    with env.connect() as conn:
        sample = people.all_participants(conn)[:1]
    click.echo(f"\nVerkstedet on {base}")
    click.echo(f"  Participant (Nå):      {base}/")
    if sample:
        click.echo(f"  A demo participant:    {people.personal_url(base, sample[0].token)}   ({sample[0].name})")
    click.echo(f"  Registration desk:     {base}/desk   (desk PIN)")
    click.echo(f"  Panel moderator:       {base}/moderator      (moderator PIN)")
    click.echo(f"  Organizer:             {base}/organizer       (organizer PIN)")
    click.echo(f"  Big screen:            {base}/screen")
    click.echo("  PINs: printed once by `make run` on first start, or set COMPANION_*_PIN (see README).\n")


# --- tickets, import, export and check-in


def _read_file(path: Path) -> bytes:
    from .errors import ImportFileError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError("unreadable_file", f"{path}: {exc.strerror or exc}") from None


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--map",
    "overrides",
    multiple=True,
    metavar='FIELD="COLUMN"',
    help="Use COLUMN (its header or number) for FIELD: name, first_name, last_name, email, county, role, theme, "
    'diet, keep. Repeatable; an empty COLUMN leaves the field out, e.g. --map name="Fullt navn".',
)
@click.option("--lang", type=click.Choice(["nb", "en"]), default="en", show_default=True, help="The report's language.")
def import_command(file: Path, overrides: tuple[str, ...], lang: str) -> None:
    """Import a registration list (CSV or XLSX); re-importing updates people by e-mail.

    Prints the columns it uses; the mapping is remembered for the next file with the same columns.
    Exits 1 when no row was imported."""
    from . import importing
    from .errors import ImportFileError
    from .i18n import t

    env = boot.current()
    data = _read_file(file)
    wanted = {}
    for override in overrides:
        field, sep, column = override.partition("=")
        if not sep:
            raise ImportFileError("bad_mapping", f'--map {override}: write it as FIELD="COLUMN"')
        wanted[field.strip()] = column.strip().strip("\"'")
    with env.connect() as conn:
        db.migrate(conn)
        table = importing.read_table(data, file.name)
        mapping = importing.apply_overrides(table, importing.mapping_for(conn, table, env.event), wanted)
        for field, column in importing.describe_mapping(table, mapping):
            click.echo(t("imp.mapping_line", lang, field=field, column=column))
        report = importing.import_participants(
            conn, data, file.name, event=env.event, now=env.now(), mapping=mapping, desk="cli"
        )
    for line in report.lines(lang):
        click.echo(line)
    if not report.imported:
        click.echo(t("imp.nothing_imported", lang), err=True)
        sys.exit(1)


@main.command("checkin")
@click.argument("code")
@click.option("--desk", default="cli", show_default=True, help="Which desk to log the check-in under.")
def checkin_command(code: str, desk: str) -> None:
    """Check in by personal link, token or short code; prints the same result as the desk page.

    Exits 1 on a red result (unknown code, not our ticket, deleted)."""
    from .checkin import check_in
    from .checkin_text import describe, one_line

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        result = check_in(conn, code, now=env.now(), desk=desk, method="cli")
    click.echo(f"[{result.code}] " + one_line(describe(result, env.event, "nb")))
    if result.colour == "red":
        sys.exit(1)


@main.command("tickets")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write links.csv and badges.html to.",
)
@click.option("--allow-localhost", is_flag=True, help="Write links to localhost anyway (a test, not the mail merge).")
def tickets_command(out: Path, allow_localhost: bool) -> None:
    """Write the personal links CSV (mail merge) and the printable A4 badge sheet.

    Refuses links to localhost (COMPANION_BASE_URL left at its default) unless --allow-localhost."""
    from .tickets import check_public, write_tickets

    env = boot.current()
    if not allow_localhost:
        check_public(env.settings.base_url)
    with env.connect() as conn:
        db.migrate(conn)
        links_path, sheet_path = write_tickets(conn, env.event, env.settings.base_url, out)
    click.echo(f"Personal links: {links_path}")
    click.echo(f"Badge sheet:    {sheet_path}  (open in a browser and print on A4)")


@main.group("export")
def export() -> None:
    """Write tables as CSV or XLSX (chosen by the file's ending); formula cells are neutralized."""


def _write_table(out: Path, build: Callable[[sqlite_utils.Database], Table], noun: str) -> None:
    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        table = build(conn)
    click.echo(f"{len(table.rows)} {noun} written to {table.write(out)}")


@export.command("participants")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_participants(out: Path) -> None:
    """One row per person: name, email, county, role, theme, group, room, code, checked_in_at."""
    from .tickets import participants

    _write_table(out, participants, "participants")


@export.command("checkins")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_checkins(out: Path) -> None:
    """The scan log: every check-in attempt with time, desk, method and result code."""
    from .tickets import scan_log

    _write_table(out, scan_log, "scans")


# --- groups


@main.command("assign-groups")
@click.option("--present-only", is_flag=True, help="Re-assign only those checked in, moving as few people as possible.")
@click.option("--reset-pins", is_flag=True, help="Forget the organizer's manual moves before assigning.")
def assign_groups_command(present_only: bool, reset_pins: bool) -> None:
    """Split each theme's participants into groups that fit the rooms; print the quality summary."""
    from . import groups

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        result = groups.assign_groups(
            conn,
            env.event,
            now=env.now(),
            role="organizer",
            desk="cli",
            reset_pins=reset_pins,
            present_only=present_only,
        )
        names = {p.person.id: p.person.name for p in groups.placements(conn)}
    click.echo(f"{result.assigned} people assigned to {len(result.plan.groups)} groups.")
    for line in result.summary.lines():
        click.echo(f"  {line}")
    if result.unplaced:
        click.echo(f"{result.unplaced} without a group (no theme chosen, or arrived after the assignment).")
    if present_only:
        click.echo(f"Moved: {len(result.moves)}")
        for move in result.moves:
            click.echo(
                f"  {names.get(move.member_id, move.member_id)}: {move.from_group or '-'} -> {move.to_group or '-'}"
            )


@main.command("door-signs")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True)
def door_signs_command(path: Path, lang: str) -> None:
    """Write one printable door sign per group (room, theme, group, members) to PATH (HTML)."""
    from . import groups
    from .doorsigns import door_signs_html

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        views = groups.groups_overview(conn, env.event)
    if not views:
        raise GroupError("no_groups", "no groups are assigned yet: run `python -m companion assign-groups` first")
    path.write_text(door_signs_html(env.event, views, lang), encoding="utf-8")
    click.echo(f"{len(views)} door signs written to {path}")


# --- questions


@click.command("questions")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .csv or .xlsx file to write."
)
def export_questions(out: Path) -> None:
    """Write every question to OUT: id, text, theme, county (if shown), status, votes, times, merged_into."""
    from . import questions, spreadsheet

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        columns, rows = questions.export_rows(conn)
    path = spreadsheet.write_table(out, columns, rows)
    click.echo(f"{len(rows)} questions written to {path}")


export.add_command(export_questions)


# --- backups and restore


@main.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Replace the database with the copy at PATH (checked first; the current one is snapshotted)."""
    from . import snapshots

    env = boot.current()
    result = backup.restore(
        env.settings.db_path, path, now=env.now(), role="organizer", desk="cli", real_now=snapshots.real_now()
    )
    if result.safety_copy:
        click.echo(f"The database as it was is kept in {result.safety_copy.path}")
    click.echo(f"Restored {env.settings.db_path} from {path}")


@main.command("snapshots")
def snapshots_command() -> None:
    """List the snapshots next to the database, newest first."""
    env = boot.current()
    found = backup.list_snapshots(backup.snapshot_dir(env.settings.db_path))
    for snap in found:
        taken = snap.taken_at.astimezone(env.event.tz)
        click.echo(f"{taken:%Y-%m-%d %H:%M:%S}  {snap.kind:<14} {snap.size // 1024:>6} KiB  {snap.path}")
    if not found:
        click.echo("No snapshots yet.")


@main.command("audit-export")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .csv or .xlsx file."
)
def audit_export(out: Path) -> None:
    """Write the audit trail (newest first) to a CSV or XLSX file; formula-like cells are neutralized."""
    from . import audit, spreadsheet

    env = boot.current()
    with env.connect() as conn:
        columns, rows = audit.table(conn)
    spreadsheet.write_table(out, columns, rows)
    click.echo(f"{len(rows)} audit rows written to {out}")


@main.command("settings")
def settings_command() -> None:
    """Print every setting with its default and help, as a Markdown table."""
    from .config import SETTINGS

    click.echo("| setting | default | what it does |\n| --- | --- | --- |")
    for s in SETTINGS:
        click.echo(f"| `{s.name}` | {f'`{s.default}`' if s.default else '(none)'} | {s.help} |")


# --- the workshop report and who has not come


@export.command("no-shows")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .csv or .xlsx.")
def export_no_shows(out: Path) -> None:
    """Registered people without a check-in, by county: county, name, email, role, theme (personal data)."""
    from . import noshows, spreadsheet

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        missing = noshows.no_shows(conn)
    spreadsheet.write_table(out, noshows.COLUMNS, noshows.rows(missing))
    click.echo(f"{len(missing)} no-shows written to {out}")


@main.command("report")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .html, .docx or .xlsx."
)
@click.option("--personal", is_flag=True, help="Include names and e-mails (left out unless asked for).")
@click.option("--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True)
def report_command(out: Path, personal: bool, lang: str) -> None:
    """Write the workshop report: the day in numbers, groups, panel, evaluation and the programme as it ran."""
    from .report import write_report

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        path = write_report(conn, env.event, out, now=env.now(), include_personal=personal, lang=lang)
    click.echo(f"Report written to {path}" + (" (with personal data)" if personal else ""))


# --- personal data: purge after the event, one person's access and erasure


@main.group("presentation")
def presentation() -> None:
    """Presentations attached to programme items (shown on Nå from the item's start)."""


@presentation.command("add")
@click.argument("slot")
@click.argument("source")
@click.option("--title", help="The title of a link (a PDF's title is its file name).")
def presentation_add(slot: str, source: str, title: str | None) -> None:
    """Attach a PDF file or an https:// link to the programme item starting at SLOT (e.g. 09:00)."""
    from . import presentations

    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        if source.startswith(("https://", "http://")):
            added = presentations.add_link(
                conn, env.event, slot, source, title or source, now=env.now(), role="organizer", desk="cli"
            )
        else:
            path = Path(source)
            if not path.is_file():
                raise CompanionError("unreadable_file", f"No file {source}.")
            if path.stat().st_size > presentations.MAX_BYTES:
                raise CompanionError("pdf_too_large", "At most 50 MB.")
            added = presentations.add_pdf(
                conn,
                env.db_path,
                env.event,
                slot,
                path.read_bytes(),
                path.name,
                now=env.now(),
                role="organizer",
                desk="cli",
            )
    click.echo(f"Presentation {added.id} ({added.kind}) attached to {slot}: {added.title}")


@main.command("polls")
def polls_command() -> None:
    """Load the polls in data/polls.toml that are not stored yet (the organizer opens them on the page)."""
    from . import polls

    env = boot.current()
    specs = polls.load_file(env.settings.data_dir / "polls.toml")
    with env.connect() as conn:
        db.migrate(conn)
        added = polls.load_into(conn, specs, now=env.now(), role="organizer")
    click.echo(f"{added} new polls loaded ({len(specs)} in the file).")


@main.command("purge")
@click.option("--confirm", "confirmation", help="The event's name, typed exactly (asked for when left out).")
def purge_command(confirmation: str | None) -> None:
    """Delete the personal data after the event: names, e-mails, links, codes, raw scans, who asked
    and voted what, and every snapshot. Anonymous counts stay. Refused before the event's end."""
    from . import purge

    env = boot.current()
    if confirmation is None:
        confirmation = click.prompt(f"Type the event's name to confirm ({env.event.name.nb})", default="")
    with env.connect() as conn:
        db.migrate(conn)
    copy_to = env.settings.copy_to
    result = purge.purge(
        env.settings.db_path,
        env.event,
        confirmation=confirmation,
        now=env.now(),
        role="organizer",
        desk="cli",
        copy_to=copy_to,
    )
    click.echo(
        f"Purged: {result.participants} people made anonymous, {result.questions} questions and "
        f"{result.votes} votes no longer linked to anyone, {result.scans} raw scans deleted."
    )
    click.echo(f"Snapshots deleted: {len(result.snapshots)}.")
    if copy_to is not None:
        click.echo(f"Copies deleted in {copy_to}: {len(result.copies)}.")
    if result.copies_left:
        click.echo(f"warning: {result.copies_left}. Delete the snapshot-*.db copies in {copy_to} by hand.", err=True)
    if not result.wal_truncated:
        click.echo("warning: the app kept the database's WAL open; run the purge again after stopping it.", err=True)
    click.echo("Delete any exported files too (participant lists, links.csv, badge sheets, copies made by hand).")


@main.command("person")
@click.argument("email")
@click.option(
    "--export",
    "export_to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write everything stored about the person to this JSON file (the right of access).",
)
@click.option("--delete", is_flag=True, help="Erase the person; their questions stay anonymous, their votes count.")
def person_command(email: str, export_to: Path | None, delete: bool) -> None:
    """One person, by e-mail: --export FILE (everything stored about them, JSON), --delete (erasure)."""
    import json

    from . import person

    if not export_to and not delete:
        raise click.UsageError("give --export FILE, --delete, or both (the export is written first)")
    env = boot.current()
    with env.connect() as conn:
        db.migrate(conn)
        if export_to:
            found = person.export(conn, env.event, email, now=env.now())
            export_to.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            click.echo(f"Everything stored about {email} written to {export_to}")
        if delete:
            erased = person.erase(conn, email, now=env.now(), role="organizer", desk="cli")
            click.echo(
                f"Erased {email}: {erased.questions} questions kept without a name, {erased.votes} votes still "
                "counted but no longer linked. Snapshots taken before still hold them until the purge."
            )


# --- before the doors open


def _ports(text: str) -> list[int]:
    try:
        return [int(p) for p in text.replace(",", " ").split()]
    except ValueError:
        raise click.BadParameter(f"{text!r}: give port numbers, e.g. 8501,8502") from None


@main.command("doctor")
@click.option("--ports", default="", help="Loopback ports of the server processes to ask, e.g. 8501,8502.")
@click.option("--timeout", default=3.0, show_default=True, help="Seconds to wait for each answer.")
def doctor_command(ports: str, timeout: float) -> None:
    """Check everything before the doors open: OK / WARN / FAIL with the fix for each; exits 1 on a FAIL."""
    from . import doctor, snapshots
    from .config import read_settings

    checks = doctor.run_all(
        read_settings(), real_now=snapshots.real_now(), fetch=doctor.http_get, ports=_ports(ports), timeout=timeout
    )
    for line in doctor.lines(checks):
        click.echo(line)
    if doctor.failed(checks):
        click.echo("Not ready: fix every FAIL above and run doctor again.", err=True)
        sys.exit(1)
    click.echo("Ready for the doors to open.")
