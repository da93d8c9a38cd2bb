#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Golden-file test: runs `cspcast` as a user would on the bundled Maidstone
# pack and on the committed samples of the M3 and NSW data, and compares
# every output byte for byte with tests/golden/expected/.
#
#   golden.sh CLI SOURCE_DIR [--update]
#
# Outputs that name places on this machine (the pack folder, plugin paths)
# have them replaced by SRC and PLUGINS; timings (the `ms` column of
# `_log.csv`, `_timing.csv`) are not compared. A change of output on
# purpose updates the expected files in the same commit (--update) and
# says why.
set -euo pipefail
cli="$(realpath "$1")"
src="$(realpath "$2")"
update="${3:-}"
expected="$src/tests/golden/expected"
input="$src/tests/golden/input"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"
plugins="$(dirname "$cli")/plugins"
export CSPCAST_PLUGIN_PATH=

c() { "$cli" "$@"; }
(
  cd "$work"
  c run --seed 7 --paths 1000 >"$out/run.table"
  c run --seed 7 --paths 1000 --format csv >"$out/run.csv"
  c run --seed 7 --paths 1000 --format json >"$out/run.json"
  c run --seed 7 --paths 1000 --scenario baseline --out "$work/runout" >/dev/null
  cp "$work/runout/results.csv" "$out/runout.results.csv"
  # The fans (thousands of points) are compared through the head of
  # fans.csv; results.json is compared without them.
  sed '/^  "fans": \[$/,/^  \],$/d' "$work/runout/results.json" >"$out/runout.results.json"
  awk 'NR <= 60' "$work/runout/fans.csv" >"$out/runout.fans.head.csv"
  awk -F, '$1 == "target" && n++ < 40' "$work/runout/fans.csv" >"$out/runout.fans.target.csv"
  c compare baseline action-plan reduced-funding --seed 7 --paths 1000 \
    >"$out/compare.table"
  c compare baseline action-plan --seed 7 --paths 1000 --format csv \
    >"$out/compare.csv"
  c compare baseline action-plan --seed 7 --paths 1000 --format json \
    >"$out/compare.json"
  c solve --target asb-rate --scenario action-plan --lever asb.action_days \
    --paths 1000 >"$out/solve.table"
  c solve --target needles --paths 1000 --format json \
    --write-scenario "$work/solved.toml" >"$out/solve.json"
  cp "$work/solved.toml" "$out/solved.toml"
  c forecast --input "$input/m3_sample.csv" --horizon 18 \
    --out "$work/m3/fc.csv" 2>/dev/null
  cp "$work/m3/fc.csv" "$out/m3.fc.csv"
  sed -E 's/",[0-9.]+,"/",MS,"/' "$work/m3/fc_log.csv" >"$out/m3.fc_log.csv"
  c forecast --input "$input/nsw_sample.csv" --horizon 12 --holdout 12 \
    --model theta --level 90 --paths 200 --out "$work/nsw/fc.csv" \
    --paths-out "$work/nsw/paths.csv" 2>/dev/null
  cp "$work/nsw/fc.csv" "$out/nsw.fc.csv"
  head -n 400 "$work/nsw/paths.csv" >"$out/nsw.paths.head.csv"
  c backtest --input "$input/nsw_sample.csv" --horizon 6 --origins 2 \
    --paths 200 --per-series "$work/bt_per.csv" --out "$work/bt.csv" \
    | sed -E 's/^([a-z]+( +[0-9.]+){5}) +[0-9.]+/\1 MS/' >"$out/backtest.table"
  awk -F, -v OFS=, 'NR > 1 { $9 = "MS" } 1' "$work/bt.csv" >"$out/backtest.csv"
  cp "$work/bt_per.csv" "$out/backtest.per_series.csv"
  c anticipated --input "$input/nsw_sample.csv" --out "$out/anticipated.csv" \
    >"$out/anticipated.table"
  c plugins >"$out/plugins.txt"
)
# Places on this machine become fixed words.
for f in "$out"/*; do
  sed -i -e "s#$plugins#PLUGINS#g" -e "s#$src#SRC#g" -e "s#$work#WORK#g" "$f"
done

if [ "$update" = "--update" ]; then
  rm -rf "$expected"
  cp -r "$out" "$expected"
  echo "golden: updated $(ls "$expected" | wc -l) files in $expected"
  exit 0
fi
if diff -r -u "$expected" "$out" >"$work/diff"; then
  echo "golden: $(ls "$out" | wc -l) outputs identical to tests/golden/expected"
else
  head -n 200 "$work/diff"
  echo "golden: outputs differ from tests/golden/expected (see above)"
  exit 1
fi
