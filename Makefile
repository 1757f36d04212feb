# Every target sets up .venv first; a fresh machine needs only Python 3.11, make and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES ?= ../shared/samples
GOLD := $(SAMPLES)/rmrb-2019-02 $(SAMPLES)/rmrb-2019-10
NER := $(SAMPLES)/ner-pd-dev.jsonl

.PHONY: install demo test browser lint eval bench train schema clean

$(STAMP): pyproject.toml setup.py src/baoku/_buffers.h src/baoku/extract/_chain.c \
		src/baoku/segment/_forest.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## the bundled pages of a made-up city's daily: parsed, ingested, served
	$(BIN)/baoku parse examples/qingchuan-daily-2026-03-12.txt --format text
	rm -f build/demo.db build/demo.db-wal build/demo.db-shm && mkdir -p build
	$(BIN)/baoku ingest examples --db build/demo.db
	$(BIN)/baoku serve --db build/demo.db

test: $(STAMP) lint
	$(BIN)/pytest

browser:  ## Debian's Chromium and a Chinese font, for the reader's browser test (as root)
	command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-wqy-microhei >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

eval: $(STAMP)  ## score on data the scored models never saw (the other month, the other folds); search
	$(BIN)/baoku eval --held-out $(GOLD)
	$(BIN)/baoku eval-ner --cross-validate $(NER)
	$(BIN)/baoku eval-search $(SAMPLES)/rmrb-2019-10

bench: $(STAMP)  ## pages/s and peak memory of parse; ingest, search and page render speed
	$(BIN)/python benchmarks/bench_parse.py $(SAMPLES)/rmrb-2019-02
	$(BIN)/python benchmarks/bench_archive.py $(SAMPLES)
	$(BIN)/python benchmarks/bench_web.py $(SAMPLES)/rmrb-2019-02

train: $(STAMP)  ## retrain the shipped models: line tagger, join model, word classes, entity model
	$(BIN)/baoku train $(GOLD) --out src/baoku/segment/tagger.json \
		--joins-out src/baoku/repair/joins.json
	$(BIN)/baoku train-word-classes $(GOLD) --out src/baoku/extract/word_classes.tsv
	$(BIN)/baoku train-ner $(NER) --out src/baoku/extract/ner.npz

schema: $(STAMP)  ## rewrite the published schema after a reviewed model change
	$(BIN)/baoku schema > src/baoku/schema/parse.v1.json

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
