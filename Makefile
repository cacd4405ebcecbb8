# Two commands on a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint install clean models translations

$(STAMP): pyproject.toml constraints.txt
	bash scripts/install-outputs.sh
	bash scripts/install-ocr.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	bash scripts/demo.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python scripts/check_licences.py

# Everything CI runs: lint, types, licences, fast and slow tests, and the check
# that the store's behaviour suite ran as often on PostgreSQL as on SQLite.
test: lint
	bash scripts/services.sh
	$(BIN)/pytest -m '' --junitxml=.ci/junit.xml $(PYTEST_ARGS)
	$(BIN)/python .ci/backend_parity.py .ci/junit.xml

# The fast suite only, for the edit-test loop.
test-fast: $(STAMP)
	$(BIN)/pytest

# Retrain the shipped zone and kind models from the annotated corpora in ../shared/eval
# (deterministic: CI checks that the shipped files are what this makes).
models: $(STAMP)
	$(BIN)/python -m vigil.extract.zones.train

# The interface's catalogues: extract every string (templates and the web's Python) into
# messages.pot, add the new ones to each language's .po (untranslated, so the completeness
# test fails until they are translated), and compile the .mo files that ship.
LOCALES := src/vigil/web/locales
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k translate:2 --no-location --sort-output \
		--project=Vigil --msgid-bugs-address= --copyright-holder="Vigil contributors" \
		-o $(LOCALES)/messages.pot src/vigil/web
	$(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile --statistics -d $(LOCALES)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
