# lede: the two commands a newcomer needs are `make serve` and `make test`.
# Both install what is missing first (scripts/setup.sh) and skip what is there.

SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test setup setup-test dist fmt-check lint test-native test-web test-e2e size clean model model-check eval

# The read-only data the model is trained from (never committed; see README).
DATA ?= ../shared/data

## Serve the app on http://127.0.0.1:8080 (installs the toolchain pieces first).
serve: setup
	trunk serve --release

## Every test layer, plus formatting and lints (and the model rebuild check when the data is there).
test: setup-test fmt-check lint test-native model-check test-web dist test-e2e

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## The release bundle in dist/ (size-tuned: opt-level z, LTO, wasm-opt -Oz).
dist: setup
	trunk build --release

fmt-check:
	cargo fmt --all -- --check

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test

test-web:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e:
	cd tests/e2e && npx playwright test

## Raw and gzip sizes of every file of the release bundle.
size: dist
	@scripts/size.sh dist

## Retrain the tagger and rebuild the lexicon into model/ (deterministic).
model:
	cargo run --release --bin lede -- train --data $(DATA) --out model

## Rebuild the model into a temporary folder and check it equals the committed bytes.
model-check:
	@if [ -d "$(DATA)/conll2003" ]; then \
	  tmp=$$(mktemp -d) && cargo run --release --bin lede -- train --data $(DATA) --out $$tmp 2>/dev/null && \
	  cmp $$tmp/ner.bin model/ner.bin && cmp $$tmp/lexicon.bin model/lexicon.bin && \
	  echo "model-check: rebuilt model/ner.bin and model/lexicon.bin byte for byte"; \
	else echo "model-check: skipped, no training data at $(DATA)"; fi

## conlleval-style scores of the committed model on the dev split.
eval:
	cargo run --release --bin lede -- eval $(DATA)/conll2003/eng.testa

clean:
	cargo clean
	rm -rf dist
