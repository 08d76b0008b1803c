#!/bin/sh
# Runs a command in a network namespace of its own with only `lo` up, so nothing it sends (the
# real-media tests' WebRTC above all) can leave this machine. Needs root or unprivileged user
# namespaces; where neither is allowed it runs the command as is (the tests then rely on their
# loopback-only RTC settings, which they check) and says so. In CI the namespace is required.
if [ "$LIFF_CALLS_NETNS" = 1 ]; then exec "$@"; fi
if unshare -n true 2>/dev/null; then
  exec unshare -n sh -c 'ip link set lo up && LIFF_CALLS_NETNS=1 exec "$@"' sh "$@"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c 'ip link set lo up && LIFF_CALLS_NETNS=1 exec "$@"' sh "$@"
fi
if [ -n "$CI" ]; then
  echo "offline.sh: cannot create a network namespace (unshare -n); refusing to run in CI." >&2
  exit 1
fi
echo "offline.sh: no network namespace here (unshare -n not allowed); running on the host network." >&2
exec "$@"
