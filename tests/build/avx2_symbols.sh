#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The object compiled for AVX2 (core/src/kernels/ets_lanes_avx2.cpp) must
# define no symbol but its two entry points. The linker keeps one copy of
# an inline function that several files define; if that copy came from
# this file, code running on a processor without AVX2 would call AVX2
# instructions. So anything else it defines must be local to it.
#   avx2_symbols.sh OBJECT...   (the library's objects; others are skipped)
set -euo pipefail
# CMake passes the objects as one ;-separated list.
IFS=';' read -r -a objects <<<"$*"
found=0
for o in "${objects[@]}"; do
  case "$o" in *ets_lanes_avx2*) ;; *) continue ;; esac
  found=1
  # Code that other files could bind to: global (T), weak (W: a weak
  # symbol not marked as an object, as an inline function's copy) or
  # indirect (i). Weak or unique data (V, u: a sanitizer's type
  # descriptions, a static local's guard) runs no instruction.
  symbols=$(nm -C --defined-only "$o")
  extra=$(echo "$symbols" | awk '$2 ~ /^[TWi]$/' |
    grep -v -E 'cspcast::kernels::ets_(lik_lanes|roots_inside)_avx2\(' || true)
  if [ -n "$extra" ]; then
    echo "$o defines symbols other code could bind to:"
    echo "$extra"
    exit 1
  fi
  echo "avx2: $o defines only its entry points"
done
if [ "$found" -eq 0 ]; then
  echo "avx2: no AVX2 object in this build (not x86-64, or no -mavx2)"
fi
