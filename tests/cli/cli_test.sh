#!/usr/bin/env bash
# The CLI contract: exit 0 when a report was made, 1 when nothing could be loaded, 2 on a
# usage error; errors on stderr as one line with a stable id. usage: cli_test.sh B2B_PULSE REPO
set -u
cli="$1"
repo="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

# expect NAME EXIT STDERR_PATTERN STDOUT_PATTERN -- COMMAND...
expect() {
  local name="$1" want_exit="$2" err_pattern="$3" out_pattern="$4"
  shift 5
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want_exit" ]; then
    echo "FAIL $name: exit $got, expected $want_exit"; failures=$((failures + 1)); return
  fi
  if [ -n "$err_pattern" ] && ! grep -qE -- "$err_pattern" "$tmp/err"; then
    echo "FAIL $name: stderr lacks /$err_pattern/: $(head -c 300 "$tmp/err")"; failures=$((failures + 1)); return
  fi
  if [ -n "$out_pattern" ] && ! grep -qE -- "$out_pattern" "$tmp/out"; then
    echo "FAIL $name: stdout lacks /$out_pattern/: $(head -c 300 "$tmp/out")"; failures=$((failures + 1)); return
  fi
  passed=$((passed + 1))
}

printf 'order_id,sku,quantity,unit_price,order_date\n1,A,2,3.5,2024-01-05\n2,B,x,1,2024-01-06\n' >"$tmp/bad_row.csv"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$tmp/image.csv"
: >"$tmp/empty.csv"
printf '{"files": [{"path": "bad_row.csv", "columns": {"catalog": "Land"}}]}' >"$tmp/ws_bad_column.json"
printf '{"settings": {"as_of": "someday"}}' >"$tmp/ws_bad_date.json"

expect "samples report" 0 "" '"as_of":"2026-10-30"' -- "$cli" report --config "$repo/samples/workspace.json"
expect "filters narrow the report" 0 "" '"catalog":"Premium"' -- "$cli" report --catalog Premium --config "$repo/samples/workspace.json"
expect "a bad row is reported, the rest loads" 0 "" 'bad_row.csv:3: quantity: bad number' -- "$cli" report "$tmp/bad_row.csv"
expect "missing file" 1 '^\[pulse\.ingest\.004\] .*missing\.csv: cannot open' "" -- "$cli" report "$tmp/missing.csv"
expect "binary file" 1 '^\[pulse\.ingest\.002\]' "" -- "$cli" report "$tmp/image.csv"
# A truncated gzip keeps its whole rows: a partial load, said as such (exit 0, rows in the report).
gzip -c "$repo/samples/order_lines.csv" | head -c 300000 >"$tmp/cut.csv.gz"
expect "partial load says so" 0 'cut\.csv\.gz: [0-9]+ rows loaded, then stopped at line [0-9]+: .*ends early' '"stopped":\{' -- "$cli" report "$tmp/cut.csv.gz"
expect "inspect shows the stop" 0 "" 'stopped +at line [0-9]+, after [0-9,]+ rows were loaded' -- "$cli" inspect "$tmp/cut.csv.gz"
expect "empty file" 1 '^\[pulse\.ingest\.001\]' "" -- "$cli" report "$tmp/empty.csv"
expect "unknown option" 2 '^\[pulse\.cli\.001\] unknown option --bogus' "" -- "$cli" report --bogus x.csv
expect "no command" 2 '^\[pulse\.cli\.001\]' "" -- "$cli"
expect "bad date option" 2 "cannot read the date 'tomorrow'" "" -- "$cli" report --as-of tomorrow x.csv
expect "workspace names a missing column" 1 "^\[pulse\.ingest\.102\] column 'Land'" "" -- "$cli" report --config "$tmp/ws_bad_column.json"
expect "workspace with a bad date" 2 '^\[pulse\.config\.201\] .*settings\.as_of' "" -- "$cli" report --config "$tmp/ws_bad_date.json"
# Online Retail is one of the optional shared datasets (../shared, or $PULSE_SHARED_DIR); the
# workspace fixture names it relative to itself, so it needs the default place.
retail="${PULSE_SHARED_DIR:-$repo/../shared}/datasets/online-retail/online_retail.csv"
if [ -f "$retail" ] && [ -f "$repo/../shared/datasets/online-retail/online_retail.csv" ]; then
  expect "Online Retail with catalog = Country" 0 "" '"catalog":"United Kingdom"' -- "$cli" report --config "$repo/tests/fixtures/online-retail/workspace-country.json"
else
  echo "skipped: dataset not found: Online Retail with catalog = Country"
fi
if [ -f "$retail" ]; then
  expect "inspect explains the mapping" 0 "" "'InvoiceNo' +-> order_id" -- "$cli" inspect "$retail"
else
  echo "skipped: dataset not found: $retail"
fi
expect "summary reads as text" 0 "" "SKU-0042 in Wholesale" -- "$cli" summary --config "$repo/samples/workspace.json"
expect "inspect names a 1C file's encoding" 0 "" "encoding +windows-1251 \(.*read as Cyrillic letters" -- "$cli" inspect "$repo/tests/fixtures/1c/realizatsiya_1251.csv"
expect "1C names come out as UTF-8" 0 "" '"customer_id":"ООО \\"Ромашка\\""' -- "$cli" report "$repo/tests/fixtures/1c/realizatsiya_1251.csv"
printf '{"files": [{"path": "x.csv", "encoding": "koi8-r"}]}' >"$tmp/ws_bad_encoding.json"
expect "workspace with an unknown encoding" 2 '^\[pulse\.config\.101\] .*files\[0\]\.encoding' "" -- "$cli" report --config "$tmp/ws_bad_encoding.json"

expect "backtest scores the samples (JSON)" 0 "" '"days_since_last_order": \{' -- "$cli" backtest --cutoff 2026-06-30 --format json --config "$repo/samples/workspace.json"
expect "backtest summary as text" 0 "" "days_since_last_order +AUC 0\.[0-9]{3}" -- "$cli" backtest --cutoff 2026-06-30 --config "$repo/samples/workspace.json"
expect "backtest writes its JSON file" 0 "" "" -- "$cli" backtest --cutoff 2026-06-30 --json "$tmp/backtest.json" --config "$repo/samples/workspace.json"
expect "backtest JSON file has the deal scores" 0 "" '"closed_share"' -- cat "$tmp/backtest.json"
expect "backtest needs a cutoff" 2 '^\[pulse\.cli\.001\] backtest needs --cutoff' "" -- "$cli" backtest --config "$repo/samples/workspace.json"
expect "backtest with a bad horizon" 2 '^\[pulse\.cli\.001\] --horizon: expected a whole number' "" -- "$cli" backtest --cutoff 2026-06-30 --horizon 0 --config "$repo/samples/workspace.json"
expect "backtest of a missing file" 1 '^\[pulse\.ingest\.004\]' "" -- "$cli" backtest --cutoff 2026-06-30 "$tmp/missing.csv"

# Summary tables (docs/summaries.md): written, read back to the same figures, mixes refused,
# the SQL printed; a Parquet file is refused with how to convert it.
expect "summarize writes the four tables" 0 "" 'pulse_order_items\.csv: [0-9]+ rows' -- "$cli" summarize --config "$repo/samples/workspace.json" --out "$tmp/sum"
expect "the summaries' customers equal the raw files'" 0 "" "" -- cmp <("$cli" report --config "$repo/samples/workspace.json" | grep -o '"customers":{.*"catalogs":') <("$cli" report "$tmp"/sum/pulse_*.csv | grep -o '"customers":{.*"catalogs":')
expect "raw orders beside summaries are refused" 0 '^\[pulse\.summary\.001\] order_lines\.csv and the summary tables' "" -- "$cli" report "$tmp"/sum/pulse_*.csv "$repo/samples/order_lines.csv"
expect "summarize needs --out" 2 '^\[pulse\.cli\.001\] summarize: --out DIR is required' "" -- "$cli" summarize --config "$repo/samples/workspace.json"
expect "sql for postgres" 0 "" '^CREATE TABLE pulse_order_items AS' -- "$cli" sql --dialect postgres --config "$repo/samples/workspace.json"
expect "sql needs a known dialect" 2 '^\[pulse\.cli\.001\] sql: --dialect' "" -- "$cli" sql --dialect oracle --config "$repo/samples/workspace.json"
printf 'PAR1\x15\x04\x15\x10\x15\x14L' >"$tmp/orders.parquet"
expect "a Parquet file is refused with how to convert it" 1 "^\[pulse\.ingest\.011\] orders\.parquet: a Parquet file.*duckdb -c" "" -- "$cli" report "$tmp/orders.parquet"

# The restart on huge pages (cli/huge_pages.cpp) changes speed only: the same bytes without it,
# and with the user's own glibc tunables left as they are.
"$cli" report --config "$repo/samples/workspace.json" >"$tmp/huge.json" 2>/dev/null
PULSE_HUGE_PAGES=0 "$cli" report --config "$repo/samples/workspace.json" >"$tmp/small.json" 2>/dev/null
GLIBC_TUNABLES=glibc.malloc.check=0 "$cli" report --config "$repo/samples/workspace.json" >"$tmp/user.json" 2>/dev/null
if [ -s "$tmp/huge.json" ] && cmp -s "$tmp/huge.json" "$tmp/small.json" && cmp -s "$tmp/huge.json" "$tmp/user.json"; then
  passed=$((passed + 1))
else
  echo "FAIL the report differs with and without huge pages"; failures=$((failures + 1))
fi

# Out of memory is never an "unexpected error": under address-space caps from 8 to 40 MB the
# samples' report fails somewhere (loading, the facts, the models, the JSON); wherever it does,
# the CLI says so with an id, not as a bug (pulse.cli.999 "std::bad_alloc" before). Where the
# loader or C++ runtime itself cannot start, no pulse message is printed and the cap is passed
# over. Sanitizer builds reserve terabytes of address space and cannot run capped: skipped.
if command -v prlimit >/dev/null && ! nm -C "$cli" 2>/dev/null | grep -q __asan_init; then
  said_oom=0
  for cap_mb in 8 12 16 20 24 28 32 36 40; do
    prlimit --as=$((cap_mb << 20)) "$cli" report --config "$repo/samples/workspace.json" >/dev/null 2>"$tmp/err"
    if grep -q 'unexpected error' "$tmp/err"; then
      echo "FAIL out of memory at $cap_mb MB reported as a bug: $(head -c 300 "$tmp/err")"; failures=$((failures + 1))
    fi
    grep -qE '^\[pulse\.(cli\.004|ingest\.005)\]|out of memory' "$tmp/err" && said_oom=1
  done
  if [ "$said_oom" -eq 1 ]; then passed=$((passed + 1)); else
    echo "FAIL no memory cap from 8 to 40 MB made the report run out of memory"; failures=$((failures + 1)); fi
else
  echo "skip: out-of-memory wording (no prlimit, or a sanitizer build)"
fi

echo "cli: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
