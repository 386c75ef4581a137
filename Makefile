# Prognosis — `make demo` and `make test` do everything on a fresh Debian machine.
SWIFT       ?= swift
APT_PACKAGES = libgit2-dev libsqlite3-dev pkg-config git
VENV        := .venv
PROGNOSIS   := .build/release/prognosis

.PHONY: all deps build release test demo bench venv clean

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

# Builds everything (the CLI tests run the real binary), then runs every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# Scans this repository's own history and prints what the store now knows.
demo: release
	$(PROGNOSIS) scan --repo .
	$(PROGNOSIS) store info --repo .
	$(PROGNOSIS) summary --repo . --top 10

# Peers for the benchmarks (PyDriller) live in a local virtualenv, never in the system Python.
venv: deps
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(VENV); \
	  else echo "install python3-venv: sudo apt-get install -y python3-venv" >&2; exit 1; fi; }
	@$(VENV)/bin/python -c "import pydriller" 2>/dev/null || $(VENV)/bin/pip install -q pydriller

# Benchmarks against git and PyDriller in one run (release build). Set PROGNOSIS_BENCH_REPO to
# a clone of a large history; see Benchmarks/RESULTS.md.
bench: release venv
	$(VENV)/bin/python Benchmarks/scan_bench.py

clean:
	rm -rf .build .build-* $(VENV) Benchmarks/.work
