#!/usr/bin/env bash
# Runs every libFuzzer harness (or those named) for SECONDS each, two at a
# time, from the committed seed corpus with the dictionary of its format.
# New inputs go to a scratch copy of the corpus (WORK, default a temporary
# folder), never to tests/fuzz/corpus. Prints each harness's executions and
# fails on any finding (crash, sanitizer report, leak of an exception that
# is not a cspcast error, an error that does not name its file, timeout,
# out of memory); the input is kept in WORK/artifacts.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]
#   FUZZ_WORK=/tmp/campaign FUZZ_JOBS=2 tests/fuzz/run.sh build-asan 3600
#   FUZZ_RUNS=1000000 tests/fuzz/run.sh build-asan 7200   # a million each
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$1"
seconds="$2"
shift 2
all=(series_csv pack_toml pack_tables scenario police_uk stats19 population imported)
harnesses=("$@")
[ "${#harnesses[@]}" -eq 0 ] && harnesses=("${all[@]}")
work="${FUZZ_WORK:-$(mktemp -d)}"
jobs="${FUZZ_JOBS:-2}"
mkdir -p "$work/artifacts"

dict_of() {
  case "$1" in
    pack_toml | scenario) echo "$here/dict/toml.dict" ;;
    imported) echo "$here/dict/csv.dict" ;;
    *) echo "$here/dict/csv.dict" ;;
  esac
}

one() {
  local h="$1"
  local exe="$build/tests/fuzz/cspcast_fuzz_$h"
  mkdir -p "$work/corpus/$h"
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$exe" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} \
    -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -detect_leaks=0 -print_final_stats=1 \
    -dict="$(dict_of "$h")" -artifact_prefix="$work/artifacts/$h-" \
    "$work/corpus/$h" "$here/corpus/$h" >"$work/$h.log" 2>&1
  local rc=$?
  local execs
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$h.log" | tail -1 | grep -o '[0-9]*$')
  echo "$h: ${execs:-0} executions in $(grep -o 'Done [0-9]* runs in [0-9]* second' "$work/$h.log" | grep -o '[0-9]* second' | grep -o '[0-9]*' || echo "$seconds") s, exit $rc"
  if [ "$rc" -ne 0 ]; then
    grep -E "ERROR|fuzz:|SUMMARY|Test unit written|what\(\)" "$work/$h.log" | head -20
    return 1
  fi
}

failed=0
running=0
pids=()
for h in "${harnesses[@]}"; do
  one "$h" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: findings above (logs and inputs in $work)"
  exit 1
fi
echo "fuzz: no findings (logs in $work)"
