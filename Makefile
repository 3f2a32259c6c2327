# Kota Cerdas: `make run` serves the app with demo data, `make test` runs the whole suite.
# Needs only python3 (3.11), git and make: uv is bootstrapped into .tools/.
PYTHON ?= python3
PORT ?= 8000
UV := .tools/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test setup db messages check-messages bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	touch $@

setup: .venv/.synced

db: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo

run: db
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Re-extract every app's Indonesian messages after changing visible strings, then compile.
messages: setup
	for app in kotacerdas/*/; do [ -d $$app/locale ] && (cd $$app && ../../$(PY) ../../manage.py makemessages -l id --no-obsolete >/dev/null) ; done; true
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools >/dev/null

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf .venv .tools db.sqlite3 staticfiles
