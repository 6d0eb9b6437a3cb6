# mamori: the two commands a new machine needs.
#   make run    set up, build, create ./data/mamori.db with the catalogs and the
#               demo organisation (if absent), serve on http://127.0.0.1:8080
#   make test   set up, build (normal and ASan+UBSan), run every test
SHELL := /bin/bash
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080
CTEST_JOBS ?= 2

.PHONY: all setup build web build-asan run test test-fast bench clean

all: build

setup:
	scripts/setup

build: setup web
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
	cmake --build $(BUILD_DIR)

# The browser UI (web/ -> web/dist), served by `mamori serve` at "/".
web: setup
	cd web && npm run build

# The sanitizer variant: the product and its tests, no benchmarks. -O1 keeps
# the tests quick while still catching what ASan and UBSan catch. -g1 (line
# tables) is enough for file:line in reports and keeps compiling fast on two
# cores.
build-asan: setup
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1" \
	  -DMAMORI_SANITIZE=ON -DMAMORI_BENCH=OFF
	cmake --build $(ASAN_DIR)

run: build
	$(BUILD_DIR)/mamori init --data $(DATA_DIR) --demo
	exec $(BUILD_DIR)/mamori serve --data $(DATA_DIR) --listen $(LISTEN)

test: build build-asan
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(CTEST_JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(CTEST_JOBS)

# The normal build's tests only, for the edit-compile-test loop.
test-fast: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(CTEST_JOBS)

# Benchmarks (bench/, issue 7): builds the lab (100 organisations … 1,000,000
# audit entries) on SQLite and PostgreSQL, loads the API with wrk beside nginx
# and the store's own queries, times xlsx against openpyxl, auto-answer and
# the audit log, start-up and memory. A table on stdout and in
# build/bench/results.md, everything in build/bench/results.json. Quote
# figures from these runs only, with the machine they ran on.
# BENCH_ARGS: e.g. --scale 0.1 --engines sqlite --only load for a quick look.
BENCH_ARGS ?=
bench: build
	/usr/bin/python3 bench/run.py --build $(BUILD_DIR) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
