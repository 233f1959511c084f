"""Every i18n key the code uses exists, and every key in i18n.py is used.

Found in the source, not at run time. A key is used when it appears as a string literal in the
code (src/companion outside i18n.py, pages/, app.py) or quoted in a template file. Some keys are
built while the app runs, from a prefix and a value (`t(f"role.{role}")`): DYNAMIC names every
such prefix with all the values it can take, and the code may build keys from no other prefix.
A key built from a loop over a literal tuple (`for c in ("time", "kind")`) is read from the loop.
"""

import ast
import itertools
import re
from pathlib import Path

from companion import auth, backup, errors, evaluation, extras, importing, people, questions, wording
from companion.i18n import CATALOGUE, ERRORS
from companion.ui import desk_widgets, frame, organizer_people

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "src" / "companion"
SOURCES = sorted(
    [p for p in DOMAIN.rglob("*.py") if p.name != "i18n.py"] + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
)
TEMPLATES = sorted(p for p in DOMAIN.rglob("*") if p.suffix in {".html", ".js", ".css", ".j2", ".jinja", ".txt"})

# Prefix -> every value the code puts after it.
DYNAMIC = {
    "nav.": [key for key, _, _ in frame.PARTICIPANT_PAGES] + list(frame.STAFF_PAGES),  # ui/frame.py menu
    "role.": [*auth.ROLES, *people.ROLES],  # staff sign-in and the desk's role list
    "person_role.": sorted(people.FACILITATOR_ROLES),  # marks on the organizer's group list
    "q.status.": list(questions.DISPLAY_STATUSES),  # ui/question_card.py, pages/moderator.py
    "safe.kind.": list(backup.KINDS),  # the organizer's snapshot list
    "diet.": [code for code, _ in extras.DIETS] + ["other"],  # the lunch count's categories
    "imp.col_": list(organizer_people.PREVIEW_COLUMNS),  # the import preview's columns
    "imp.field.": list(importing.FIELDS),  # the mapping step's choices ("" is "do not use")
    "imp.kind.": list(importing.ISSUE_KINDS),  # the import report's table
    "imp.line_": list(importing.ISSUE_KINDS),  # the import report's lines (CLI)
    "imp.reason.": list(importing.REASON_CODES),  # why a row was rejected or warned about
    "desk.scanner.": list(desk_widgets.SCANNER_STRINGS),  # the desk's scanner frame (desk_scanner.js)
    "action.": list(wording.AUDIT_ACTIONS),  # wording.py: the audit trail's actions in words
    "wkey.": list(wording.DETAIL_KEYS),  # wording.py: the audit detail's keys
    "wcol.": list(wording.COLUMNS),  # wording.py: export headers
    # report/layout.py labels everything through L("key"); the evaluation's questions by their keys
    "report.": [],  # filled below from the L() calls in report/layout.py and data/evaluation.toml
}
# Error codes raised on purpose that have no label of their own; error_text() gives them its generic
# sentence with the code. A new code gets a label in i18n.ERRORS or a line here.
UNLABELLED_CODES = {
    # settings and data files: the app stops at start-up with the error's own message
    "bad_event_file",
    "bad_integer",
    "bad_now",
    "bad_secrets",
    "bad_trusted_proxies",
    "short_pin",
    "same_pin",
    # grouping's input checks: the members and rooms come from the database and data/rooms.csv
    "bad_capacity",
    "bad_role",
    "bad_target_size",
    "duplicate_member",
    "duplicate_room",
    # the command line prints the message
    "unknown_format",
    "unreadable_file",
    # a trusted-device cookie checked before the database is migrated: the device signs in by PIN
    "no_secret",
    # the write lock not had within the busy timeout
    "busy",
}


def _label_calls(path: Path) -> list[str]:
    """The literal keys report/layout.py passes to its labeller (L(), or self() inside it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"L", "self"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


DYNAMIC["report."] = [
    *_label_calls(ROOT / "src" / "companion" / "report" / "layout.py"),
    *(f"eval.{q.key}" for q in evaluation.load_form(ROOT / "data").questions),
    *(f"status_{s}" for s in ("published", "answered")),  # the most-voted list holds shown questions
    *(f"state_{s}" for s in ("done", "running", "upcoming")),  # ProgrammeRun slot states (report/gather.py)
]
ERROR_TYPES = {name for name, value in vars(errors).items() if isinstance(value, type)}
KEY_SHAPE = re.compile(r"^[a-z][a-z_]*(\.[a-z0-9_-]+)+$")
NAMESPACES = {key.split(".")[0] for key in CATALOGUE}


def _literal_strings(node: ast.AST) -> list[str] | None:
    """The values of a literal tuple or list of strings, else None."""
    if isinstance(node, ast.Tuple | ast.List) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return [e.value for e in node.elts]
    return None


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return None


class Source:
    """What one file's syntax tree says: its string literals, and its t() and error_text() calls,
    each with the loop variables that range over literal tuples where it stands."""

    def __init__(self, tree: ast.AST):
        self.literals: set[str] = set()
        self.t_calls: list[tuple[ast.expr, dict[str, list[str]]]] = []
        self.error_codes: list[str] = []
        self.raised: set[str] = set()
        self._visit(tree, {})

    def _visit(self, node: ast.AST, env: dict[str, list[str]]) -> None:
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            inner = dict(env)
            for gen in node.generators:
                self._visit(gen.iter, env)
                values = _literal_strings(gen.iter)
                if isinstance(gen.target, ast.Name) and values is not None:
                    inner[gen.target.id] = values
                for cond in gen.ifs:
                    self._visit(cond, inner)
            for part in [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]:
                self._visit(part, inner)
            return
        if isinstance(node, ast.For):
            self._visit(node.iter, env)
            values = _literal_strings(node.iter)
            inner = {**env, node.target.id: values} if isinstance(node.target, ast.Name) and values else env
            for child in node.body + node.orelse:
                self._visit(child, inner)
            return
        if isinstance(node, ast.JoinedStr):  # its constant parts are pieces, not keys; a t() call reads them
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    self._visit(value, env)
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.literals.add(node.value)
        name = _called(node)
        if name == "t" and node.args:
            self.t_calls.append((node.args[0], env))
        elif name == "error_text" and node.args and isinstance(node.args[0], ast.Constant):
            self.error_codes.append(node.args[0].value)
        elif name in ERROR_TYPES and node.args and isinstance(node.args[0], ast.Constant):
            self.raised.add(node.args[0].value)
        for child in ast.iter_child_nodes(node):
            self._visit(child, env)


def _keys_of(arg: ast.expr, env: dict[str, list[str]]) -> tuple[set[str], set[str]]:
    """(keys a t() argument names, prefixes it builds keys from)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return {arg.value}, set()
    if isinstance(arg, ast.IfExp):
        keys_a, prefixes_a = _keys_of(arg.body, env)
        keys_b, prefixes_b = _keys_of(arg.orelse, env)
        return keys_a | keys_b, prefixes_a | prefixes_b
    if isinstance(arg, ast.JoinedStr):
        parts = []
        for value in arg.values:
            if isinstance(value, ast.Constant):
                parts.append([value.value])
            elif isinstance(value.value, ast.Name) and value.value.id in env and value.format_spec is None:
                parts.append(env[value.value.id])
            else:
                first = arg.values[0]
                return set(), {first.value if isinstance(first, ast.Constant) else ""}
        return {"".join(p) for p in itertools.product(*parts)}, set()
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and isinstance(arg.left, ast.Constant):
        return set(), {arg.left.value}
    return set(), set()  # a variable: its key is a literal elsewhere, checked by its shape


def scan() -> dict:
    literals, named, prefixes, error_codes, raised = set(), set(), set(), [], set()
    for path in SOURCES:
        source = Source(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        literals |= source.literals
        error_codes += source.error_codes
        raised |= source.raised
        for arg, env in source.t_calls:
            keys, built = _keys_of(arg, env)
            named |= keys
            prefixes |= built
    for path in TEMPLATES:
        literals |= set(re.findall(r"""["']([a-z][a-z0-9_.-]*)["']""", path.read_text(encoding="utf-8")))
    return {"literals": literals, "named": named, "prefixes": prefixes, "errors": error_codes, "raised": raised}


FOUND = scan()


def test_every_key_the_code_names_exists():
    named = FOUND["named"]
    assert len(named) > 100, "the scan finds the t() calls"
    assert sorted(named - set(CATALOGUE)) == []


def test_every_key_shaped_string_in_the_code_exists():
    template_files = {p.name for p in TEMPLATES}  # "screen.css" is a file, not a key
    template_files |= set(wording.AUDIT_ACTIONS)  # "poll.open" is an audit code; its words are "action.poll.open"
    shaped = {
        s for s in FOUND["literals"] if KEY_SHAPE.match(s) and s.split(".")[0] in NAMESPACES and s not in template_files
    }
    assert sorted(shaped - set(CATALOGUE)) == []


def test_keys_are_built_only_from_known_prefixes_and_all_of_them_exist():
    assert FOUND["prefixes"] == set(DYNAMIC), "a prefix the code builds keys from is missing from DYNAMIC, or unused"
    built = {prefix + value for prefix, values in DYNAMIC.items() for value in values}
    assert sorted(built - set(CATALOGUE)) == []


def test_every_key_in_the_catalogue_is_used():
    built = {prefix + value for prefix, values in DYNAMIC.items() for value in values}
    used = FOUND["literals"] | FOUND["named"] | built
    assert sorted(set(CATALOGUE) - used) == []


def test_every_error_label_is_for_a_code_in_the_code_and_every_named_code_has_one():
    assert sorted(set(ERRORS) - FOUND["literals"]) == []
    assert FOUND["errors"], "the scan finds error_text() calls"
    assert sorted(set(FOUND["errors"]) - set(ERRORS)) == []


def test_every_raised_error_code_has_a_label_or_is_known_to_have_none():
    assert sorted(FOUND["raised"] - set(ERRORS)) == sorted(UNLABELLED_CODES)
