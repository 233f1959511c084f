"""Write a .gz beside each of Streamlit's static files, for Caddy's `precompressed gzip` and
nginx's `gzip_static` (deploy/Caddyfile, deploy/nginx-verksted.conf). Run once after installing
or upgrading Streamlit, as the user that owns the venv:

    .venv/bin/python deploy/precompress.py            # in place, in the installed package
    .venv/bin/python deploy/precompress.py --to DIR   # a copy with its .gz files in DIR

Files that do not shrink (fonts, images) get none: the proxy then sends them as they are."""

import argparse
import gzip
import shutil
import sys
from pathlib import Path

SHRINKS = {".js", ".css", ".json", ".svg", ".map", ".txt", ".html", ".ttf", ".mjs"}


def static_dir() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static"


def precompress(source: Path, target: Path) -> tuple[int, int]:
    """Copy `source` to `target` (unless the same) and write .gz files; (files, .gz written)."""
    files = written = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix != ".gz"):
        out = target / path.relative_to(source)
        if out != path:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out)
        files += 1
        if path.suffix not in SHRINKS:
            continue
        packed = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        if len(packed) < path.stat().st_size:
            out.with_name(out.name + ".gz").write_bytes(packed)
            written += 1
    return files, written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--to", type=Path, help="write a copy here instead of beside the files")
    args = parser.parse_args(argv)
    source = static_dir()
    files, written = precompress(source, args.to or source)
    print(f"{written} .gz files for {files} files in {args.to or source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
