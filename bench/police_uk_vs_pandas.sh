#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cspcast import police-uk against pandas on the same unpacked folder, one
# process each, side by side: CPU seconds (user + system), wall seconds,
# peak memory and MB/s of input. Not part of .ci/run (docs/performance.md).
#
#   bench/police_uk_vs_pandas.sh CSPCAST [DIR] [MONTHS FORCES ROWS]
#
# Needs Debian's python3-pandas (apt-get install python3-pandas).
set -euo pipefail
cli="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
dir="${2:-/tmp/cspcast-police-bench}"
months="${3:-12}"; forces="${4:-6}"; rows="${5:-30000}"
py=/usr/bin/python3
if [ ! -d "$dir" ]; then
  "$py" "$here/police_uk_gen.py" "$dir" --months "$months" --forces "$forces" --rows "$rows"
fi
bytes=$(find "$dir" -name '*-street.csv' -printf '%s\n' | awk '{s+=$1} END {print s}')
measure() {
  local name="$1"; shift
  local log; log="$(mktemp)"
  /usr/bin/time -f '%U %S %e %M' -o "$log" "$@" >/dev/null 2>&1
  read -r user sys wall rss <"$log"
  rm -f "$log"
  awk -v n="$name" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" -v b="$bytes" \
    'BEGIN { c = u + s; printf "%-22s cpu %6.2f s  wall %6.2f s  peak %7.1f MB  %7.1f MB/s (cpu)\n", n, c, w, r / 1024, b / 1e6 / c }'
}
echo "input: $(find "$dir" -name '*-street.csv' | wc -l) street files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB"
for i in 1 2 3; do
  measure "cspcast import" "$cli" import police-uk "$dir" --out /tmp/cspcast-police-bench.csv
  measure "pandas read+groupby" "$py" "$here/police_uk_pandas.py" "$dir"
done
