# Chain Atlas — every set-up step lives here; `make run` and `make test` are all a fresh clone needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
SERVE_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: install run test test-fast lint types imports pytest pytest-sqlite pytest-postgres pytest-fast bench browser test-tools clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# the briefing's PDF is printed by Chromium with the Noto CJK fonts: `browser` installs both for `make run` too
run: install browser
	$(BIN)/chainatlas init
	$(BIN)/chainatlas demo --if-empty
	$(BIN)/chainatlas serve --host $(HOST) --port $(PORT) --workers $(SERVE_WORKERS)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

types: install
	$(BIN)/mypy src

imports: install
	$(BIN)/lint-imports

browser:
	bash scripts/install-browser.sh

# poppler-utils (pdftotext, pdffonts, pdftoppm): the briefing's tests read its PDF with them
test-tools:
	bash scripts/install-test-tools.sh

pytest-sqlite: install browser test-tools
	$(BIN)/pytest -n $(WORKERS) --dist loadfile -q --durations=15

pytest-postgres: install browser test-tools
	CHAINATLAS_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(WORKERS) --dist loadfile -q -m db --durations=15

# the inner loop: SQLite only, no headless browser, nothing marked slow (`make test` runs them all)
pytest-fast: install
	CHAINATLAS_TEST_DATABASE_URL= $(BIN)/pytest -n $(WORKERS) --dist loadfile -q -m "not browser and not slow" --durations=10

pytest: pytest-sqlite pytest-postgres

test: lint types imports pytest

test-fast: lint types imports pytest-fast

bench: install
	for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
