"""Exit 0 when the app answers on Streamlit's health endpoint, else 1: Docker's HEALTHCHECK.

Reads the port and the path prefix as Streamlit does (STREAMLIT_SERVER_PORT,
STREAMLIT_SERVER_BASE_URL_PATH), so it works behind any prefix. Standard library only."""

import os
import sys
import urllib.request


def health_url(env: dict[str, str]) -> str:
    port = env.get("STREAMLIT_SERVER_PORT") or "8501"
    prefix = (env.get("STREAMLIT_SERVER_BASE_URL_PATH") or "").strip("/")
    return f"http://127.0.0.1:{port}/{prefix + '/' if prefix else ''}_stcore/health"


def main() -> int:
    try:
        with urllib.request.urlopen(health_url(dict(os.environ)), timeout=3) as response:
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
