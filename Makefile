# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run serve test test-fast lint format calibrate bench soak init clean

$(VENV)/.run-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

init: $(VENV)/.run-installed
	$(PY) -m companion init --demo --if-missing

# Personal links and the join QR point at this server unless COMPANION_BASE_URL says otherwise.
run: init
	@COMPANION_BASE_URL="$${COMPANION_BASE_URL:-http://localhost:$(PORT)}" $(PY) -m companion roles --port $(PORT)
	COMPANION_BASE_URL="$${COMPANION_BASE_URL:-http://localhost:$(PORT)}" $(PY) -m streamlit run app.py --server.port $(PORT)

# On the day: one process per core (or PROCESSES=N) on 127.0.0.1:$(PORT) and up, behind Caddy or
# nginx with sticky sessions (docs/operations.md, "Behind Caddy or nginx").
serve: init
	$(PY) deploy/serve.py --port $(PORT) $(if $(PROCESSES),--processes $(PROCESSES))

test: $(VENV)/.dev-installed
	$(PY) -m pytest -q -p no:cacheprovider

# 20 real Chromium phones against 20 simulated ones, the table `make bench` starts with (bench/calibrate.py).
calibrate: $(VENV)/.dev-installed
	$(PY) bench/calibrate.py --phones 20

test-fast: $(VENV)/.dev-installed
	$(PY) -m pytest -q -p no:cacheprovider -m "not e2e"

# ruff (lint and format) over everything, mypy --strict over the domain, node --check over our scripts.
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@js=$$(find src -name '*.js' -not -path '*/node_modules/*'); for f in $$js; do node --check "$$f" || exit 1; done

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.dev-installed
	$(PY) bench/run_all.py

# The 10-minute memory soak of 100 phones, apart from `make bench` to keep that one shorter.
soak: $(VENV)/.dev-installed
	$(PY) bench/run_all.py --soak-only

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache
