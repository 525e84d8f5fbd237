#!/bin/sh
# test.sh - the whole test suite: a -Werror build with every unit, example,
# golden-fixture, docs and SARIF test, then the unit and fixture tests
# again under AddressSanitizer and UndefinedBehaviorSanitizer, where any
# report fails the run.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --helm

jobs=$(nproc 2>/dev/null || echo 2)

# Repeat the failed TAP subtests with the start of their diagnostics at
# the very end, where a log cut to its tail still shows them.
failed_subtests() {
	awk '/^not ok/ && !/# TODO/ { n = 15; print; next }
	     n > 0 && /^#/ { n--; print; next } { n = 0 }' \
		"$1/meson-logs/testlog.txt" >&2
	return 1
}

# reconfigure an existing build: rules/ and fixtures/ are read at setup
if [ -f build-test/build.ninja ]; then
	meson setup --reconfigure build-test >/dev/null
else
	meson setup build-test -Dwerror=true >/dev/null
fi
ninja -C build-test >/dev/null
meson test -C build-test --print-errorlogs --num-processes "$jobs" ||
	failed_subtests build-test

# meson 1.0 does not add -fno-sanitize-recover: without it UBSan only warns
if [ -f build-asan/build.ninja ]; then
	meson setup --reconfigure build-asan >/dev/null
else
	meson setup build-asan -Dwerror=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dc_args=-fno-sanitize-recover=all \
		-Dc_link_args=-fno-sanitize-recover=all >/dev/null
fi
ninja -C build-asan >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	meson test -C build-asan --print-errorlogs --num-processes "$jobs" \
		--suite unit --suite fixtures --suite examples --suite cli ||
	failed_subtests build-asan
