# Klimanett: `make run` starts the demo site, `make test` runs every check CI runs.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
VENDOR := src/klimanett/static/vendor
NPM := node_modules
PG_URL ?= postgres://postgres@127.0.0.1:5432/klimanett
CHROMIUM := /usr/bin/chromium
PANGO := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: run test install assets chromium pango lint test-sqlite test-postgres messages constraints serve-production clean

run: install assets pango
	DEBUG=1 $(BIN)/klimanett migrate --no-input
	DEBUG=1 $(BIN)/klimanett seed_demo --if-empty
	@echo "Klimanett runs on http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	DEBUG=1 $(BIN)/klimanett runserver 127.0.0.1:$(PORT)

test: install assets chromium pango lint test-sqlite test-postgres

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/designsystemet $(VENDOR)/designsystemet-web $(VENDOR)/htmx $(VENDOR)/inter/files
	cp $(NPM)/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/index.css
	cp $(NPM)/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp $(NPM)/@digdir/designsystemet-web/dist/umd/index.js $(NPM)/@digdir/designsystemet-web/dist/umd/index.js.map $(VENDOR)/designsystemet-web/
	cp $(NPM)/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	cp $(NPM)/@fontsource/inter/latin.css $(VENDOR)/inter/latin.css
	cp $(NPM)/@fontsource/inter/files/inter-latin-*-normal.woff* $(VENDOR)/inter/files/
	touch $@

# Browser tests drive Debian's Chromium; it is installed from Debian's packages when missing.
chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# PDF reports are made with WeasyPrint, which needs Debian's Pango; installed when missing.
pango:
	@dpkg -s $(PANGO) >/dev/null 2>&1 || { \
		echo "Installing Pango for the PDF reports"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PANGO) >/dev/null; }

lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	KLIMANETT_TESTING=1 $(BIN)/mypy src/klimanett
	KLIMANETT_TESTING=1 $(BIN)/klimanett makemigrations --check --dry-run
	KLIMANETT_TESTING=1 $(BIN)/klimanett check

# --dist loadgroup: the tests of an xdist_group (a class sharing a seeded demo) run on one worker.
test-sqlite:
	$(BIN)/pytest -n 2 --dist loadgroup

# PostgreSQL runs on 127.0.0.1:5432 on the development and CI machines; start it if it is down.
test-postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432"; exit 1; }
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup -m "not browser"

# Recompile the nb and nn catalogues after adding strings (needs GNU gettext).
messages: install
	cd src/klimanett && ../../$(BIN)/klimanett makemessages -l nb -l nn -l en --no-obsolete --no-location
	cd src/klimanett && ../../$(BIN)/klimanett compilemessages

constraints: install
	$(BIN)/pip freeze --exclude-editable | grep -v '^klimanett' > constraints.txt

# How production runs: granian serving the WSGI app, after collectstatic and migrate.
serve-production: install assets pango
	$(BIN)/klimanett collectstatic --no-input
	$(BIN)/klimanett migrate --no-input
	$(BIN)/granian --interface wsgi --host 0.0.0.0 --port $(PORT) --workers 2 --blocking-threads 4 klimanett.wsgi:application

clean:
	rm -rf $(VENV) $(NPM) $(VENDOR) data
