# The two commands a newcomer needs: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

E2E := tests/e2e
AXE := $(E2E)/node_modules/axe-core/axe.min.js

.PHONY: install run serve test lint format check bench clean browser nginx gettext catalogues \
	messages fonts

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install catalogues
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# The site as production runs it (gunicorn, DEBUG off, hashed static files), on plain http.
# Tasks (e-mails, renditions) queued in the database for the worker, as on every app server.
SERVE_ENV = DEBUG=false HTTPS=false SERVE_MEDIA=true ALLOWED_HOSTS=127.0.0.1,localhost \
	TASKS_BACKEND=database \
	SECRET_KEY=$${SECRET_KEY:-local-serve-only-not-for-the-internet-0123456789abcdef}
# nginx on 127.0.0.1:8000 in front of gunicorn (deploy/serve.py, deploy/nginx.conf), and the task
# worker (manage.py db_worker); without nginx, gunicorn alone on 8000 with a loud warning.
# Ctrl-C stops them all.
serve: install nginx
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) -m deploy.serve

# Debian's nginx for `make serve` and the slow-client test, installed like the browser (root
# with apt); elsewhere a loud warning, and `.ci/run` (REQUIRE_NGINX=1) fails instead.
nginx:
	@if [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's nginx for make serve and the slow-client test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			nginx >/dev/null; \
	else \
		echo "!!! WARNING: no /usr/sbin/nginx, and no way to install it here: make serve runs"; \
		echo "!!! gunicorn alone and the slow-client test (tests/test_edge.py) is SKIPPED."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint catalogues browser nginx $(AXE)
	$(VENV)/bin/pytest

# The interface in Thai: the catalogues (freedomstory/locale, news/locale, shop/locale) are
# written as .po files and compiled here into the .mo files Django reads (not committed: they are
# made from the .po, and a stale one would show old words). Debian's gettext does both jobs.
# Only our own folders: never the .venv's packages, tests, or anything served or uploaded.
I18N_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=deploy --ignore=staticfiles \
	--ignore=media --ignore=node_modules

# Debian's gettext (msgfmt, xgettext), installed like the browser (root with apt); elsewhere a
# loud warning and every page in English; CI (CI or REQUIRE_GETTEXT set) fails instead.
gettext:
	@if command -v msgfmt >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's gettext to compile the Thai interface texts"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			gettext >/dev/null; \
	elif [ -n "$$CI$$REQUIRE_GETTEXT" ]; then \
		echo "!!! ERROR: no msgfmt (Debian's gettext), and no way to install it here: the Thai"; \
		echo "!!! interface cannot be compiled."; \
		exit 1; \
	else \
		echo "!!! WARNING: no msgfmt (Debian's gettext), and no way to install it here: the Thai"; \
		echo "!!! pages show the interface in English, and the catalogue tests are SKIPPED."; \
	fi

# The .po files compiled (only those changed since their .mo), for make run and make test.
catalogues: install gettext
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --verbosity 0 $(I18N_IGNORE); \
	fi

# Every marked text of the site into the .po files, from the repository's root: each file's
# texts go to its area's catalogue (settings.LOCALE_PATHS). Then write the Thai of the new ones.
messages: install gettext
	$(PY) manage.py makemessages -l th $(I18N_IGNORE)

# The browser tests drive Debian's Chromium. Installed here where missing (root with apt, as in
# CI); elsewhere they are skipped with a loud warning, and CI (REQUIRE_BROWSER=1) fails instead.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver >/dev/null; \
	else \
		echo "!!! WARNING: no /usr/bin/chromium or /usr/bin/chromedriver, and no way to install"; \
		echo "!!! them here: the browser tests (tests/e2e) will be SKIPPED."; \
	fi

# The Thai font (Sarabun, SIL OFL) served from static/fonts/: the files are committed, so `make run`
# needs no npm. This refreshes them from the npm package, pinned here by version and by the
# registry's integrity hash (npm pack checks it, and so does this), with no package.json to keep.
FONT_PACKAGE := @fontsource/sarabun@5.3.0
FONT_INTEGRITY := sha512-8GWxnEIG9g/2JlZxU+APaVwipcLMkZkBps9N1tEyBxXWaJEnAtHpuaDYmFVG7lzTgr28orG7//htD/rfxDlfFg==
FONT_FILES := sarabun-thai-400-normal sarabun-thai-700-normal sarabun-latin-400-normal \
	sarabun-latin-700-normal
fonts:
	@work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && \
	npm pack $(FONT_PACKAGE) --pack-destination "$$work" --json --silent > "$$work/pack.json" && \
	grep -q '"integrity": "$(FONT_INTEGRITY)"' "$$work/pack.json" || \
		{ echo "!!! $(FONT_PACKAGE) is not the package pinned in the Makefile"; exit 1; }; \
	tar -xzf "$$work"/*.tgz -C "$$work" && \
	for name in $(FONT_FILES); do cp "$$work/package/files/$$name.woff2" static/fonts/; done && \
	cp "$$work/package/LICENSE" static/fonts/OFL.txt && echo "static/fonts/ refreshed from $(FONT_PACKAGE)"

# axe-core, injected into pages by the accessibility tests.
$(AXE): $(E2E)/package.json $(E2E)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(E2E) --no-audit --no-fund --silent && touch $(AXE); \
	else \
		echo "!!! WARNING: npm not found: the accessibility checks will be SKIPPED."; \
	fi

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache $(E2E)/node_modules $(E2E)/artifacts

# Throughput as a ratio to a Django hello-world in the same run, latency, memory, a 24-megapixel
# upload, 1,000 vs 10,000 posts; targets printed PASS/MISS (bounded; about five minutes). With
# PostgreSQL and Redis as well (a database of its own, freedomstory_bench, made and dropped):
#   make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
#              REDIS_URL=redis://127.0.0.1:6379/0
# wrk is installed here where missing (root with apt); elsewhere the HTTP rows are skipped loudly.
# `make bench BENCH_ARGS=--cached-only`: the cached pages alone, English and their Thai twins.
bench: install
	@if command -v wrk >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's wrk for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi
	$(PY) bench/run.py $(BENCH_ARGS)
