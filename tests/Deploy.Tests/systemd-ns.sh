#!/bin/sh
# Boots a real systemd as PID 1 of private namespaces (pid, mount, cgroup, uts, ipc, net) for the end-to-end
# test, without touching the host:
#   systemd-ns.sh boot WORK NAME  moves itself into a fresh cgroup NAME in every hierarchy, then unshares and runs
#                                 `init` as PID 1 of the new namespaces; WORK is the test's directory.
#   systemd-ns.sh cleanup NAME    removes those cgroups (depth first) once every process in them is gone.
# Inside, /etc, /usr/local and /var are overlays whose writes land in WORK/overlay, /run and /tmp are private
# tmpfs, WORK is visible at /run/e2e, and /etc/systemd/system is WORK/units alone: systemd sees no unit but the
# test's (SYSTEMD_UNIT_PATH, and the distribution's units and generators hidden), so nothing of the host's boot
# (tmpfiles cleaning /tmp, journald, udev) can run.
set -eu

cgroup_mounts() {
  awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) ~ /^cgroup2?$/) print $5; break } }' /proc/self/mountinfo | sort -u
}

case "$1" in
boot)
  work=$2 name=$3
  for mnt in $(cgroup_mounts); do
    mkdir -p "$mnt/$name"
    # A new cpuset cgroup (v1) owns no CPU and no memory node until given its parent's.
    for file in cpuset.cpus cpuset.mems; do
      if [ -f "$mnt/$file" ]; then
        cat "$mnt/$file" > "$mnt/$name/$file"
      fi
    done
    echo $$ > "$mnt/$name/cgroup.procs"
  done
  exec unshare --pid --fork --mount --mount-proc --cgroup --uts --ipc --net --propagation private "$0" init "$work" "$name"
  ;;
init)
  work=$2 name=$3
  # The inherited cgroup mounts show the host's whole tree, and systemd creates its slices below the root it
  # sees: mount each hierarchy's NAME subtree over it so that root is the test's cgroup.
  for mnt in $(cgroup_mounts); do
    mount --bind "$mnt/$name" "$mnt"
  done
  mount -t tmpfs -o mode=0755 tmpfs /run
  mkdir -p /run/e2e
  mount --bind "$work" /run/e2e
  for dir in etc usr/local var; do
    key=$(echo "$dir" | tr / _)
    mkdir -p "$work/overlay/$key/upper" "$work/overlay/$key/work"
    mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$work/overlay/$key/upper,workdir=$work/overlay/$key/work" "/$dir"
  done
  mkdir -p "$work/units" "$work/empty"
  mount --bind "$work/units" /etc/systemd/system
  for dir in /usr/lib/systemd/system /usr/lib/systemd/system-generators /usr/lib/systemd/system-environment-generators; do
    if [ -d "$dir" ]; then
      mount --bind "$work/empty" "$dir"
    fi
  done
  mount -t tmpfs -o mode=1777 tmpfs /tmp
  # systemd logs to /dev/kmsg (--log-target=kmsg), which is WORK/systemd.log here, not the host kernel log.
  : > /run/e2e/systemd.log
  mount --bind /run/e2e/systemd.log /dev/kmsg
  if [ -d /run/e2e/stage ]; then
    cp -a /run/e2e/stage/. /
  fi
  export SYSTEMD_UNIT_PATH=/etc/systemd/system
  exec /lib/systemd/systemd --system --unit=e2e.target --log-target=kmsg --log-level=info --show-status=no
  ;;
cleanup)
  name=$2
  for mnt in $(cgroup_mounts); do
    if [ -d "$mnt/$name" ]; then
      find "$mnt/$name" -depth -type d -exec rmdir {} +
    fi
  done
  ;;
*)
  echo "usage: $0 boot WORK NAME | cleanup NAME" >&2
  exit 2
  ;;
esac
