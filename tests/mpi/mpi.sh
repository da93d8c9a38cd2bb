#!/usr/bin/env bash
# `mpirun -np 2` writes the data files of one process, byte for byte:
# forecast (with paths) and batch (two packs). The environment lets
# OpenMPI run as root in a container (CI runs as root).
#   tests/mpi/mpi.sh CSPCAST SOURCE_DIR
set -euo pipefail
cspcast="$1"
src="$2"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mpi=(mpirun --oversubscribe -np 2)

same() {
  if ! cmp "$1" "$2"; then
    echo "mpi: $1 and $2 differ" >&2
    diff "$1" "$2" | head -20 >&2
    exit 1
  fi
}

# forecast: 24 M3 series, one process with two threads against two ranks
# with one thread each (so thread and rank counts both change).
input="$src/tests/golden/input/m3_sample.csv"
"$cspcast" forecast --input "$input" --horizon 8 --threads 2 \
  --out "$work/one/fc.csv" --paths-out "$work/one/paths.csv" 2>"$work/one.log"
"${mpi[@]}" "$cspcast" forecast --input "$input" --horizon 8 --threads 1 \
  --out "$work/two/fc.csv" --paths-out "$work/two/paths.csv" 2>"$work/two.log"
same "$work/one/fc.csv" "$work/two/fc.csv"
same "$work/one/paths.csv" "$work/two/paths.csv"
grep -q "2 ranks x 1 thread" "$work/two.log" || {
  echo "mpi: the log does not say two ranks ran" >&2
  cat "$work/two.log" >&2
  exit 1
}

# batch: three packs (two ranks get unequal blocks).
mkdir -p "$work/packs"
for p in a b c; do
  cp -r "$src/scenarios/maidstone" "$work/packs/$p"
  sed -i "s/^name = \"maidstone\"/name = \"maidstone-$p\"/" "$work/packs/$p/pack.toml"
done
"$cspcast" batch --packs-from "$work/packs" --paths 400 --threads 2 \
  --out "$work/batch1" >/dev/null 2>"$work/b1.log"
"${mpi[@]}" "$cspcast" batch --packs-from "$work/packs" --paths 400 \
  --threads 1 --out "$work/batch2" >/dev/null 2>"$work/b2.log"
for f in results.csv results.json summary.csv; do
  same "$work/batch1/$f" "$work/batch2/$f"
done
grep -q '"ranks": 2' "$work/batch2/execution.json"
grep -q "on 2 ranks" "$work/b2.log"
echo "mpi: forecast and batch on 2 ranks equal one process byte for byte"
