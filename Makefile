# Linked Risk: `make run` starts the dashboard on the sample data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= sqlite:///$(CURDIR)/var/linkedrisk.db
PORT ?= 8501

.PHONY: setup run test lint bench browser-deps sample clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

run: setup
	mkdir -p var
	$(VENV)/bin/linkedrisk import sample_data --db '$(DB)'
	LINKEDRISK_DB_URL='$(DB)' $(PY) -m streamlit run dashboard/streamlit_app.py --server.port $(PORT)

# Browser tests need Debian's chromium; install it when missing and we may (CI runs as root).
browser-deps:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } || \
	  echo "chromium is not installed: browser tests will be skipped"

test: setup browser-deps
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check data_model dashboard tests bench
	$(VENV)/bin/mypy

bench: setup
	$(PY) -m bench.run

sample: setup
	$(VENV)/bin/linkedrisk generate --people 2000 --seed 7 --out sample_data

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
