#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds
# examples/hate_crime against it with the same compiler, and checks that the
# installed cspcast loads the new plugin beside the six bundled ones.
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
echo "out-of-tree plugin: built against the installed SDK and loaded"
