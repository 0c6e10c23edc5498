#!/usr/bin/env bash
# Installs watchdog: the NativeAOT binaries under /usr/local/lib/watchdog with links in /usr/local/bin, the units
# in /etc/systemd/system, tmpfiles.d, the docs, and the example config at /etc/watchdog/watchdog.yaml only when
# there is none (an operator's config is never overwritten). When systemd runs here (and no --destdir), it then
# reloads systemd, enables and starts both units, and after an upgrade restarts them on the new binaries: the
# watchdog by `systemctl restart`, the restarter by SIGKILL so that systemd restarts it and it adopts the
# running programs instead of stopping them. Idempotent: a second run with the same binaries changes nothing.
#
#   install.sh [--prebuilt DIR] [--destdir DIR]
#     --prebuilt DIR  take the `watchdog` and `restarter` binaries from DIR instead of publishing them
#     --destdir DIR   stage every file under DIR (packaging, tests); never touches systemd
set -euo pipefail

usage() {
  sed -n 's/^#   \{0,1\}//p' "$0" | sed -n '/^install.sh/,$p' >&2
  exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
prebuilt=
destdir=
while [ $# -gt 0 ]; do
  case "$1" in
    --prebuilt) [ $# -ge 2 ] || usage; prebuilt=$2; shift 2 ;;
    --destdir) [ $# -ge 2 ] || usage; destdir=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (or stage with --destdir DIR)" >&2
  exit 1
fi

if [ -z "$prebuilt" ]; then
  prebuilt=$("$repo/eng/publish.sh" "$repo/artifacts/bin" | tail -n 1)
fi
for binary in watchdog restarter watchdog-launch; do
  if [ ! -x "$prebuilt/$binary" ]; then
    echo "install.sh: $prebuilt/$binary is missing or not executable" >&2
    exit 1
  fi
done

root=${destdir%/}
lib=$root/usr/local/lib/watchdog
bin=$root/usr/local/bin
units=$root/etc/systemd/system
changed=()

# Copies $1 to $2 with mode $3 by rename, so a running binary is never rewritten in place; records a change.
put() {
  local source=$1 target=$2 mode=$3
  if [ -f "$target" ] && cmp -s "$source" "$target"; then
    chmod "$mode" "$target"
    return
  fi
  mkdir -p "$(dirname "$target")"
  cp "$source" "$target.new"
  chmod "$mode" "$target.new"
  mv -f "$target.new" "$target"
  changed+=("$target")
}

put "$prebuilt/watchdog" "$lib/watchdog" 0755
put "$prebuilt/restarter" "$lib/restarter" 0755
# The restarter runs it (from beside itself) to start a program as its own user, with its limits and cgroup.
put "$prebuilt/watchdog-launch" "$lib/watchdog-launch" 0755
mkdir -p "$bin"
for binary in watchdog restarter; do
  if [ "$(readlink "$bin/$binary" || true)" != "../lib/watchdog/$binary" ]; then
    ln -sfn "../lib/watchdog/$binary" "$bin/$binary"
  fi
done
put "$here/watchdog.service" "$units/watchdog.service" 0644
put "$here/watchdog-restarter.service" "$units/watchdog-restarter.service" 0644
put "$here/watchdog.tmpfiles.conf" "$root/etc/tmpfiles.d/watchdog.conf" 0644
put "$repo/docs/operations.md" "$root/usr/local/share/doc/watchdog/operations.md" 0644
if [ -e "$root/etc/watchdog/watchdog.yaml" ]; then
  echo "install.sh: keeping the existing $root/etc/watchdog/watchdog.yaml" >&2
else
  put "$here/watchdog.yaml" "$root/etc/watchdog/watchdog.yaml" 0644
fi
for file in "${changed[@]}"; do
  echo "installed $file" >&2
done

if [ -n "$destdir" ]; then
  exit 0
fi
if [ ! -d /run/systemd/system ]; then
  echo "install.sh: systemd is not running here; start the daemons yourself: watchdog run; restarter run" >&2
  exit 0
fi

systemctl daemon-reload
systemd-tmpfiles --create /etc/tmpfiles.d/watchdog.conf
systemctl enable watchdog.service watchdog-restarter.service
if [ ${#changed[@]} -gt 0 ]; then
  if systemctl is-active --quiet watchdog.service; then
    systemctl restart watchdog.service
  fi
  if systemctl is-active --quiet watchdog-restarter.service; then
    # A stop would stop every program; a crash makes systemd restart the restarter, which adopts them.
    systemctl kill --kill-who=main --signal=SIGKILL watchdog-restarter.service
  fi
fi
systemctl start watchdog.service watchdog-restarter.service
systemctl --no-pager --lines=0 status watchdog.service watchdog-restarter.service || true
