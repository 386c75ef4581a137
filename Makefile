# Prognosis — `make demo` and `make test` do everything on a fresh Debian machine.
SWIFT       ?= swift
APT_PACKAGES = libgit2-dev libsqlite3-dev libxgboost-dev pkg-config git
VENV        := .venv
PROGNOSIS   := .build/release/prognosis
# Every import must be a declared dependency: the layers of ../shared/ARCHITECTURE.md, enforced.
IMPORT_CHECK := --explicit-target-dependency-import-check error

.PHONY: all deps build release test asan demo bench venv fuzz clean train-default browser

all: build

# Installs what is missing: with apt-get when root, otherwise names the packages to install.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Prognosis needs:$$missing — install them with: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed (https://swift.org/install)" >&2; exit 1; }

build: deps
	$(SWIFT) build --product prognosis

release: deps
	$(SWIFT) build -c release --product prognosis

# Builds everything (the CLI tests run the real binary), then runs every test. The venv holds
# the oracles of the differential tests (lizard, complexipy).
test: deps venv browser
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	$(SWIFT) test --skip-build --disable-xctest

# Builds prognosis under AddressSanitizer and scans real histories with it (this repository's,
# and a partial clone of it): libgit2 buffers must never be used past their objects.
asan: deps
	$(SWIFT) build --product prognosis --sanitize=address --scratch-path .build-asan
	Tests/Sanitizers/asan_scan.sh $(CURDIR)/.build-asan/debug/prognosis $(CURDIR)

# Scans this repository's own history, prints what the store now knows (a file's story, the
# bug-introducing commits SZZ found, a blame served from stored origins), outlines our Python
# and ranks our most complex functions.
demo: release
	$(PROGNOSIS) scan --repo .
	$(PROGNOSIS) store info --repo .
	$(PROGNOSIS) summary --repo . --top 10
	$(PROGNOSIS) history Benchmarks/scan_bench.py
	$(PROGNOSIS) history --bug-introducing | tail -5
	$(PROGNOSIS) blame Tests/Oracles/blame_oracle.py | head -5
	$(PROGNOSIS) outline Benchmarks Fuzz Tests/Oracles
	$(PROGNOSIS) metrics --top 15
	@# Our own history is young: train says so (exit 9) and predict uses the shipped default model.
	$(PROGNOSIS) train --repo . || echo "(not enough history of our own yet: the shipped default model scores below)"
	$(PROGNOSIS) predict --repo . --level function --top 5
	$(PROGNOSIS) predict --repo . --level commit --range HEAD~3..HEAD
	$(PROGNOSIS) evaluate --repo . --level commit || echo "(no back-test possible on a history this young)"
	@# The fix rules, and what they would change here, riskiest first (a dry run: nothing is written).
	$(PROGNOSIS) rules --repo .
	$(PROGNOSIS) fix --repo . --top 3
	@# Last, the HTML risk report of this repository's own history (it prints where it wrote it).
	$(PROGNOSIS) report --repo . --out prognosis-report.html

# The shipped default model (Sources/Prediction/Resources/default-*.json), trained only on the
# repositories named in REPOS (local clones; each is scanned first). The recipe of the shipped one:
#   make train-default REPOS="requests flask rich Alamofire swift-nio vapor"   (clones of psf/requests,
#   pallets/flask, Textualize/rich, Alamofire/Alamofire, apple/swift-nio, vapor/vapor)
train-default: release
	@test -n "$(REPOS)" || { echo 'give the clones to learn from: make train-default REPOS="path/to/requests path/to/flask …"' >&2; exit 64; }
	for r in $(REPOS); do $(PROGNOSIS) scan --repo $$r -q || exit 1; done
	$(PROGNOSIS) train-default --out Sources/Prediction/Resources $(REPOS)

# Oracles and peers (lizard, complexipy, radon, PyDriller) live in a local virtualenv, never in the system Python.
venv: deps
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(VENV); \
	  else echo "install python3-venv: sudo apt-get install -y python3-venv" >&2; exit 1; fi; }
	@$(VENV)/bin/python -c "import pydriller" 2>/dev/null || $(VENV)/bin/pip install -q pydriller
	@test -x $(VENV)/bin/complexipy || $(VENV)/bin/pip install -q complexipy
	@test -x $(VENV)/bin/lizard || $(VENV)/bin/pip install -q lizard
	@test -x $(VENV)/bin/radon || $(VENV)/bin/pip install -q radon
	@$(VENV)/bin/python -c "import jsonschema" 2>/dev/null || $(VENV)/bin/pip install -q jsonschema
	@test -x $(VENV)/bin/pre-commit || $(VENV)/bin/pip install -q pre-commit
	@test -x $(VENV)/bin/ruff || $(VENV)/bin/pip install -q ruff

# The report's browser test runs headless Chromium: installed when root, skipped (and said) otherwise.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium for the report's browser test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: the browser test will be skipped"; \
	  else echo "no chromium: the report's browser test will be skipped"; fi; }

# Benchmarks against git and PyDriller in one run (release build). Set PROGNOSIS_BENCH_REPO to
# a clone of a large history; see Benchmarks/RESULTS.md.
bench: release venv
	$(SWIFT) build -c release --product ParseBench
	$(SWIFT) build -c release --product OriginBench
	$(VENV)/bin/python Benchmarks/parse_bench.py --complexipy $(VENV)/bin/complexipy
	$(VENV)/bin/python Benchmarks/scan_bench.py
	$(VENV)/bin/python Benchmarks/metrics_bench.py
	$(VENV)/bin/python Benchmarks/gate_report_bench.py
	$(VENV)/bin/python Benchmarks/fix_bench.py

# Fuzzes the Python tokenizer and parser with libFuzzer + AddressSanitizer, seeded with the
# grammar's examples and the tests' sources. FUZZ_SECONDS=600 by default; crashes land in .build-fuzz/.
FUZZ_SECONDS ?= 600
FUZZ_BUILD   := .build-fuzz/debug
fuzz: deps
	PROGNOSIS_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz --target PythonFuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	swiftc -sanitize=fuzzer,address $(FUZZ_BUILD)/CodeModel.build/*.o $(FUZZ_BUILD)/PythonFrontend.build/*.o \
	  $(FUZZ_BUILD)/PythonFuzz.build/*.o -o .build-fuzz/python-fuzzer 2>/dev/null
	python3 Fuzz/seed_corpus.py .build-fuzz/seeds
	mkdir -p .build-fuzz/corpus
	cd .build-fuzz && ./python-fuzzer corpus seeds -dict=../Fuzz/python.dict -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1

clean:
	rm -rf .build .build-* $(VENV) Benchmarks/.work
