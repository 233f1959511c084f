"""Online-consistent copies of the database (SQLite's backup API), and restoring one."""

import sqlite3
from pathlib import Path

from .errors import BackupError


def backup_to(db_path: Path | str, target: Path | str) -> Path:
    """Copy a live database page by page; writers may keep writing meanwhile."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists():
        raise BackupError("no_database", f"There is no database at {db_path}.")
    if target.exists() and target.is_dir():
        raise BackupError("target_is_folder", f"{target} is a folder; give a file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(str(db_path))
    try:
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    # Rename last, so a crash never leaves a half-written file under the real name.
    partial.replace(target)
    return target
