# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHIP   := $(VENV)/bin/shipwatch
DATA   ?= ../shared/data
N      ?= 100000

.PHONY: demo test bench eval gold install clean

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

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/throughput.py --n $(N) --json

gold: install
	$(SHIP) gold build --data $(DATA) --out gold/build

eval: gold
	$(SHIP) eval gold/build/test.jsonl
	$(SHIP) eval gold/build/all.jsonl --json > gold/build/eval_all.json

clean:
	rm -rf $(VENV) demo-report gold/build .pytest_cache
