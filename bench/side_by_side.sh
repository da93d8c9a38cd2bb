#!/usr/bin/env bash
# Two commands timed in turn (A B A B ...), whole process, by the kernel's
# own accounting (GNU time): user + system CPU seconds and peak memory of
# each run, the median and range of each, and the ratio A/B pair by pair
# (pairing keeps the ratio meaningful when the machine's speed drifts).
#   bench/side_by_side.sh RUNS 'COMMAND_A' 'COMMAND_B'
# Each command is run by sh -c; its output is thrown away. One warm-up run
# of each is not counted. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 RUNS 'COMMAND_A' 'COMMAND_B'" >&2
  exit 2
fi
runs=$1
a=$2
b=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
one() { # label command
  local t
  t=$(mktemp)
  /usr/bin/time -f "%U %S %e %M" -o "$t" sh -c "$2 > /dev/null 2>&1"
  echo "$1 $(cat "$t")" >> "$log"
  rm -f "$t"
}
sh -c "$a > /dev/null 2>&1"
sh -c "$b > /dev/null 2>&1"
for _ in $(seq "$runs"); do
  one A "$a"
  one B "$b"
done
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $runs pairs"
python3 - "$log" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
get = lambda who: [(float(u) + float(s), float(e), int(m)) for w, u, s, e, m in rows if w == who]
a, b = get("A"), get("B")
def show(label, xs):
    cpu = [x[0] for x in xs]
    peak = [x[2] / 1024 for x in xs]
    print(f"{label} cpu s   median {statistics.median(cpu):.3f}  min {min(cpu):.3f}  max {max(cpu):.3f}"
          f"   peak MiB median {statistics.median(peak):.1f}")
show("A", a)
show("B", b)
r = [x[0] / y[0] for x, y in zip(a, b) if y[0] > 0]
print(f"A/B cpu  median {statistics.median(r):.4f}  min {min(r):.4f}  max {max(r):.4f}"
      f"   (B/A median {statistics.median([1 / x for x in r]):.2f}x)")
PY
