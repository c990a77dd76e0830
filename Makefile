# Linked Risk: `make run` starts the dashboard on the sample data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= sqlite:///$(CURDIR)/var/linkedrisk.db
PORT ?= 8501

.PHONY: setup run test lint bench system-deps sample clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

run: setup
	mkdir -p var
	$(VENV)/bin/linkedrisk import sample_data --db '$(DB)'
	$(VENV)/bin/linkedrisk demo-users --db '$(DB)'
	LINKEDRISK_DB_URL='$(DB)' $(PY) -m streamlit run dashboard/streamlit_app.py --server.port $(PORT)

# Browser tests need Debian's chromium, and the PDF checks poppler's pdftoppm: install them when
# missing and we may (CI runs as root); without them those tests skip, saying why.
system-deps:
	@missing=""; test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	  test -d /usr/share/fonts/truetype/noto || missing="$$missing fonts-noto-color-emoji"; \
	  if [ -n "$$missing" ]; then \
	    if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else echo "not installed:$$missing (browser/PDF tests will be skipped)"; fi; \
	  fi

test: setup system-deps
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check data_model dashboard tests bench
	$(VENV)/bin/mypy

bench: setup system-deps
	$(PY) -m bench.run
	$(PY) -m bench.dashboard

sample: setup
	$(VENV)/bin/linkedrisk generate --people 2000 --seed 7 --as-of 2026-11-27 --case-density 65 --history-months 15 --out sample_data

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
