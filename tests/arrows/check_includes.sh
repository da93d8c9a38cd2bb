#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The include arrows point one way (docs/architecture.md):
#   commands (core/cli) -> library; engine -> io, report, kernels, SDK;
#   kernels, io, report and results never include the engine or the plugin
#   host; kernels include no io, report or results either; the SDK includes
#   only the SDK; the model kit (core/src/kit: the SDK's facade over the
#   kernels for plugin models) includes only kernels and the SDK; the library never includes the CLI; plugins include only
#   the plugin SDK (cspcast/plugin/define.hpp and the top-level SDK headers).
# Prints every wrong arrow as file:line and fails when there is one.
#   check_includes.sh SOURCE_DIR
set -euo pipefail
cd "${1:-.}"
bad=0

# includes FILE... -> "file:line: header" for every #include
includes() {
  grep -Hn -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][^>"]+[>"]' "$@" |
    sed -E 's/^([^:]+:[0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1: \2/'
}

# forbid RULE GLOB... -- REGEX: no file of the globs includes a header
# matching REGEX.
forbid() {
  local rule="$1"
  shift
  local files=()
  while [ "$1" != "--" ]; do
    for f in $1; do [ -f "$f" ] && files+=("$f"); done
    shift
  done
  shift
  local regex="$1"
  [ "${#files[@]}" -eq 0 ] && return 0
  local hits
  hits="$(includes "${files[@]}" | grep -E ": ($regex)\$" || true)"
  if [ -n "$hits" ]; then
    echo "wrong arrow ($rule):"
    echo "$hits" | sed 's/^/  /'
    bad=1
  fi
}

engine_or_host='cspcast/engine/.*|cspcast/plugin/registry\.hpp|.*engine_impl\.hpp|.*parallel\.hpp|.*/engine/.*'
forbid "io, report and results never include the engine or the plugin host" \
  'core/src/io/*' 'core/src/report/*' 'core/include/cspcast/io/*' \
  'core/include/cspcast/report/*' 'core/include/cspcast/results/*' -- \
  "$engine_or_host"
forbid "kernels know nothing of files, reports, results, the engine or plugins" \
  'core/src/kernels/*' 'core/include/cspcast/kernels/*' -- \
  "$engine_or_host|cspcast/(io|report|results|plugin)/.*"
forbid "the SDK includes only the SDK" \
  'core/src/sdk/*' 'core/include/cspcast/*.hpp' -- \
  "cspcast/(engine|io|report|results|plugin|kernels)/.*"
forbid "the model kit (the SDK's facade over the kernels) includes only kernels and SDK" \
  'core/src/kit/*' -- \
  "$engine_or_host|cspcast/(io|report|results|plugin)/.*"
forbid "the plugin host includes only the SDK" \
  'core/src/plugin/*' 'core/include/cspcast/plugin/*' -- \
  "cspcast/(engine|io|report|results|kernels)/.*"
forbid "the library never includes the CLI" \
  'core/src/*/*' 'core/include/cspcast/*.hpp' 'core/include/cspcast/*/*' -- \
  '.*cli/.*|.*commands/.*|common\.hpp|progress\.hpp'
forbid "plugins include only the plugin SDK" \
  'plugins/*/*.cpp' 'plugins/*/*.hpp' 'examples/*/*.cpp' -- \
  'cspcast/(engine|io|report|results|kernels)/.*|cspcast/plugin/(registry)\.hpp|cspcast/engine\.hpp'

if [ "$bad" -ne 0 ]; then
  echo "include arrows: FAILED"
  exit 1
fi
echo "include arrows: every arrow points the right way"
