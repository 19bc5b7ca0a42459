# Everything a newcomer needs: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench prove install upgrade migrate seed serve worker periodic clean

$(PY):
	@python=$$(bin/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

# Take the newest releases pyproject.toml allows and pin them; then run make test.
upgrade: | $(PY)
	$(PY) -m pip install --quiet --upgrade -e '.[test]'
	{ sed -n '1,2p' constraints.txt; $(PY) -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	@touch $(STAMP)

# Every app's catalogues: ours and those of designers' block apps.
MO := $(patsubst %.po,%.mo,$(wildcard */locale/*/LC_MESSAGES/django.po))
%.mo: %.po $(STAMP)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

install: $(STAMP) $(MO)

migrate: install
	$(MANAGE) migrate --no-input

seed: migrate
	$(MANAGE) seed_demo

# Web server, task worker and periodic jobs together; Ctrl-C stops them all.
ADDR ?= 127.0.0.1:8000
run: seed
	DEBUG=$${DEBUG:-1} $(MANAGE) devserver --addr $(ADDR)

test: install
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production-style server: gunicorn + whitenoise (configure with env vars).
serve: install
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(VENV)/bin/gunicorn cms.wsgi --config gunicorn.conf.py --bind $${BIND:-127.0.0.1:8000}

worker: install
	$(MANAGE) db_worker

# Webhook retries and the daily purge of personal data past retention.
periodic: install
	$(MANAGE) periodic

# Production-like server (gunicorn, PostgreSQL, Redis) measured against a
# baseline view in the same run; prints JSON. Needs wrk (installed as root on Debian).
bench: install
	@bin/require wrk wrk
	$(PY) -m tests.bench.run

# Load, faults (a worker killed, PostgreSQL restarted) and attacks against the
# production-like server, plus schemathesis on the API; a few minutes. Needs wrk.
# `make prove CHECKS="attack load"` runs only the checks named (tests/prove/run.py).
prove: install
	@bin/require wrk wrk
	$(PY) -m pip install --quiet schemathesis
	$(PY) -m tests.prove.run $(CHECKS)

clean:
	rm -rf $(VENV) var $(MO)
