#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# charts.sh - time hooklint on a directory of many chart template sources
#
#   tests/bench/charts.sh [BUILD_DIR]     (default: build-release in the tree)
#
# Copies the charts of the golden cases (fixtures/*/chart and the like)
# into a temporary directory until it holds CHARTS of them, each under a
# directory of its own name, then times `hooklint --format json DIR`:
# median wall time and peak RSS of ROUNDS runs after a warm-up run.
#
# Environment: CHARTS (default 500), ROUNDS (default 5), TARGET (seconds,
# default 1). Exit status: 0 the target met, 1 missed, 2 the benchmark
# could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-release}
charts=${CHARTS:-500}
rounds=${ROUNDS:-5}
target=${TARGET:-1}

die() {
	echo "charts.sh: error: $*" >&2
	exit 2
}

[[ $charts =~ ^[1-9][0-9]*$ ]] || die "CHARTS must be a positive integer"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $target =~ ^[0-9]+([.][0-9]+)?$ ]] || die "TARGET must be a number of seconds"

timer=/usr/bin/time
"$timer" -f '%e %M' true >/dev/null 2>&1 ||
	die "GNU time (/usr/bin/time) is needed: apt-get install time"

# --- build ---------------------------------------------------------------
command -v meson >/dev/null || die "meson not found"
if [[ ! -f $build/build.ninja ]]; then
	echo "charts.sh: configuring $build (release)" >&2
	meson setup --buildtype=release "$build" "$root" >/dev/null ||
		die "meson setup $build failed"
fi
ninja -C "$build" src/hooklint >/dev/null || die "building hooklint failed"
hooklint=$build/src/hooklint
[[ -x $hooklint ]] || die "$hooklint was not built"

# --- the charts ------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/hooklint-charts.XXXXXX")
trap 'rm -rf "$work"' EXIT
# every chart of the golden cases but subcharts (they come with their
# parent)
mapfile -t sources < <(cd "$root/fixtures" &&
	find . -name Chart.yaml -not -path '*/charts/*' -printf '%h\n' |
	sed 's|^\./||' | LC_ALL=C sort)
((${#sources[@]})) || die "no chart under $root/fixtures"
dir=$work/charts
mkdir "$dir"
for ((i = 0; i < charts; i++)); do
	src=${sources[i % ${#sources[@]}]}
	cp -r "$root/fixtures/$src" "$dir/$(printf '%04d' "$i")-${src//\//-}"
done
templates=$(find "$dir" -path '*/templates/*' -type f | wc -l)
bytes=$(find "$dir" -path '*/templates/*' -type f -printf '%s\n' |
	awk '{ s += $1 } END { print s + 0 }')

# measure: sets m_secs, m_kib (peak RSS) and m_rc for one run
measure() {
	m_rc=0
	"$timer" -f '%e %M' -o "$work/time.out" "$hooklint" --format json "$dir" \
		>"$work/report.json" 2>"$work/stderr" </dev/null || m_rc=$?
	((m_rc <= 1)) || { head -c 2000 "$work/stderr" >&2;
			   die "hooklint exited $m_rc (0 or 1 expected)"; }
	read -r m_secs m_kib < <(tail -n 1 "$work/time.out") || true
	[[ $m_secs =~ ^[0-9.]+$ && $m_kib =~ ^[0-9]+$ ]] ||
		die "could not measure ($(tr '\n' ' ' <"$work/time.out"))"
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- warm-up (page cache) and the report's sanity -----------------------------
measure
findings=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("%d findings" % len(r.get("findings", [])))' "$work/report.json" \
	2>/dev/null) || findings="report is not valid JSON"

declare -a t m
for ((i = 1; i <= rounds; i++)); do
	measure
	t+=("$m_secs") m+=("$m_kib")
	echo "charts.sh: round $i/$rounds: ${m_secs}s, ${m_kib} KiB" >&2
done

mt=$(median "${t[@]}")
mm=$(median "${m[@]}")
echo "hooklint on $charts charts: median of $rounds runs"
echo "charts   $charts copies of ${#sources[@]} fixture charts:" \
	"$templates template files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
echo "hooklint $hooklint: $findings"
echo "load     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?) ($(nproc 2>/dev/null || echo ?) CPUs)"
awk -v t="$mt" -v m="$mm" -v target="$target" 'BEGIN {
	ok = t < target
	printf "time     %.3f s (target < %s s)   %s\n", t, target, ok ? "PASS" : "FAIL"
	printf "peak RSS %.1f MiB\n", m / 1024
	exit !ok
}'
