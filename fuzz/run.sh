#!/usr/bin/env bash
# Runs every harness for SECONDS each, one after the other (docs/reliability.md).
# usage: fuzz/run.sh BIN_DIR SECONDS [WORK_DIR] [harness...]
# FUZZ_FLAGS: more libFuzzer flags (the smoke run in `make test` fixes the seed and the number
# of runs, so that CI replays the same inputs every time instead of finding new ones by luck).
# Seed corpora are made at run time from tests/fixtures and samples (heads of the files, the
# workbook parts), never kept in git; crash inputs worth keeping go to fuzz/regressions/<harness>/.
# FUZZ_MAX_LEN: the longest input for every harness; by default each gets what its limits need
# (max_len_for below): longer inputs only slow the fuzzer down where no limit waits for them.
set -euo pipefail
bin=$1; seconds=$2; work=${3:-build/fuzz/work}; shift 3 2>/dev/null || shift $#
root=$(cd "$(dirname "$0")/.." && pwd)
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(csv_reader json_reader number_parser date_parser text_encoding xml_scanner xlsx_workbook containers file_loader)
# The parsers of one value need a few dozen bytes; the streaming readers a few times their
# limits (CSV field 256 bytes, JSON record 1 KiB, XML token 4 KiB in the harnesses) so that
# inputs cross them; containers and the loader whole seed files (gzip, xlsx).
max_len_for() {
  case $1 in
    number_parser|date_parser) echo 128 ;;
    csv_reader|json_reader|text_encoding) echo 4096 ;;
    xml_scanner) echo 8192 ;;
    *) echo 16384 ;;
  esac
}
mkdir -p "$work"
python3 "$root/fuzz/make_seeds.py" "$root" "$work/seeds"
status=0
for h in "${harnesses[@]}"; do
  corpus="$work/corpus/$h"; artifacts="$work/artifacts/$h"
  mkdir -p "$corpus" "$artifacts" "$root/fuzz/regressions/$h"
  cp -n "$work/seeds/$h"/* "$corpus"/ 2>/dev/null || true
  echo "== $h: ${seconds}s"
  # The corpus learnt so far is the first directory (new inputs go there); the kept crash
  # inputs are replayed first.
  if ! "$bin/fuzz_$h" "$corpus" "$root/fuzz/regressions/$h" -max_total_time="$seconds" -rss_limit_mb=2048 \
       -max_len="${FUZZ_MAX_LEN:-$(max_len_for "$h")}" -timeout=20 -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} \
       >"$work/$h.log" 2>&1; then
    echo "   FOUND: see $work/$h.log and $artifacts/"
    status=1
  fi
  grep -E "^#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|cov: " "$work/$h.log" | tail -2 || true
done
exit $status
