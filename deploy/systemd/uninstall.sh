#!/usr/bin/env bash
# Reverses install.sh: stops and disables both units (the restarter's orderly stop stops every program it
# supervises), then removes the binaries, links, units, tmpfiles.d entry and docs. The config
# (/etc/watchdog) and the history and state (/var/lib/watchdog) stay unless --purge.
#
#   uninstall.sh [--destdir DIR] [--purge]
#     --destdir DIR   remove a staging made by `install.sh --destdir DIR`; never touches systemd
#     --purge         remove /etc/watchdog and /var/lib/watchdog as well
set -euo pipefail

usage() {
  sed -n 's/^#   \{0,1\}//p' "$0" | sed -n '/^uninstall.sh/,$p' >&2
  exit 2
}

destdir=
purge=false
while [ $# -gt 0 ]; do
  case "$1" in
    --destdir) [ $# -ge 2 ] || usage; destdir=$2; shift 2 ;;
    --purge) purge=true; shift ;;
    -h|--help) usage ;;
    *) echo "uninstall.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then
  echo "uninstall.sh: run as root (or use --destdir DIR)" >&2
  exit 1
fi

root=${destdir%/}
units=(watchdog.service watchdog-restarter.service)
systemd=false
if [ -z "$destdir" ] && [ -d /run/systemd/system ]; then
  systemd=true
  for unit in "${units[@]}"; do
    if [ -e "/etc/systemd/system/$unit" ]; then
      systemctl disable --now "$unit"
    fi
  done
fi

rm -f "$root/usr/local/bin/watchdog" "$root/usr/local/bin/restarter"
rm -rf "$root/usr/local/lib/watchdog" "$root/usr/local/share/doc/watchdog"
rm -f "$root/etc/systemd/system/watchdog.service" "$root/etc/systemd/system/watchdog-restarter.service"
rm -f "$root/etc/tmpfiles.d/watchdog.conf"
if $systemd; then
  systemctl daemon-reload
  systemctl reset-failed "${units[@]}" 2>/dev/null || true
fi

if $purge; then
  rm -rf "$root/etc/watchdog" "$root/var/lib/watchdog"
  echo "uninstall.sh: removed the config and all history and state" >&2
else
  echo "uninstall.sh: kept $root/etc/watchdog (config) and $root/var/lib/watchdog (history, state); --purge removes them" >&2
fi
