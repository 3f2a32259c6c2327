# Kota Cerdas: `make run` serves the app with demo data, `make test` runs the whole suite.
# Needs only python3 (3.11), git and make: uv is bootstrapped into .tools/.
PYTHON ?= python3
PORT ?= 8000
UV := .tools/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run serve worker test lint setup db messages check-messages bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	touch $@

setup: .venv/.synced

# The embedded demo: development server, DEBUG on, demo users with the public password.
db: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo --demo-logins

run: db
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: gunicorn behind a proxy, settings from the environment (deploy/README.md).
# Refuses to start while `check --deploy` has anything to say (e.g. the development SECRET_KEY).
WORKERS ?= 4
serve: setup
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	.venv/bin/gunicorn kotacerdas.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - --forwarded-allow-ips '*'

# Background jobs (imports, exports, documents) on a Celery worker; the web tier queues them when
# CELERY_BROKER_URL is set (e.g. redis://127.0.0.1:6379/0). Without it the web process runs them.
CONCURRENCY ?= 2
worker: setup
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0): without a broker the web process runs the jobs itself."; exit 1; }
	.venv/bin/celery -A kotacerdas worker --loglevel INFO --concurrency $(CONCURRENCY) --queues $${CELERY_QUEUE:-kotacerdas}

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Formatter, linter and the architecture contract (apps import only the apps below them).
lint: setup
	.venv/bin/ruff check kotacerdas e2e bench
	.venv/bin/ruff format --check kotacerdas e2e bench
	.venv/bin/lint-imports

# Re-extract every app's Indonesian messages after changing visible strings, then compile.
messages: setup
	for app in kotacerdas/*/; do [ -d $$app/locale ] && (cd $$app && ../../$(PY) ../../manage.py makemessages -l id --no-obsolete >/dev/null) ; done; true
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools >/dev/null

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf .venv .tools db.sqlite3 staticfiles
