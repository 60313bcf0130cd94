# Co+creation intranet. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: install run test e2e bench lint check clean

$(STAMP): pyproject.toml package.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	npm install --no-audit --no-fund --silent
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_users
	$(PY) manage.py load_catalogue
	@echo ""
	@echo "Co+creation is running at http://127.0.0.1:8000 — sign in with a demo login above."
	$(PY) manage.py runserver 127.0.0.1:8000

# Two processes, one per core (pytest-xdist); TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= 2

test: install
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Without REDIS_URL: the site under test keeps its cache in its own memory, and the journeys'
# per-test cache.clear() (a Redis FLUSHDB, whatever the key prefix) must not empty the cache of a
# unit-suite worker using the same Redis database at the same time, as in CI.
e2e: install
	env -u REDIS_URL $(BIN)/pytest -p no:randomly tests/e2e -m e2e $(PYTEST_ARGS)

bench: install
	$(PY) -m tests.bench.run

# The checks of .pre-commit-config.yaml, on every file; CI runs this target.
PRETTIER_FILES := "*/static/**/*.{js,css}"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/prettier --check $(PRETTIER_FILES)
	$(BIN)/djlint --lint .

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules staticfiles
