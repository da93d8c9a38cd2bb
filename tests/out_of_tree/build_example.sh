#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds
# examples/hate_crime against it with the same compiler, and checks that the
# installed cspcast loads the new plugin beside the six bundled ones, that
# its own projection model passes the shared conformance checks
# (`plugins --check`), and that a pack on it runs with that model.
#   build_example.sh BUILD_DIR EXAMPLE_DIR CXX_COMPILER
set -euo pipefail
build="$1"
example="$2"
cxx="$3"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log"
cmake -S "$example" -B "$tmp/build" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  > "$tmp/configure.log" || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/build" > "$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
out="$(CSPCAST_PLUGIN_PATH= "$tmp/prefix/bin/cspcast" plugins \
  --plugin-dir "$tmp/build/plugins" --strict-plugins 2>&1)" || {
  echo "$out"; exit 1; }
echo "$out"
grep -q "^hate_crime 1.0.0 (order 900) $tmp/build/plugins/cspcast_plugin_hate_crime.so" <<< "$out"
grep -q "lever     hate_crime.third_party_reporting -> hate_crime.reports" <<< "$out"
test "$(grep -c "^[a-z_]* 1.0.0 (order" <<< "$out")" -eq 7
grep -q "    own model: Poisson counts over a damped ETS level" <<< "$out"

check="$(CSPCAST_PLUGIN_PATH= "$tmp/prefix/bin/cspcast" plugins --check \
  --plugin-dir "$tmp/build/plugins" 2>&1)" || { echo "$check"; exit 1; }
grep -q "^check hate_crime.reports (hate_crime): conforms" <<< "$check"

# A pack of the new priority alone: its own model projects it.
pack="$tmp/pack"
mkdir -p "$pack"
cat > "$pack/pack.toml" <<'TOML'
[pack]
name = "hate"
horizon = "2018-03"
target_period = "FY2017/18"
history = "history.csv"
population = "population.csv"
targets = "targets.toml"
scenarios = ["baseline.toml"]
TOML
printf '[scenario]\nname = "baseline"\ntitle = "Baseline"\n' > "$pack/baseline.toml"
printf 'group,year,population\nall,2017,170000\n' > "$pack/population.csv"
cat > "$pack/targets.toml" <<'TOML'
[[target]]
id = "hate-reports"
title = "Hate crime reports: at least 400 a year (more reporting is the aim)"
indicator = "hate_crime.reports"
kind = "at_least"
value = 400
basis = "count"
source = "example"
TOML
{
  echo "indicator,month,value"
  for i in $(seq 0 65); do
    y=$((2009 + (i + 3) / 12)); m=$(((i + 3) % 12 + 1))
    printf 'hate_crime.reports,%04d-%02d,%d\n' "$y" "$m" $((25 + i / 6 + (i % 12 < 6 ? 4 : 0)))
  done
} > "$pack/history.csv"
run="$(CSPCAST_PLUGIN_PATH= "$tmp/prefix/bin/cspcast" run --pack "$pack" \
  --plugin-dir "$tmp/build/plugins" --paths 500 2>&1)" || { echo "$run"; exit 1; }
echo "$run"
grep -Eq "^  hate_crime\.reports +hate_crime: Poisson over " <<< "$run"
grep -Eq "^hate-reports +baseline " <<< "$run"
echo "out-of-tree plugin: built against the installed SDK, loaded, checked and run with its own model"
