#!/usr/bin/env bash
# P(met) of the reoffending-rate target against the assumed cohort size:
# the pack run with the `cohort` companion (Maidstone's and Kent's) scaled
# by each factor. Used for docs/scenarios.md.
#   cohort_sensitivity.sh CSPCAST [PATHS] [FACTORS...]
set -euo pipefail
cli="$1"
paths="${2:-10000}"
shift $(( $# >= 2 ? 2 : 1 ))
factors=("$@")
[ "${#factors[@]}" -eq 0 ] && factors=(0.5 1 2 4 10)
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "factor,maidstone_cohort_a_quarter,scenario,p_met,median,lo80,hi80,bar"
for f in "${factors[@]}"; do
  rm -rf "$tmp/pack"
  cp -r "$here" "$tmp/pack"
  awk -F, -v f="$f" 'BEGIN { OFS = "," }
    /^#/ || $1 == "series" { print; next }
    { $4 = $4 * f; print }' "$here/companions.csv" > "$tmp/pack/companions.csv"
  "$cli" run --pack "$tmp/pack" --paths "$paths" --format csv |
    awk -F, -v f="$f" -v q="$(awk "BEGIN { print 348 * $f }")" '
      $2 == "reoffend-rate" { print f "," q "," $1 "," $6 "," $9 "," $10 "," $11 "," $12 }'
done
