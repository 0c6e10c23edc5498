#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need when they are missing:
# clang + zlib1g-dev (the NativeAOT linker) and systemd (systemd-analyze, and systemd itself for the
# end-to-end test in private namespaces, driven with util-linux's unshare and nsenter, and mount).
# Idempotent; does nothing when all are present.
set -euo pipefail

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
{ command -v systemd-analyze && [ -x /lib/systemd/systemd ]; } >/dev/null 2>&1 || missing+=(systemd)
{ command -v unshare && command -v nsenter; } >/dev/null 2>&1 || missing+=(util-linux)
command -v mount >/dev/null 2>&1 || missing+=(mount)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing Debian packages: ${missing[*]}; installing them needs root: run as root, or first: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
