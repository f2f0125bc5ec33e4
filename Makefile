# Sapar: `make run` starts the bot on SQLite with the web chat; `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup setup-dev ocr run test lint typecheck pytest bench clean

# Pictures are read with Tesseract and its Kyrgyz and Russian data (Debian packages).
OCR_PACKAGES := tesseract-ocr tesseract-ocr-kir tesseract-ocr-rus

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Sapar needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

# Installs the OCR packages when missing and allowed (root with apt-get); otherwise says how,
# and Sapar runs with pictures unread (its /readyz and its replies say so).
ocr:
	@langs="$$(tesseract --list-langs 2>/dev/null)"; \
	if printf '%s\n' "$$langs" | grep -qx kir && printf '%s\n' "$$langs" | grep -qx rus; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing $(OCR_PACKAGES)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq $(OCR_PACKAGES) >/dev/null 2>&1 \
	    || { apt-get update -qq && apt-get install -y -qq $(OCR_PACKAGES) >/dev/null; } \
	    || echo "could not install $(OCR_PACKAGES): pictures will not be read"; \
	else \
	  echo "pictures will not be read; to read them: sudo apt-get install -y $(OCR_PACKAGES)"; \
	fi

run: setup ocr
	$(BIN)/python -m bot serve --host $(HOST) --port $(PORT)

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup-dev
	$(BIN)/mypy

pytest: setup-dev
	$(BIN)/pytest

test: lint typecheck pytest

bench: setup-dev
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache *.egg-info
