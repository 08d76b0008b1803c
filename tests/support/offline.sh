#!/bin/sh
# Runs a command in a network namespace of its own, so nothing it sends (the real-media tests'
# WebRTC and SIP above all) can leave this machine. Inside: `lo`, and a veth pair carrying the
# private test addresses 10.213.0.1 and 10.213.0.2 (exported as LIFF_CALLS_TEST_IP and
# LIFF_CALLS_TEST_PEER_IP): pion in livekit-sip and libwebrtc in @livekit/rtc-node skip loopback
# candidates, so media between them needs an address that is not 127.0.0.1. Both ends stay in
# the namespace, so the pair leads nowhere else. Needs root or unprivileged user namespaces;
# where neither is allowed it runs the command as is (the tests then rely on their loopback-only
# RTC settings, which they check) and says so. In CI the namespace is required.
if [ "$LIFF_CALLS_NETNS" = 1 ]; then exec "$@"; fi
INSIDE='ip link set lo up &&
  { ip link add lk0 type veth peer name lk1 && ip addr add 10.213.0.1/24 dev lk0 &&
    ip addr add 10.213.0.2/24 dev lk1 && ip link set lk0 up && ip link set lk1 up &&
    export LIFF_CALLS_TEST_IP=10.213.0.1 LIFF_CALLS_TEST_PEER_IP=10.213.0.2 ||
    echo "offline.sh: no veth pair here; only loopback inside the namespace." >&2; } &&
  LIFF_CALLS_NETNS=1 exec "$@"'
if unshare -n true 2>/dev/null; then
  exec unshare -n sh -c "$INSIDE" sh "$@"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c "$INSIDE" sh "$@"
fi
if [ -n "$CI" ]; then
  echo "offline.sh: cannot create a network namespace (unshare -n); refusing to run in CI." >&2
  exit 1
fi
echo "offline.sh: no network namespace here (unshare -n not allowed); running on the host network." >&2
exec "$@"
