# Development commands. `make demo` runs the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint browsers run benchmark clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

.env:
	printf 'DEBUG=1\n' > .env

install: $(STAMP) .env

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests and the Cabinet paper (no browser download needed).
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium poppler-utils; \
	  else echo "Install Debian's chromium and poppler-utils (sudo apt-get install chromium poppler-utils)"; exit 1; fi; }

test: install browsers
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

benchmark: install
	$(PY) manage.py benchmark_ratings

clean:
	rm -rf $(VENV) var .pytest_cache
