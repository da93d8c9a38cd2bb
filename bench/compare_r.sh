#!/usr/bin/env bash
# Side-by-side speed of cspcast and R's forecast::ets on the same series of
# M3 monthly, one thread each, in one run. Needs `apt-get install
# r-cran-forecast` and a release build (cmake --preset release && cmake
# --build --preset release -j2).
#   bench/compare_r.sh [EVERY_KTH_SERIES (default 1: all 1428)] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
every="${1:-1}"
out="${2:-$(mktemp -d)}"
data="${CSPCAST_M3:-$here/../shared/data/m3_monthly.csv}"
bin="${CSPCAST_BIN:-$here/build-release/cspcast}"
mkdir -p "$out"
# The subset: every k-th series in file order.
awk -F, -v k="$every" 'NR == 1 { print; next }
  { if (!($1 in seen)) { seen[$1] = n++ } if (seen[$1] % k == 0) print }' \
  "$data" > "$out/subset.csv"
n=$(tail -n +2 "$out/subset.csv" | cut -d, -f1 | sort -u | wc -l)
echo "series: $n (every ${every}th of $data)"
Rscript "$here/bench/r/ets_timing.R" "$out/subset.csv" 18 "$out/r_ets.csv"
"$bin" forecast --input "$out/subset.csv" --horizon 18 --model auto \
  --threads 1 --out "$out/cspcast_auto.csv"
"$bin" forecast --input "$out/subset.csv" --horizon 18 --model ets \
  --threads 1 --out "$out/cspcast_ets.csv"
"$bin" forecast --input "$out/subset.csv" --horizon 18 --model auto \
  --threads 2 --out "$out/cspcast_auto_2threads.csv"
r=$(tail -1 "$out/r_ets_timing.csv" | cut -d, -f1)
for f in cspcast_auto cspcast_ets cspcast_auto_2threads; do
  c=$(tail -1 "$out/${f}_timing.csv" | cut -d, -f1)
  w=$(tail -1 "$out/${f}_timing.csv" | cut -d, -f4)
  awk -v r="$r" -v c="$c" -v w="$w" -v n="$n" -v f="$f" 'BEGIN {
    printf "%-24s %8.3f ms/series  (wall %.0f ms)  R ets / cspcast per series: %.0fx\n", f, c, w, r / c }'
done
awk -v r="$r" 'BEGIN { printf "%-24s %8.1f ms/series\n", "R forecast::ets", r }'
echo "forecasts and timings in $out"
