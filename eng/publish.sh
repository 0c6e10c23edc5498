#!/usr/bin/env bash
# Publishes both executables as NativeAOT binaries into ${1:-artifacts/bin} (with watchdog-launch, the restarter's
# C launcher, beside them) and proves they run.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/bin}")
eng/install-deps.sh
for project in Watchdog Restarter; do
  dotnet publish "src/$project/$project.csproj" -c Release -o "$out" -p:TreatWarningsAsErrors=true -warnaserror >&2
done
"$out/watchdog" --help >/dev/null
"$out/restarter" --help >/dev/null
[ -x "$out/watchdog-launch" ] || { echo "publish.sh: $out/watchdog-launch (the restarter's launcher) is missing" >&2; exit 1; }
echo "$out"
