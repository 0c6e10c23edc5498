#!/usr/bin/env bash
# The test command: installs what the tests need (eng/install-deps.sh), runs every test of the solution,
# and ends with one counted line `N passed, N failed`. Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"
eng/install-deps.sh || exit 1
results=artifacts/test-results
rm -rf "$results"
dotnet test watchdog.sln --logger trx --results-directory "$results" "$@"
test_rc=$?
eng/count-results.sh "$results"
count_rc=$?
[ "$test_rc" -eq 0 ] && [ "$count_rc" -eq 0 ]
