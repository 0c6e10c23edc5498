#!/usr/bin/env bash
# The demo: builds, then runs the watchdog and the restarter in the foreground on samples/demo.yaml, supervising
# samples/SampleService (two hearts; now and then it hangs, crashes or leaves a setsid'ed grandchild behind).
# State lives under ./var/demo. Ctrl-C, or --duration SECONDS, stops everything and prints the history.
# No root, no systemd.
set -euo pipefail
cd "$(dirname "$0")"

duration=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="${2:?--duration needs a number of seconds}"; shift 2 ;;
    --duration=*) duration="${1#*=}"; shift ;;
    -h|--help) echo "usage: ./demo.sh [--duration SECONDS]"; exit 0 ;;
    *) echo "usage: ./demo.sh [--duration SECONDS]" >&2; exit 2 ;;
  esac
done

out=artifacts/demo
echo "== building (Release) into $out/ (the first build restores packages: about a minute)"
for project in src/Watchdog src/Restarter samples/SampleService; do
  name=$(basename "$project")
  started=$SECONDS
  echo "   building $project ..."
  dotnet build "$project" -c Release -o "$out/$(echo "$name" | tr '[:upper:]' '[:lower:]' | sed 's/sampleservice/sample/')" -nologo -v quiet -clp:ErrorsOnly >/dev/null \
    || { echo "build of $project failed" >&2; exit 1; }
  echo "   built $project in $((SECONDS - started)) s"
done

config=samples/demo.yaml
root=var/demo
rm -rf "$root"
mkdir -p "$root"

pids=()
stop() {
  trap - INT TERM
  echo
  echo "== stopping (SIGTERM): the restarter kills the sample's whole tree, both daemons remove their hearts"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo
  echo "== status after the stop ($cli status -c $config)"
  "$out/watchdog/watchdog" status -c "$config" | sed 's/^/   /' || true
  echo
  echo "== history ($root/history): each solved problem, what was seen and what was done"
  for entry in "$root"/history/*; do
    [ -e "$entry" ] || { echo "(none)"; break; }
    echo "-- $(basename "$entry")"
    sed 's/^/   /' "$entry"
  done
  left=$(grep -lsz "^WATCHDOG_TAG=" /proc/[0-9]*/environ 2>/dev/null | wc -l || true)
  echo
  echo "== processes still carrying WATCHDOG_TAG: $left"
  exit 0
}
trap stop INT TERM

cli="$out/watchdog/watchdog"
echo "== running watchdog and restarter on $config (root ./$root); Ctrl-C to stop"
echo "   from another terminal, while it runs:"
echo "     $cli status -c $config      # programs, hearts, open problems"
echo "     $cli history -c $config     # each solved problem"
echo "     $cli mark sample -c $config # ask for a restart"
"$out/watchdog/watchdog" run --config "$config" > >(sed -u 's/^/watchdog  | /') 2>&1 &
pids+=($!)
"$out/restarter/restarter" run --config "$config" > >(sed -u 's/^/restarter | /') 2>&1 &
pids+=($!)

if [ -n "$duration" ]; then
  sleep "$duration" &
  wait $! || true
  stop
else
  wait "${pids[@]}" || true
  stop
fi
