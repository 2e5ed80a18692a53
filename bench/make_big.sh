#!/bin/sh
# Makes a big order-lines file for the parallel ingest measurement (docs/performance.md,
# "Parallel ingest and memory"): Online Retail repeated N times, each copy's invoice numbers
# suffixed (536365-1, 536365-2, ...) so that the copies are distinct orders. The file goes to a
# temporary folder, never into the repository.
#   usage: bench/make_big.sh [N=10] [OUT_DIR=/tmp/b2b-big]   -> OUT_DIR/online_retail_xN.csv
set -eu
n="${1:-10}"
out_dir="${2:-/tmp/b2b-big}"
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/../../shared/datasets/online-retail/online_retail.csv"
[ -f "$src" ] || { echo "make_big.sh: $src not found" >&2; exit 1; }
mkdir -p "$out_dir"
out="$out_dir/online_retail_x$n.csv"
head -n 1 "$src" > "$out"
i=1
while [ "$i" -le "$n" ]; do
  # The first field (InvoiceNo) is never quoted in this file: split and join on ',' keeps
  # every other byte as it was.
  tail -n +2 "$src" | awk -F, -v OFS=, -v r="$i" '{ $1 = $1 "-" r; print }' >> "$out"
  i=$((i + 1))
done
echo "$out"
