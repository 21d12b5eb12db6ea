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

# Preview: make devserver [PORT=8000] [BIND=127.0.0.1] [DRAFTS=1]
PORT ?= 8000
BIND ?= 127.0.0.1
DRAFTS ?=
# Publishing targets (see README, "Preview and publish")
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_REMOTE ?= origin
GITHUB_CNAME ?=
# A content cache folder kept between publishes (CI restores and saves one);
# unset, every publish reads every post.
PUBLISH_CACHE ?=
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
S3_BUCKET ?=
S3_ACL ?=
S3_ENDPOINT ?=
# Benchmark sizes: make bench SIZES=1000,5000,10000 PREVIEW_SIZES=500,1000,5000
SIZES ?= 1000,5000
PREVIEW_SIZES ?= 500,1000,5000

.PHONY: help venv html clean regenerate test lint format aws-tools
.PHONY: devserver serve publish check github rsync_upload s3_upload bench-linkcheck bench

help:
	@echo "make html        build content/ into output/"
	@echo "make test        run the whole test suite (lint included)"
	@echo "make clean       remove output/ and cache/"
	@echo "make regenerate  rebuild on every change (pelican -r)"
	@echo "make format      format the code with ruff"
	@echo "make devserver   preview with live reload at http://127.0.0.1:8000/ (DRAFTS=1 for drafts)"
	@echo "make serve       serve output/ as it is"
	@echo "make check       build, then check every internal link, image and #fragment"
	@echo "make doctor      list what renders differently from Jekyll in content/ (SITE=folder)"
	@echo "make compare     build SITE=folder with real Jekyll and here; list every post that differs"
	@echo "make publish     strict build with publishconf.py, checked, then swapped into output/"
	@echo "make github      publish, then push output/ to the $(GITHUB_PAGES_BRANCH) branch"
	@echo "make rsync_upload  publish, then rsync to SSH_HOST:SSH_TARGET_DIR"
	@echo "make s3_upload   publish, then sync to the S3_BUCKET bucket (S3_ENDPOINT for S3-compatible hosts)"
	@echo "make aws-tools   the AWS CLI and a local S3 server for the tests, in .venv-aws/"
	@echo "make screenshots  PNGs of home, a post and a series page (phone/desktop, light/dark) in screenshots/"
	@echo "make bench       build speed against Jekyll, SIZES=$(SIZES) posts; save to reload in the dev server, PREVIEW_SIZES=$(PREVIEW_SIZES); tables in bench/out/"

$(VENV)/.installed: requirements.txt pelican-jekyll-posts/pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# The AWS CLI and moto's S3 server for the s3_upload test, apart from the site's
# packages (botocore and the site pin different python-dateutil versions).
AWS_VENV := .venv-aws
$(AWS_VENV)/.installed: tests/requirements-aws.txt
	$(PY) -m venv $(AWS_VENV)
	$(AWS_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements-aws.txt
	touch $@

aws-tools: $(AWS_VENV)/.installed

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

devserver: venv
	$(BIN)/python -m sitetools.devserver --content $(INPUTDIR) --output $(OUTPUTDIR) \
		--settings $(CONFFILE) --bind $(BIND) --port $(PORT) \
		$(if $(filter 1 yes true,$(DRAFTS)),--drafts)

serve: venv
	$(BIN)/python -m sitetools.server $(OUTPUTDIR) --bind $(BIND) --port $(PORT)

check: html
	$(BIN)/python -m sitetools.linkcheck $(OUTPUTDIR)

publish: venv
	$(BIN)/python -m sitetools.publish --content $(INPUTDIR) --output $(OUTPUTDIR) \
		--settings $(PUBLISHCONF) $(if $(GITHUB_CNAME),--cname $(GITHUB_CNAME)) \
		$(if $(PUBLISH_CACHE),--cache $(PUBLISH_CACHE))

github: publish
	$(BIN)/ghp-import --no-jekyll --push --remote $(GITHUB_REMOTE) \
		--branch $(GITHUB_PAGES_BRANCH) --message "Publish the site" \
		$(if $(GITHUB_CNAME),--cname $(GITHUB_CNAME)) $(OUTPUTDIR)

rsync_upload: publish
	$(BIN)/python -m sitetools.upload rsync $(OUTPUTDIR) --target "$(SSH_TARGET_DIR)" \
		--host "$(SSH_HOST)" --user "$(SSH_USER)" --port $(SSH_PORT)

s3_upload: publish
	$(BIN)/python -m sitetools.upload s3 $(OUTPUTDIR) --bucket "$(S3_BUCKET)" \
		$(if $(S3_ACL),--acl $(S3_ACL)) $(if $(S3_ENDPOINT),--endpoint $(S3_ENDPOINT))

bench-linkcheck: venv
	$(BIN)/python bench/linkcheck_bench.py

# Cold build, one-edit rebuild, time per post, peak memory; with Jekyll when installed.
bench: venv
	$(BIN)/python bench/run.py --sizes $(SIZES)
	$(BIN)/python bench/preview.py --sizes $(PREVIEW_SIZES)

.PHONY: screenshots

# PNGs of the home page, a post and a series page, phone and desktop, light and dark.
screenshots: venv
	$(BIN)/python -m sitetools.screenshots screenshots

.PHONY: doctor

# What a folder of Jekyll posts would lose or change here: make doctor SITE=~/my-blog
SITE ?= $(INPUTDIR)
doctor: venv
	$(BIN)/python -m pelican.plugins.jekyll_posts.doctor $(SITE)

.PHONY: compare

# Real Jekyll against this site, post by post: make compare SITE=~/my-blog [LENIENT=1]
compare: venv
	$(BIN)/python -m sitetools.compare $(SITE) $(if $(filter 1 yes true,$(LENIENT)),--lenient)
