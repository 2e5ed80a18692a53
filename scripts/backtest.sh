#!/usr/bin/env bash
# `make backtest`: the forecasts scored against what came after a cutoff (docs/backtest.md),
# on the bundled samples and, when present, on the shared datasets. Each run's JSON goes to
# build/backtest/NAME.json and its text summary to the terminal.
# usage: scripts/backtest.sh [B2B_PULSE]
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cli="${1:-$repo/build/bin/b2b-pulse}"
out="$repo/build/backtest"
datasets="$repo/../shared/datasets"
mkdir -p "$out"
failures=0

run() {
  local name="$1"
  shift
  echo "== $name"
  if ! "$cli" backtest --json "$out/$name.json" "$@"; then
    echo "FAILED: $name"
    failures=$((failures + 1))
  fi
  echo
}

samples="$repo/samples/workspace.json"
run samples-2026-04-30 --cutoff 2026-04-30 --horizon 90 --config "$samples"
run samples-2026-07-31 --cutoff 2026-07-31 --horizon 90 --config "$samples"

retail="$datasets/online-retail/online_retail.csv"
if [ -f "$retail" ]; then
  run online-retail-2011-06-09 --cutoff 2011-06-09 --horizon 90 "$retail"
  run online-retail-2011-09-09 --cutoff 2011-09-09 --horizon 90 "$retail"
else
  echo "== online-retail: skipped: dataset not found ($retail)"
fi

# The pipeline, its accounts (customers) and sales teams; products.csv has no role the
# loader reads (product, series, sales_price) and is left out.
crm="$datasets/crm-sales-opportunities"
if [ -f "$crm/sales_pipeline.csv" ]; then
  crm_files=("$crm/sales_pipeline.csv" "$crm/accounts.csv" "$crm/sales_teams.csv")
  run crm-2017-03-31 --cutoff 2017-03-31 "${crm_files[@]}"
  run crm-2017-04-30 --cutoff 2017-04-30 "${crm_files[@]}"
  run crm-2017-06-30 --cutoff 2017-06-30 "${crm_files[@]}"
else
  echo "== crm-sales-opportunities: skipped: dataset not found ($crm)"
fi

echo "JSON documents in $out"
[ "$failures" -eq 0 ]
