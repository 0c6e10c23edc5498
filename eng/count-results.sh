#!/usr/bin/env bash
# Sums the counters of every TRX file under $1 and prints `N passed, N failed[, N skipped]`.
# Exits 1 when a test failed or none ran.
set -euo pipefail
dir=${1:?usage: count-results.sh RESULTS_DIR}
shopt -s globstar nullglob
files=("$dir"/**/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "0 passed, 0 failed"
  echo "no test results found under $dir" >&2
  exit 1
fi
read -r total passed failed < <(
  grep -ho '<Counters [^>]*>' "${files[@]}" | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["total"], c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"] }')
skipped=$((total - passed - failed))
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
