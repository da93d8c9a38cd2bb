#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The board report as a browser shows and prints it (headless Chromium and
# poppler-utils from Debian):
# - no reference to anything outside the file (src=, href= other than
#   #anchors, url(, @import);
# - the page loads with no console message of level warning or error;
# - with scripting disabled every section is in the rendered DOM;
# - every chart's SVG has a non-zero rendered size (measured from a
#   wrapper page that loads the report in a frame);
# - the PDF printed from it has the targets table on its first page.
#
#   browser.sh CLI [OUT_DIR]   (OUT_DIR keeps the files, e.g. for docs)
set -euo pipefail
cli="$(realpath "$1")"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "${2:-}" ] || trap 'rm -rf "$work"' EXIT
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "browser.sh: chromium not found (apt-get install chromium)" >&2
  exit 1
fi
command -v pdftotext >/dev/null || { echo "browser.sh: pdftotext not found (poppler-utils)" >&2; exit 1; }
export CSPCAST_PLUGIN_PATH=
fail=0
check() {  # check "what" status
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-extensions \
    --user-data-dir="$(mktemp -d -p "$work" profile.XXXXXX)" "$@"
}

"$cli" report --paths 1000 --seed 7 --out "$work/report.html" 2>"$work/report.err"
html="$work/report.html"

# 1. Nothing outside the file.
if grep -Eo '(src|href)="[^"#][^"]*"|url\(|@import' "$html" >"$work/external.txt"; then
  cat "$work/external.txt"
  check "no reference outside the file" 1
else
  check "no reference outside the file" 0
fi
if grep -q '<script' "$html"; then check "no script" 1; else check "no script" 0; fi

# 2. Loads without console warnings or errors.
chrome --enable-logging=stderr --v=0 --dump-dom "file://$html" \
  >"$work/dom.html" 2>"$work/console.txt" || true
if grep -E 'CONSOLE' "$work/console.txt" >"$work/console-lines.txt"; then
  cat "$work/console-lines.txt"
  check "no console message" 1
else
  check "no console message" 0
fi

# 3. With scripting disabled, every section and every chart renders, each
# chart with a non-zero size: the report is loaded in a frame sandboxed
# without allow-scripts (no script can run in it), and the wrapper page
# measures what the frame rendered.
charts=$(grep -o '<svg ' "$html" | wc -l)
cat >"$work/measure.html" <<'HTML'
<!DOCTYPE html><html><body>
<iframe id="f" sandbox="allow-same-origin" src="report.html" style="width:1000px;height:900px"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('f').onload = function () {
  var d = this.contentDocument;
  var svgs = d.querySelectorAll('svg');
  var sizes = [];
  for (var i = 0; i < svgs.length; i++) {
    var r = svgs[i].getBoundingClientRect();
    sizes.push(Math.round(r.width) + 'x' + Math.round(r.height));
  }
  var ids = ['targets', 'pairs', 'monitor', 'manifest', 't-asb-rate'];
  var found = [];
  for (var k = 0; k < ids.length; k++) {
    var e = d.getElementById(ids[k]);
    if (e && e.getBoundingClientRect().height > 0) found.push(ids[k]);
  }
  document.getElementById('out').textContent =
      'sections=' + found.join(',') + ' svgs=' + svgs.length + ' ' + sizes.join(' ');
};
</script></body></html>
HTML
chrome --allow-file-access-from-files --virtual-time-budget=15000 \
  --dump-dom "file://$work/measure.html" >"$work/measured.html" 2>/dev/null || true
measured="$(grep -o '<pre id="out">sections=[^<]*' "$work/measured.html" | sed 's/^<pre id="out">//' || true)"
echo "     ${measured:0:150}..."
sections="$(echo "$measured" | sed -E 's/^sections=([^ ]*) .*/\1/')"
if [ "$sections" = "targets,pairs,monitor,manifest,t-asb-rate" ]; then ok=0; else ok=1; fi
check "without scripts: every section rendered ($sections)" $ok
count="$(echo "$measured" | sed -E 's/.* svgs=([0-9]+).*/\1/')"
if [ -n "$count" ] && [ "$count" = "$charts" ] && [ "$charts" -gt 0 ]; then ok=0; else ok=1; fi
check "without scripts: $count of $charts charts rendered" $ok
if echo "$measured" | tr ' ' '\n' | grep -Eq '^(0x[0-9]+|[0-9]+x0)$'; then
  check "every chart has a non-zero rendered size" 1
else
  check "every chart has a non-zero rendered size" 0
fi

# 5. The PDF from the browser's print has the targets table on page 1.
chrome --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$html" \
  >/dev/null 2>&1 || true
pdftotext -f 1 -l 1 -layout "$work/report.pdf" "$work/page1.txt"
if grep -q 'Targets' "$work/page1.txt" && grep -q 'asb-rate' "$work/page1.txt" &&
  grep -q 'as the plan' "$work/page1.txt"; then ok=0; else ok=1; fi
check "PDF page 1 holds the targets table" $ok
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
echo "     PDF: $pages A4 pages, $(du -k "$work/report.pdf" | cut -f1) KB; HTML $(du -k "$html" | cut -f1) KB"
[ "$fail" -eq 0 ] && echo "browser: all checks passed" || echo "browser: checks failed"
exit "$fail"
