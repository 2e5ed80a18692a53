# B2B Pulse: `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CLI := build/bin/b2b-pulse

.PHONY: all deps build native native-debug test test-native test-sanitize demo bench samples golden clean wasm test-wasm

all: build

deps:
	@scripts/install-deps.sh native

native: deps
	@cmake --preset native-release >/dev/null
	@cmake --build --preset native-release -j $(JOBS)
	@mkdir -p build/bin && cp build/native-release/bin/b2b-pulse $(CLI)

native-debug: deps
	@cmake --preset native-debug >/dev/null
	@cmake --build --preset native-debug -j $(JOBS) --target pulse_parser_tests

# The CLI at build/bin/b2b-pulse and the web app in dist/.
build: native web

# The engine as WebAssembly: build/wasm-release/wasm/pulse-engine.js (wasm inlined) + pulse.js,
# and build/wasm-shared/wasm/shared/ (the same engine over a shared memory, which a
# cross-origin isolated page runs: docs/performance.md "Fresh pages touched on the other core").
# Emscripten: the emsdk's when EMSDK is set (after `source emsdk_env.sh`), else Debian's package,
# whose emcc optimizer needs Debian's node modules (NODE_PATH). The toolchain is chosen when
# build/wasm-release is first configured: delete that folder to switch.
EMSDK_TOOLCHAIN := $(if $(EMSDK),-DCMAKE_TOOLCHAIN_FILE=$(EMSDK)/upstream/emscripten/cmake/Modules/Platform/Emscripten.cmake)
wasm: export NODE_PATH := /usr/share/nodejs
wasm:
	@scripts/install-deps.sh wasm
	@cmake --preset wasm-release $(EMSDK_TOOLCHAIN) >/dev/null
	@cmake --build --preset wasm-release -j $(JOBS)
	@cmake --preset wasm-shared $(EMSDK_TOOLCHAIN) >/dev/null
	@cmake --build --preset wasm-shared -j $(JOBS)

# The wasm module under Node against the native CLI (samples, real datasets, bad input,
# workbooks: those take fflate from web/node_modules, as the page bundles it).
test-wasm: native wasm web/node_modules/.package-lock.json
	@node --test tests/wasm/

# fuzz-smoke: every libFuzzer harness still builds and runs a few seconds (docs/reliability.md).
test: test-native test-sanitize fuzz-smoke test-wasm test-web test-browser test-sql

test-native: native
	@cd build/native-release && ctest --output-on-failure -j $(JOBS)

# Parsers and ingestion under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: native-debug
	@build/native-debug/bin/pulse_parser_tests

# Layer 1 on real SQL engines (docs/summaries.md): DuckDB, from npm (@duckdb/node-api, a test
# dependency in tests/sql), and PostgreSQL (Debian's postgresql, a throwaway cluster) run
# `b2b-pulse sql` over the samples and their summaries must give the same report. Skipped with a
# message when DuckDB cannot be installed (no npm registry) or PostgreSQL is not installed.
.PHONY: test-sql
test-sql: native
	@scripts/install-deps.sh sql
	@if [ -f tests/sql/node_modules/.package-lock.json ] || \
	    (cd tests/sql && npm ci --no-audit --no-fund --loglevel=error); then \
	  PULSE_CLI=$(CLI) node --test tests/sql/; \
	else echo "test-sql: skipped: DuckDB (@duckdb/node-api) could not be installed"; fi

demo: native
	@echo "B2B Pulse on the bundled samples (samples/workspace.json):"
	@$(CLI) summary --config samples/workspace.json
	@$(CLI) report --config samples/workspace.json > build/demo-report.json
	@echo
	@echo "The whole report (JSON, every figure defined in docs/kpi.md): build/demo-report.json"
	@echo
	@$(MAKE) --no-print-directory demo-web

# Then what the hosted page loads at open, gzipped, against its budget (web/page-weight.mjs;
# dist/ as the last `make web` left it).
bench: native
	@build/native-release/bin/pulse_bench
	@build/native-release/bin/pulse_xml_bench
	@node bench/page-weight.mjs dist

# B2B Pulse against DuckDB on Online Retail, the same customer and catalog figures checked equal
# first (bench/duckdb-vs-pulse.mjs, docs/performance.md "Against DuckDB"): bench-browser in headless
# Chromium (the page, opened to four dashboards drawn, against DuckDB-Wasm), bench-duckdb natively
# (the CLI against DuckDB from Node), one thread each, alternating runs; medians and ratios.
# DuckDB comes from bench/node_modules (bench/package.json): never from web/, never in dist/.
.PHONY: bench-browser bench-duckdb
BENCH_RUNS ?= 5
bench-browser: web bench/node_modules/.package-lock.json
	@scripts/install-deps.sh browser
	@node bench/duckdb-vs-pulse.mjs browser $(BENCH_RUNS)
	@# A person's first file (picked 1.5 s after the page is ready), with and without the engine's warm-up.
	@PICK_DELAY_MS=1500 node bench/first-file.mjs $(BENCH_RUNS)
	@# A filter changed at a person's pace (600 ms between changes): Online Retail's views redrawn.
	@REFILTER_PAUSE_MS=600 REFILTER_CASES="Online Retail" node bench/refilter.mjs $$(( $(BENCH_RUNS) * 2 + 1 ))

bench-duckdb: native bench/node_modules/.package-lock.json
	@node bench/duckdb-vs-pulse.mjs native $(BENCH_RUNS)

# Layer 1 at scale (bench/summaries_100m.mjs, docs/performance.md "Summaries at scale"): DuckDB
# writes LINES synthetic order lines as Parquet in a temporary folder, runs `b2b-pulse sql` over
# them, exports the summaries, the CLI reads them; each step timed, sizes and peak memory. Capped
# by BENCH_TIMEOUT and an address-space limit (prlimit --as, BENCH_MEMORY bytes).
.PHONY: bench-summaries
LINES ?= 100000000
BENCH_TIMEOUT ?= 2h
BENCH_MEMORY ?= 17179869184
# DuckDB and the CLI run under the address-space cap; the page (Chromium, which does not start
# under one) loads the kept Parquet summaries afterwards, bounded by its own 4 GB wasm heap.
bench-summaries: native bench/node_modules/.package-lock.json
	@PULSE_CLI=$(CLI) BENCH_KEEP=1 timeout $(BENCH_TIMEOUT) prlimit --as=$(BENCH_MEMORY) -- \
		node bench/summaries_100m.mjs $(LINES)
	@timeout $(BENCH_TIMEOUT) node bench/page-summaries.mjs --bench-json build/bench-summaries.json

bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	@cd bench && npm ci --no-audit --no-fund --loglevel=error

# The forecasts scored against what came after a cutoff (docs/backtest.md): the samples at two
# cutoffs, and the shared datasets when present; JSON in build/backtest/.
.PHONY: backtest
backtest: native
	@scripts/backtest.sh $(CLI)

samples: native
	@build/native-release/bin/b2b-pulse-samplegen samples

# Rewrites tests/golden/*.json from the current engine: review the diff before committing.
golden: native
	@PULSE_REGENERATE_GOLDEN=1 build/native-release/bin/pulse_tests "[golden]"
	@git --no-pager diff --stat -- tests/golden

clean:
	rm -rf build dist

# Every tracked C++ file as .clang-format wants it (clang-format 14: another version may disagree
# on a few lines), and ESLint's recommended rules over the page and the JS tests
# (web/eslint.config.mjs). `clang-format -i FILE` fixes a file.
.PHONY: lint lint-cpp lint-js
lint: lint-cpp lint-js

lint-cpp:
	@scripts/install-deps.sh lint
	@git ls-files -z '*.cpp' '*.cc' '*.h' '*.hpp' | xargs -0 clang-format --dry-run -Werror

lint-js: web/node_modules/.package-lock.json
	@scripts/install-deps.sh lint
	@web/node_modules/.bin/eslint --config web/eslint.config.mjs --max-warnings 0 \
		web/src web/build.mjs web/serve.mjs web/isolation.mjs wasm/pulse.js tests/browser tests/wasm tests/web tests/sql tests/golden bench scripts

# The page (web/): dist/index.html + dist/assets/ for any static host, and the single
# self-contained dist/b2b-pulse.html (wasm, JS, CSS inlined) that works from file://.
.PHONY: web test-browser demo-web
web: wasm web/node_modules/.package-lock.json
	@node web/build.mjs

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@scripts/install-deps.sh browser
	@cd web && npm ci --no-audit --no-fund --loglevel=error

# The page's own modules under Node, no browser: markup escaping (html.js), the CSV export;
# and the golden reports' keys against tests/golden/schema.json and docs/figures.md.
.PHONY: test-web
# After web: the page-weight tests read dist/ (they skip without it, which a fresh clone's
# `make test` reached before the page was built, so the ceiling went unchecked there).
test-web: web
	@node --test tests/web/ tests/golden/

# The page in Debian's headless Chromium through playwright-core; screenshots in build/screenshots/.
test-browser: web
	@scripts/install-deps.sh browser
	@node --test --test-concurrency=1 tests/browser/

# Serves dist/ on localhost and prints the URL and the single file's path (Ctrl+C stops).
demo-web: web
	@node web/serve.mjs dist $(or $(PORT),8080)

# libFuzzer harnesses for every reader (fuzz/, docs/reliability.md), built with clang and
# ASan+UBSan in build/fuzz; each runs FUZZ_SECONDS, one after the other. fuzz-smoke: 3 s each.
.PHONY: fuzz fuzz-smoke fuzz-build
FUZZ_SECONDS ?= 60
fuzz-build:
	@scripts/install-deps.sh fuzz
	@cmake -S fuzz -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build/fuzz -j $(JOBS)

fuzz: fuzz-build
	@fuzz/run.sh build/fuzz/bin $(FUZZ_SECONDS) build/fuzz/work

fuzz-smoke: fuzz-build
	@FUZZ_FLAGS="-seed=1 -runs=3000" fuzz/run.sh build/fuzz/bin 3 build/fuzz/smoke
