# Build, test and publish a Pelican site of Jekyll-format posts.
# `make html` and `make test` work on a machine with only Python 3.11.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py

.PHONY: help venv html clean regenerate test lint format

help:
	@echo "make html        build content/ into output/"
	@echo "make test        run the whole test suite (lint included)"
	@echo "make clean       remove output/ and cache/"
	@echo "make regenerate  rebuild on every change (pelican -r)"
	@echo "make format      format the code with ruff"

$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR) cache

regenerate: venv
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

test: venv
	$(BIN)/pytest -q

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
