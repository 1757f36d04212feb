# Every target sets up .venv first; a fresh machine needs only Python 3.11, make and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES ?= ../shared/samples
GOLD := $(SAMPLES)/rmrb-2019-02 $(SAMPLES)/rmrb-2019-10
NER := $(SAMPLES)/ner-pd-dev.jsonl

.PHONY: install demo test lint eval bench train schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## parse the bundled pages of a made-up city's daily
	$(BIN)/baoku parse examples/qingchuan-daily-2026-03-12.txt --format text

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

eval: $(STAMP)  ## score on data the scored models never saw (the other month, the other folds); search
	$(BIN)/baoku eval --held-out $(GOLD)
	$(BIN)/baoku eval-ner --cross-validate $(NER)
	$(BIN)/baoku eval-search $(SAMPLES)/rmrb-2019-10

bench: $(STAMP)  ## pages/s and peak memory of parse; ingest and search speed
	$(BIN)/python benchmarks/bench_parse.py $(SAMPLES)/rmrb-2019-02
	$(BIN)/python benchmarks/bench_archive.py $(SAMPLES)

train: $(STAMP)  ## retrain the shipped models: line tagger, join model, word classes, entity model
	$(BIN)/baoku train $(GOLD) --out src/baoku/segment/tagger.json \
		--joins-out src/baoku/repair/joins.json
	$(BIN)/baoku train-word-classes $(GOLD) --out src/baoku/extract/word_classes.tsv
	$(BIN)/baoku train-ner $(NER) --out src/baoku/extract/ner.npz

schema: $(STAMP)  ## rewrite the published schema after a reviewed model change
	$(BIN)/baoku schema > src/baoku/schema/parse.v1.json

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
