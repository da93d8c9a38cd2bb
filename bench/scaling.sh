#!/usr/bin/env bash
# Strong and weak scaling of `forecast` and `batch` over threads and MPI
# ranks on this machine's cores (docs/scale.md). Best of 3 wall times.
#   bench/scaling.sh [CSPCAST_BIN (default build-release/cspcast)] [WORK_DIR]
# Needs OpenMPI (mpirun) and a build with MPI; generates its series with
# bench/series_gen.py and copies the Maidstone pack under other names.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$here/build-release/cspcast}")"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
  OMPI_MCA_btl_vader_single_copy_mechanism=none
best_of_3() {
  local label=$1
  shift
  local best=""
  for _ in 1 2 3; do
    local s e w
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    e=$(date +%s.%N)
    w=$(echo "$e - $s" | bc)
    if [ -z "$best" ] || (($(echo "$w < $best" | bc))); then best=$w; fi
  done
  printf "%-36s best of 3 wall %.2f s\n" "$label" "$best"
}
mpi="mpirun --oversubscribe -np 2"
python3 "$here/bench/series_gen.py" --series 5000 s5000.csv
awk -F, 'NR == 1 { print; next } { if (!($1 in s)) s[$1] = n++; if (s[$1] < 2500) print }' \
  s5000.csv > s2500.csv
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "forecast, strong (5,000 series, h 18, 1,000 paths):"
best_of_3 "1 thread" "$bin" forecast --input s5000.csv --horizon 18 --threads 1 --out o.csv
best_of_3 "2 threads" "$bin" forecast --input s5000.csv --horizon 18 --threads 2 --out o.csv
best_of_3 "2 ranks x 1 thread" $mpi "$bin" forecast --input s5000.csv --horizon 18 --threads 1 --out o.csv
echo "forecast, weak (2,500 series per core):"
best_of_3 "1 thread, 2,500 series" "$bin" forecast --input s2500.csv --horizon 18 --threads 1 --out o.csv
best_of_3 "2 threads, 5,000 series" "$bin" forecast --input s5000.csv --horizon 18 --threads 2 --out o.csv
best_of_3 "2 ranks x 1 thread, 5,000 series" $mpi "$bin" forecast --input s5000.csv --horizon 18 --threads 1 --out o.csv
rm -rf packs8 packs4
mkdir packs8 packs4
for i in 1 2 3 4 5 6 7 8; do
  cp -r "$here/scenarios/maidstone" "packs8/p$i"
  sed -i "s/^name = .*/name = \"p$i\"/" "packs8/p$i/pack.toml"
  if [ "$i" -le 4 ]; then cp -r "packs8/p$i" "packs4/p$i"; fi
done
echo "batch, strong (8 packs, 4,000 paths):"
best_of_3 "1 thread" "$bin" batch --packs-from packs8 --threads 1
best_of_3 "2 threads" "$bin" batch --packs-from packs8 --threads 2
best_of_3 "2 ranks x 1 thread" $mpi "$bin" batch --packs-from packs8 --threads 1
echo "batch, weak (4 packs per core):"
best_of_3 "1 thread, 4 packs" "$bin" batch --packs-from packs4 --threads 1
best_of_3 "2 threads, 8 packs" "$bin" batch --packs-from packs8 --threads 2
best_of_3 "2 ranks x 1 thread, 8 packs" $mpi "$bin" batch --packs-from packs8 --threads 1
