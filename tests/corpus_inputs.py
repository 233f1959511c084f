"""Reading the bad-input corpus in tests/corpus/ and comparing the database before and after.

The corpus files hold the inputs; placeholders stand for what cannot be written there literally:
`{token}`, `{token_lower}`, `{token_31}`, `{token_changed}`, `{other_token}`, `{code}`, and
`{c*N}` for the character c repeated N times.
"""

import json
import re
from pathlib import Path

from companion import db, people

CORPUS = Path(__file__).resolve().parent / "corpus"
# The person every corpus case is about, with a token and code fixed so the corpus can name them.
TOKEN = "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
CODE = "ACE7HJ"
OTHER_TOKEN = "Qr5tUv8wXy1zAb4cDe7fGh9iJk3mMn6o"
OTHER_CODE = "XYW349"
PLACEHOLDERS = {
    "{token_lower}": TOKEN.lower(),
    "{token_31}": TOKEN[:-1],
    "{token_changed}": "Z" + TOKEN[1:],
    "{other_token}": OTHER_TOKEN,
    "{token}": TOKEN,
    "{code}": CODE,
}


def expand(text: str) -> str:
    for key, value in PLACEHOLDERS.items():
        text = text.replace(key, value)
    return re.sub(r"\{(.)\*(\d+)\}", lambda m: m.group(1) * int(m.group(2)), text)


def expand_all(value):
    if isinstance(value, str):
        return expand(value)
    if isinstance(value, list):
        return [expand_all(v) for v in value]
    if isinstance(value, dict):
        return {k: expand_all(v) for k, v in value.items()}
    return value


def cases(name: str) -> list[dict]:
    """One dict per line of a .jsonl corpus file, placeholders expanded."""
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [expand_all(json.loads(line)) for line in lines if line.strip()]


def case_id(case: dict) -> str:
    return case["why"]


def add_known_people(conn, now):
    """Kari (TOKEN, CODE) and Ola (OTHER_TOKEN, OTHER_CODE), with e-mail, county and theme."""
    with db.write_tx(conn):
        kari = people.add_participant(
            conn, name="Kari Nordmann", email="kari@nfk.no", county="Nordland", theme=1, now=now
        )
        ola = people.add_participant(
            conn, name="Ola Hemmelig", email="ola.hemmelig@tfk.no", county="Troms og Finnmark", theme=2, now=now
        )
        conn.execute("UPDATE participants SET token = ?, code = ? WHERE id = ?", (TOKEN, CODE, kari.id))
        conn.execute("UPDATE participants SET token = ?, code = ? WHERE id = ?", (OTHER_TOKEN, OTHER_CODE, ola.id))
    return people.by_token(conn, TOKEN), people.by_token(conn, OTHER_TOKEN)


def snapshot(conn, skip: tuple[str, ...] = ()) -> dict[str, list]:
    """Every row of every table (but `skip`), to compare before and after an input."""
    tables = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {
        table: sorted((tuple(row) for row in conn.execute(f"SELECT * FROM [{table}]")), key=repr)
        for table in tables
        if table not in skip
    }
