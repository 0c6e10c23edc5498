#!/usr/bin/env bash
# The test command: installs what the tests need (eng/install-deps.sh), runs every test of the solution,
# and ends with one counted line `N passed, N failed`. Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"
# Installing needs root; without it the tests still run (those needing a missing package fail) and are counted.
eng/install-deps.sh
deps_rc=$?
[ "$deps_rc" -eq 0 ] || echo "test.sh: running the tests without the missing packages; the tests that need them will fail" >&2
results=artifacts/test-results
rm -rf "$results"
dotnet test watchdog.sln --logger trx --results-directory "$results" "$@"
test_rc=$?
eng/count-results.sh "$results"
count_rc=$?
[ "$deps_rc" -eq 0 ] && [ "$test_rc" -eq 0 ] && [ "$count_rc" -eq 0 ]
