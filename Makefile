# B2B Pulse: `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CLI := build/bin/b2b-pulse
SAMPLES := samples/orders.csv samples/order_lines.csv samples/customers.csv samples/sales_reps.csv samples/catalog_prices.csv

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

build: native

# The engine as WebAssembly: build/wasm-release/wasm/pulse-engine.js (wasm inlined) + pulse.js.
# emcc's optimizer needs Debian's node modules (TOOLCHAIN.md).
wasm: export NODE_PATH := /usr/share/nodejs
wasm:
	@scripts/install-deps.sh wasm
	@cmake --preset wasm-release >/dev/null
	@cmake --build --preset wasm-release -j $(JOBS)

# The wasm module under Node against the native CLI (samples, real datasets, bad input).
test-wasm: build wasm
	@node --test tests/wasm/

test: test-native test-sanitize

test-native: native
	@cd build/native-release && ctest --output-on-failure -j $(JOBS)

# Parsers and ingestion under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: native-debug
	@build/native-debug/bin/pulse_parser_tests

demo: native
	@echo "B2B Pulse on the bundled samples (samples/workspace.json):"
	@$(CLI) summary --config samples/workspace.json
	@$(CLI) report --config samples/workspace.json > build/demo-report.json
	@echo
	@echo "The whole report (SPEC JSON): build/demo-report.json"

bench: native
	@build/native-release/bin/pulse_bench

samples: native
	@build/native-release/bin/b2b-pulse-samplegen samples

# Rewrites tests/golden/*.json from the current engine: review the diff before committing.
golden: native
	@PULSE_REGENERATE_GOLDEN=1 build/native-release/bin/pulse_tests "[golden]"
	@git --no-pager diff --stat -- tests/golden

clean:
	rm -rf build dist
