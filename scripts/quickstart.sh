#!/bin/sh
# quickstart.sh - install what is missing, build, and lint the bundled
# example. The example has findings, so this exits 1 (0 would mean the
# linter missed them).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
set +e
build/src/hooklint fixtures/examples/
status=$?
echo "hooklint exited with status $status (1: findings, as expected)" >&2
exit $status
