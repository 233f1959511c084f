"""House rules that can be checked: the domain never imports streamlit, the README documents
every page, CLI command and setting, and docs/architecture.md's code map lists every module."""

import ast
import re
from pathlib import Path

from click import Group

from companion.cli import main
from companion.config import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_never_imports_streamlit():
    domain = [
        p
        for p in (ROOT / "src" / "companion").rglob("*.py")
        if "ui" not in p.relative_to(ROOT / "src" / "companion").parts
    ]
    assert domain
    offenders = [str(p) for p in domain if "streamlit" in _imports(p)]
    assert offenders == []


def test_pages_never_write_sql():
    sql = re.compile(r"\b(INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b", re.I)
    offenders = [p.name for p in (ROOT / "pages").glob("*.py") if sql.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def _commands(group: Group, prefix=""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}"
        if isinstance(command, Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_cli_command_is_in_the_readme():
    missing = [c for c in _commands(main) if f"companion {c}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme():
    assert [s.name for s in SETTINGS if s.name not in README] == []


def test_every_page_is_listed_in_the_app_and_the_readme():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in sorted((ROOT / "pages").glob("*.py")):
        assert f'"pages/{page.name}"' in app, page.name
        assert f"pages/{page.name}" in README, page.name


def _code_map() -> str:
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return architecture.split("\n## Code map\n", 1)[1].split("\n## ", 1)[0]


def _listed(code_map: str, name: str) -> bool:
    """A module is listed when a line of the code map starts with its name (after indentation)."""
    return re.search(rf"^\s+{re.escape(name)}\s", code_map, re.M) is not None


def test_every_domain_module_has_a_line_in_the_code_map():
    package = ROOT / "src" / "companion"
    modules = sorted(p.name for p in package.glob("*.py") if not p.name.startswith("__"))
    assert modules
    assert [m for m in modules if not _listed(_code_map(), m)] == []


def test_every_ui_module_has_a_line_in_the_code_map():
    package = ROOT / "src" / "companion" / "ui"
    modules = sorted(f"ui/{p.name}" for p in package.glob("*.py") if not p.name.startswith("__"))
    assert modules
    assert [m for m in modules if not _listed(_code_map(), m)] == []
