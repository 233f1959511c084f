"""The store: one SQLite file, a connection for every action (pooled for the pages), evolved by named migrations.

Migrations are appended, never edited: a database in the field has applied the old text.
"""

import contextlib
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from . import caches
from .errors import StoreError

BUSY_TIMEOUT_MS = 10_000

migrations = Migrations("companion")

# A row as sqlite_utils' `query()` yields it: column name -> SQLite value (str, int, float, bytes or
# None, as the schema and the query decide).
Row = dict[str, Any]


def open_db(path: Path | str) -> sqlite_utils.Database:
    """A new connection with the pragmas every connection needs. Cheap; close it after use."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned is on disk, even if the machine loses power right after.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


@contextlib.contextmanager
def connect(path: Path | str) -> Iterator[sqlite_utils.Database]:
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()


_kept = threading.local()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


@contextlib.contextmanager
def kept_connection(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """A connection this thread keeps open, for the HTTP routes a hall of phones calls every few
    seconds (the event loop and a small pool of worker threads, both long-lived).

    Opening a connection costs about 0.3 ms, and closing the last one open makes SQLite
    checkpoint the WAL; kept open, neither happens per request. Each use starts outside any
    transaction and leaves none open, so every request reads the database as it is now. A file
    replaced under the same name (another inode) gets a fresh connection.
    """
    key = str(path)
    kept: dict[str, tuple[tuple[int, int] | None, sqlite_utils.Database]] = _kept.__dict__.setdefault("connections", {})
    found = kept.get(key)
    if found is None or found[0] != _identity(key):
        if found is not None:
            found[1].close()
        db = open_db(path)
        kept[key] = found = (_identity(key), db)
    db = found[1]
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")


POOL_SIZE = 8  # idle connections kept per database file; more at once are opened and closed
_pool: dict[str, list[tuple[tuple[int, int] | None, sqlite_utils.Database]]] = {}
_pool_lock = threading.Lock()


@contextlib.contextmanager
def pooled_connection(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """A connection from this process's pool, for the pages' script runs.

    A page's run lives on its session's own thread, which ends with the session, so a
    thread-kept connection (`kept_connection`) would die with every phone. Opening one costs
    a third of a phone's first run (the pragmas, the WAL lock); from the pool it costs a list
    pop. Each use starts outside any transaction and leaves none open; a connection whose use
    raised, or whose file was replaced under the same name, is closed instead of kept."""
    key = str(path)
    now = _identity(key)
    db = None
    with _pool_lock:
        idle = _pool.setdefault(key, [])
        while idle and db is None:
            identity, candidate = idle.pop()
            if identity == now:
                db = candidate
            else:
                candidate.close()
    if db is None:
        db = open_db(path)
        now = _identity(key)
    try:
        yield db
    except BaseException:
        db.close()
        raise
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")
    with _pool_lock:
        idle = _pool.setdefault(key, [])
        if len(idle) < POOL_SIZE and now is not None:
            idle.append((now, db))
            db = None
    if db is not None:
        db.close()


def close_pool() -> None:
    """Close every idle pooled connection (tests, between databases)."""
    with _pool_lock:
        idle = [db for kept in _pool.values() for _, db in kept]
        _pool.clear()
    for db in idle:
        db.close()


caches.register(close_pool)


# Writers of this process queue here before they ask SQLite. SQLite's busy handler polls with
# sleeps and is not first-come first-served: with a hundred threads polling (one Streamlit server,
# a hall voting at once) an unlucky writer starved past busy_timeout. Other processes (the CLI)
# still queue on busy_timeout.
_PROCESS_WRITE_LOCK = threading.RLock()


@contextlib.contextmanager
def write_tx(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction. IMMEDIATE takes the write lock up front, so two writers queue
    on busy_timeout instead of failing with "database is locked" when a read upgrades."""
    if not _PROCESS_WRITE_LOCK.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
        raise StoreError("busy", "The database is busy; try again.")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")
    finally:
        _PROCESS_WRITE_LOCK.release()


def migrate(db: sqlite_utils.Database) -> list[str]:
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def scalar(db: sqlite_utils.Database, sql: str, params: Sequence[object] = ()) -> Any:
    """The first column of the first row, or None. Its type is what the query selects."""
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    value: str | None = scalar(db, "SELECT value FROM settings WHERE key = ?", (key,))
    return default if value is None else value


def put_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _run_statements(db: sqlite_utils.Database, sql: str) -> None:
    """Run DDL one statement at a time: executescript() would commit the migration's transaction."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT,
            county TEXT,
            role TEXT NOT NULL DEFAULT 'caseworker',
            theme INTEGER,
            walk_in INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE UNIQUE INDEX participants_email ON participants (lower(email))
            WHERE email IS NOT NULL AND email != '';

        CREATE TABLE schedule_shifts (
            id INTEGER PRIMARY KEY,
            anchor TEXT NOT NULL,
            delta_minutes INTEGER NOT NULL,
            set_at TEXT NOT NULL
        );

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            role TEXT NOT NULL,
            desk TEXT,
            action TEXT NOT NULL,
            detail TEXT
        );

        CREATE TABLE staff_attempts (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            role TEXT NOT NULL,
            ok INTEGER NOT NULL,
            client TEXT
        );

        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            at TEXT NOT NULL,
            desk TEXT,
            undone_at TEXT,
            undone_by TEXT
        );
        -- One active check-in per person, whatever the UI does.
        CREATE UNIQUE INDEX checkins_one_active ON checkins (participant_id) WHERE undone_at IS NULL;

        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            desk TEXT,
            method TEXT,
            raw TEXT,
            result TEXT NOT NULL,
            participant_id INTEGER REFERENCES participants(id),
            nonce TEXT UNIQUE
        );

        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            theme INTEGER NOT NULL,
            number INTEGER NOT NULL UNIQUE,
            room TEXT NOT NULL UNIQUE
        );

        CREATE TABLE group_members (
            participant_id INTEGER PRIMARY KEY REFERENCES participants(id),
            group_id INTEGER NOT NULL REFERENCES groups(id),
            pinned INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            text TEXT NOT NULL,
            original_text TEXT NOT NULL,
            text_key TEXT NOT NULL,
            theme INTEGER NOT NULL DEFAULT 0,
            show_name INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'pending',
            starred INTEGER NOT NULL DEFAULT 0,
            queue_pos INTEGER,
            on_screen INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT,
            merged_into INTEGER REFERENCES questions(id),
            created_at TEXT NOT NULL,
            nonce TEXT UNIQUE
        );
        -- The same question twice from the same person is refused by the store itself.
        CREATE UNIQUE INDEX questions_no_repeat ON questions (participant_id, text_key);
        CREATE UNIQUE INDEX questions_one_on_screen ON questions (on_screen) WHERE on_screen = 1;
        CREATE INDEX questions_status ON questions (status, created_at);

        CREATE TABLE votes (
            question_id INTEGER NOT NULL REFERENCES questions(id),
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            created_at TEXT NOT NULL,
            PRIMARY KEY (question_id, participant_id)
        )
        """,
    )


@migrations(name="0004_questions_edits_and_vote_index")
def _questions_edits(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- Who fixed a typo and when (the participant's own words stay in original_text).
        ALTER TABLE questions ADD COLUMN edited_at TEXT;
        ALTER TABLE questions ADD COLUMN edited_by TEXT;
        -- "Which questions have I voted for" on every participant's list.
        CREATE INDEX votes_by_participant ON votes (participant_id, question_id)
        """,
    )


@migrations(name="0005_participant_extras")
def _participant_extras(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- Columns of a registration list the organizer chose to keep (dietary needs, notes), per person.
        CREATE TABLE participant_extras (
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            label TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'note',
            value TEXT NOT NULL,
            PRIMARY KEY (participant_id, label)
        );
        CREATE INDEX participant_extras_kind ON participant_extras (kind, participant_id)
        """,
    )


@migrations(name="0006_evaluation_answers")
def _evaluation_answers(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- The evaluation at the end of the day (evaluation.py). No participant id and no time: the
        -- voter key is a keyed hash of the participant id, there only so that each person has one
        -- answer they can change. The purge sets it to NULL and deletes the key.
        CREATE TABLE evaluation_answers (
            id INTEGER PRIMARY KEY,
            voter_key TEXT UNIQUE,
            theme INTEGER,
            answers TEXT NOT NULL,
            nonce TEXT
        )
        """,
    )


@migrations(name="0007_staff_sign_in_limits")
def _staff_sign_in_limits(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- A sign-in from a trusted desk device (auth.py) names the device, NULL for everyone else.
        ALTER TABLE staff_attempts ADD COLUMN device TEXT;
        CREATE INDEX staff_attempts_by_role ON staff_attempts (role, ok, at);
        CREATE INDEX staff_attempts_by_client ON staff_attempts (client, ok, at);
        -- Attempts refused during a slowdown, counted per role, client and minute rather than a row each.
        CREATE TABLE staff_refusals (
            role TEXT NOT NULL,
            client TEXT NOT NULL,
            minute TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (role, client, minute)
        )
        """,
    )
    # The key that signs staff device cookies (auth.py): random, made once, kept with the data.
    db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('device_secret', ?)", (secrets.token_hex(32),))


@migrations(name="0008_hall_talks_back")
def _hall_talks_back(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- Group notes (group_notes.py): a group's key points, in the order they were posted.
        CREATE TABLE group_notes (
            id INTEGER PRIMARY KEY,
            group_number INTEGER NOT NULL,
            position INTEGER NOT NULL,
            author_id INTEGER REFERENCES participants(id),
            guiding INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            starred INTEGER NOT NULL DEFAULT 0,
            on_screen INTEGER NOT NULL DEFAULT 0,
            nonce TEXT UNIQUE,
            created_at TEXT NOT NULL,
            edited_at TEXT
        );
        CREATE UNIQUE INDEX group_notes_order ON group_notes (group_number, position);
        -- The member a group's facilitator named to write its notes (one per group).
        CREATE TABLE group_secretaries (
            group_number INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            at TEXT NOT NULL
        );
        -- Live polls (polls.py): one open at a time, one answer per person and poll.
        CREATE TABLE polls (
            id INTEGER PRIMARY KEY,
            key TEXT UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'words')),
            question_nb TEXT NOT NULL,
            question_en TEXT NOT NULL DEFAULT '',
            options TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'open', 'closed')),
            on_screen INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            opened_at TEXT,
            closed_at TEXT
        );
        CREATE UNIQUE INDEX polls_one_open ON polls (status) WHERE status = 'open';
        CREATE UNIQUE INDEX polls_one_on_screen ON polls (on_screen) WHERE on_screen = 1;
        CREATE TABLE poll_answers (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            participant_id INTEGER REFERENCES participants(id),
            answer TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX poll_answers_one_each ON poll_answers (poll_id, participant_id);
        -- Messages to phones (hall_messages.py): for everyone, one theme or one group.
        CREATE TABLE hall_messages (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('all', 'theme', 'group')),
            target INTEGER,
            created_at TEXT NOT NULL,
            withdrawn_at TEXT,
            nonce TEXT UNIQUE
        );
        -- Presentations (presentations.py): a PDF in the presentations folder, or a link.
        CREATE TABLE presentations (
            id INTEGER PRIMARY KEY,
            slot TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('pdf', 'link')),
            title TEXT NOT NULL,
            file TEXT,
            url TEXT,
            size INTEGER,
            created_at TEXT NOT NULL,
            removed_at TEXT
        )
        """,
    )


@migrations(name="0009_poll_options_in_english")
def _poll_options_in_english(db: sqlite_utils.Database) -> None:
    _run_statements(
        db,
        """
        -- A choice poll's choices in English, one for each Norwegian one, or none (polls.py).
        ALTER TABLE polls ADD COLUMN options_en TEXT NOT NULL DEFAULT '[]'
        """,
    )
