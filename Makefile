# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHIP   := $(VENV)/bin/shipwatch
DATA   ?= ../shared/data
N      ?= 100000

.PHONY: demo test bench bench-report bench-models eval gold train install system-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# One venv for everything, video included (the [video] extra's pins keep mediapipe, OpenCV and numpy<2
# compatible with the rest); reinstalled when the package definition changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,video]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(SHIP) demo --out demo-report
	@echo "open demo-report/report.html"

# Chromium (report tests in a real browser) and fonts for Hangul, Thai and emoji (quote cards, screenshots): Debian packages, installed once when
# run as root (CI); elsewhere the tests that need them skip and say why. Idempotent: nothing happens when present.
system-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && fc-list 2>/dev/null | grep -qi "Noto Sans Thai"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji fontconfig; \
	else echo "make: chromium or fonts-noto-cjk missing and not root: browser and card tests will skip"; fi

test: install system-deps
	$(PY) -m pytest

bench: install
	$(PY) bench/throughput.py --n $(N) --json

bench-report: install
	$(PY) bench/report.py --n 1000000 --json

bench-models: install gold
	$(PY) bench/benchmarks.py --json
	$(PY) bench/understand.py --n 60000

# Rebuild every shipped model from $(DATA) and the committed labels (deterministic, ~5 minutes).
train: install
	$(SHIP) train --data $(DATA)

gold: install
	$(SHIP) gold build --data $(DATA) --out gold/build

eval: gold
	$(SHIP) eval gold/build/test.jsonl
	$(SHIP) eval gold/build/all.jsonl --json > gold/build/eval_all.json

clean:
	rm -rf $(VENV) demo-report gold/build .pytest_cache
