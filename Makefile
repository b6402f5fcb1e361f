# uhc-roadmap developer tasks. Only Python 3.11+ and make are needed: every target creates
# .venv and installs into it on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet

.PHONY: demo test test-min lint typecheck unit schema docs clean help chromium axe libreoffice bench fuzz

help:
	@echo "make demo   - create .venv, install uhc-roadmap, validate roadmaps/ and report on Morocco"
	@echo "make test   - install test extras, run ruff, mypy --strict and the whole pytest suite"
	@echo "make test-min - the tests again, with every dependency at the lowest version pyproject.toml declares"
	@echo "make docs   - regenerate docs/rules.md and schema/roadmap.schema.json from the code"
	@echo "make fuzz   - long property-based fuzzing (10,000 examples per property, ~50 min)"
	@echo "make bench  - time uhc-roadmap against check-jsonschema and yamllint; writes docs/performance.md"
	@echo "make clean  - remove .venv and caches"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "uhc-roadmap needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

# The stamps re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/uhc-roadmap validate roadmaps/
	$(BIN)/uhc-roadmap report --country MA

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench tools .ci
	$(BIN)/ruff format --check src tests bench tools .ci

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy src

# The browser tests open rendered HTML in Debian's Chromium, the PDF tests need Pango (WeasyPrint)
# and poppler-utils (pdffonts, pdftotext); install what is missing where we can (as root with
# apt-get), in one apt run, with a font that has Arabic letters (DejaVu Sans) for right-to-left PDFs.
# Elsewhere those tests are skipped with a reason.
SYSTEM_PACKAGES := chromium:chromium pdffonts:poppler-utils /usr/lib/$(shell uname -m)-linux-gnu/libpangoft2-1.0.so.0:libpangoft2-1.0-0 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
chromium:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
		what=$${pair%%:*}; package=$${pair#*:}; \
		if ! command -v "$$what" >/dev/null 2>&1 && [ ! -e "$$what" ]; then missing="$$missing $$package"; fi; \
	done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -q && apt-get install -y -q --no-install-recommends $$missing) >/dev/null \
		|| echo "$$missing could not be installed: the tests that need them will be skipped"; \
	fi

# The accessibility tests run axe-core (from npm, at a pinned version) in that Chromium. Node.js
# comes from Debian where we can install it; without npm the tests are skipped with a reason.
AXE_VERSION := 4.14.1
AXE := $(VENV)/node/.axe-core-$(AXE_VERSION)
axe: $(AXE)
$(AXE): | $(PY)
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -q && apt-get install -y -q nodejs npm) >/dev/null \
		|| echo "npm could not be installed: the accessibility tests will be skipped"; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		(npm install --prefix $(VENV)/node --no-save --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION) >/dev/null && touch $@) \
		|| echo "axe-core could not be installed: the accessibility tests will be skipped"; \
	fi

# The spreadsheet tests open workbooks in Debian's LibreOffice Calc (headless, without the
# recommended extras); installed the same way, skipped with a reason elsewhere.
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -q && apt-get install -y -q --no-install-recommends libreoffice-calc) >/dev/null \
		|| echo "libreoffice-calc could not be installed: the LibreOffice tests will be skipped"; \
	fi

unit: $(VENV)/.installed-test chromium axe libreoffice
	$(BIN)/pytest

test: lint typecheck unit

# The floors: a second environment, .venv-min, with every runtime dependency (the core ones and
# the extras users install) at the lowest version pyproject.toml declares, as pip constraints
# that .ci/floors.py writes from pyproject.toml; the test tools themselves are the newest that
# fit. `floors.py check` proves pip applied them, then the tests run against that install
# (non-editable, as users get it). The browser tests add nothing about the floors there.
# PIP_CONSTRAINT reaches the installs the tests make themselves (the pre-commit hook's
# environment). About 5 minutes; .ci/run runs it after `make test`.
MIN      := .venv-min
MIN_TESTS ?= -m "not browser"

$(MIN)/.installed: pyproject.toml .ci/floors.py $(VENV)/.installed-test
	rm -rf $(MIN)
	$(PYTHON) -m venv $(MIN)
	$(PY) .ci/floors.py constraints > $(MIN)/floors.txt
	$(MIN)/bin/python -m pip --disable-pip-version-check --quiet install \
		-c $(MIN)/floors.txt ".[$$($(PY) .ci/floors.py extras | sed 's/^/test,/; s/,$$//')]"
	@touch $@

test-min: $(MIN)/.installed
	$(MIN)/bin/python .ci/floors.py check
	PIP_CONSTRAINT=$(CURDIR)/$(MIN)/floors.txt $(MIN)/bin/pytest -p no:cacheprovider $(MIN_TESTS)

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,bench]'
	@touch $@ $(VENV)/.installed $(VENV)/.installed-test

# About 8 minutes on 2 cores; `make bench BENCH=--quick` about 4. Writes docs/performance.md.
bench: $(VENV)/.installed-bench
	$(PY) bench/run.py $(BENCH)

fuzz: $(VENV)/.installed-test
	UHC_FUZZ=long $(BIN)/pytest tests/hardening/test_fuzz.py -q --hypothesis-show-statistics

# Generated documentation: tests/rules/test_docs.py and tests/test_schema.py fail when these
# files drift from the code.
docs: $(VENV)/.installed-test
	$(BIN)/uhc-roadmap rules --markdown --output docs/rules.md
	$(BIN)/uhc-roadmap schema --output schema/roadmap.schema.json

schema: docs

clean:
	rm -rf $(VENV) $(MIN) .pytest_cache .mypy_cache .ruff_cache .hypothesis .uhc-roadmap-cache dist build
