# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate messages seed clean schema bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'artifacts/*' -v0

migrate: install
	$(BIN)/python manage.py migrate --no-input -v0

seed: migrate
	$(BIN)/python manage.py seed_demo

run: messages seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 static_collected

schema: messages
	$(BIN)/python manage.py export_schema

# Load tests: gunicorn on a fresh PostgreSQL database amaze_bench (127.0.0.1:5432, user postgres)
# and Redis; see docs/benchmarks.md. Options via BENCH_ARGS, e.g. BENCH_ARGS="--sizes 20,200".
bench: messages
	$(BIN)/python -m bench $(BENCH_ARGS)
