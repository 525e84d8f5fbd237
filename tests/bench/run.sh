#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - hooklint throughput and peak RSS against a bare libfyaml parse
#
#   tests/bench/run.sh [BUILD_DIR]     (default: build-release in the tree)
#
# Environment: ROUNDS (default 5), VERSION_RUNS (default 200), DOCS
# (default 100000), BENCH_DIR (where the stream is kept; default
# ${TMPDIR:-/tmp}/hooklint-bench). Exit status: 0 all targets met, 1 a
# target missed, 2 the benchmark could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-release}
rounds=${ROUNDS:-5}
version_runs=${VERSION_RUNS:-200}
docs=${DOCS:-100000}
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/hooklint-bench}

# targets (docs/hacking.md, "Quality bars")
min_ratio=0.8
max_rss_mib=32
max_version_ms=2

die() {
	echo "run.sh: error: $*" >&2
	exit 2
}

[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $version_runs =~ ^[1-9][0-9]*$ ]] || die "VERSION_RUNS must be a positive integer"
((rounds >= 5)) || echo "run.sh: warning: ROUNDS=$rounds; the target says median of >= 5" >&2
command -v python3 >/dev/null || die "python3 is needed to generate the stream"

# --- the timer ---------------------------------------------------------
timer=/usr/bin/time
if ! "$timer" -f '%e %M' true >/dev/null 2>&1; then
	echo "run.sh: /usr/bin/time missing, installing package time" >&2
	sudo=
	((EUID == 0)) || sudo="sudo -n"
	$sudo apt-get install -y -qq time >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq >/dev/null 2>&1 &&
		  $sudo apt-get install -y -qq time >/dev/null 2>&1; } || true
	"$timer" -f '%e %M' true >/dev/null 2>&1 || timer=
fi
if [[ -z $timer ]]; then
	echo "run.sh: no GNU time; measuring with python3 wait4()" >&2
fi

# the fallback timer: fork, exec, wait4 (ru_maxrss is in KiB on Linux)
wait4_py='
import os, sys, time
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%.3f %d\n" % (time.monotonic() - t0, ru.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) & 255)
'

# measure IN OUT CMD... : runs CMD with stdin from IN (or nothing when IN is
# empty) and stdout to OUT; sets m_secs, m_kib (peak RSS) and m_rc.
measure() {
	local in=$1 out=$2 tf
	shift 2
	tf=$work/time.out
	: >"$tf"
	m_rc=0
	if [[ -n $timer ]]; then
		"$timer" -f '%e %M' -o "$tf" "$@" <"${in:-/dev/null}" >"$out" \
			2>"$work/stderr" || m_rc=$?
	else
		python3 -c "$wait4_py" "$tf" "$@" <"${in:-/dev/null}" >"$out" \
			2>"$work/stderr" || m_rc=$?
	fi
	m_secs='' m_kib=''
	read -r m_secs m_kib < <(tail -n 1 "$tf") || true
	[[ $m_secs =~ ^[0-9.]+$ && $m_kib =~ ^[0-9]+$ ]] ||
		die "could not measure: $* ($(tr '\n' ' ' <"$tf"))"
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- build ---------------------------------------------------------------
command -v meson >/dev/null || die "meson not found"
if [[ ! -f $build/build.ninja ]]; then
	echo "run.sh: configuring $build (release)" >&2
	meson setup --buildtype=release "$build" "$root" >/dev/null ||
		die "meson setup $build failed"
fi
buildtype=$(meson introspect --buildoptions "$build" 2>/dev/null |
	python3 -c 'import json, sys
print(next((o["value"] for o in json.load(sys.stdin)
	    if o["name"] == "buildtype"), "?"))' 2>/dev/null || echo "?")
[[ $buildtype == release ]] ||
	echo "run.sh: warning: $build has buildtype $buildtype, not release" >&2
mkdir -p "$bench_dir"
ninja -C "$build" src/hooklint tests/bench/bare-parse >"$bench_dir/build.log" 2>&1 ||
	{ tail -n 30 "$bench_dir/build.log" >&2; die "build failed (log: $bench_dir/build.log)"; }
hooklint=$build/src/hooklint
bare=$build/tests/bench/bare-parse
[[ -x $hooklint ]] || die "$hooklint was not built"
[[ -x $bare ]] || die "$bare was not built (configured with -Dtests=false?)"

# --- the stream, generated once --------------------------------------------
work=$(mktemp -d "$bench_dir/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
gen_id=$(cksum <"$here/gen.py" | cut -d' ' -f1)
stream=$bench_dir/stream-$docs-$gen_id.yaml
if [[ ! -s $stream ]]; then
	echo "run.sh: generating $stream" >&2
	python3 "$here/gen.py" --docs "$docs" --out "$stream.tmp.$$" ||
		die "gen.py failed"
	mv "$stream.tmp.$$" "$stream"
fi
size=$(stat -c %s "$stream")

# --- warm-up and sanity: page cache, event count, hooklint's report -------
measure "" "$work/bare.out" "$bare" "$stream"
((m_rc == 0)) || { cat "$work/stderr" >&2; die "bare-parse failed (exit $m_rc)"; }
bare_count=$(cat "$work/bare.out")
measure "" "$work/report.json" "$hooklint" --format json "$stream"
if ((m_rc != 0 && m_rc != 1)); then
	head -c 2000 "$work/stderr" >&2
	die "hooklint --format json $stream exited $m_rc (0 or 1 expected)"
fi
findings=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("%d findings, %d errors" % (len(r.get("findings", [])),
				   len(r.get("errors", []))))' \
	"$work/report.json" 2>/dev/null) || findings="report is not valid JSON"

# --- the alternating rounds -------------------------------------------------
declare -a bf_t bf_m hf_t hf_m bs_t bs_m hs_t hs_m
for ((i = 1; i <= rounds; i++)); do
	measure "" /dev/null "$bare" "$stream"
	((m_rc == 0)) || die "bare-parse $stream exited $m_rc"
	bf_t+=("$m_secs") bf_m+=("$m_kib")

	measure "" /dev/null "$hooklint" --format json "$stream"
	((m_rc <= 1)) || die "hooklint --format json $stream exited $m_rc"
	hf_t+=("$m_secs") hf_m+=("$m_kib")

	measure "$stream" /dev/null "$bare" -
	((m_rc == 0)) || die "bare-parse - exited $m_rc"
	bs_t+=("$m_secs") bs_m+=("$m_kib")

	measure "$stream" /dev/null "$hooklint" --format json -
	((m_rc <= 1)) || die "hooklint --format json - exited $m_rc"
	hs_t+=("$m_secs") hs_m+=("$m_kib")

	echo "run.sh: round $i/$rounds: bare ${bf_t[-1]}s hooklint ${hf_t[-1]}s" \
		"| stdin: bare ${bs_t[-1]}s hooklint ${hs_t[-1]}s" >&2
done

# --- hooklint --version -------------------------------------------------------
"$hooklint" --version >/dev/null || die "hooklint --version failed"
declare -a v_us t_us
for ((i = 0; i < version_runs; i++)); do
	s=${EPOCHREALTIME/[.,]/}
	"$hooklint" --version >/dev/null
	e=${EPOCHREALTIME/[.,]/}
	v_us+=($((e - s)))
	s=${EPOCHREALTIME/[.,]/}
	/bin/true
	e=${EPOCHREALTIME/[.,]/}
	t_us+=($((e - s)))
done

# --- report ---------------------------------------------------------------------
verdict=0
report() {
	# report LABEL BARE_T BARE_KIB HL_T HL_KIB
	awk -v label="$1" -v bt="$2" -v bm="$3" -v ht="$4" -v hm="$5" \
		-v size="$size" -v minr="$min_ratio" -v maxm="$max_rss_mib" '
	BEGIN {
		ratio = (ht > 0) ? bt / ht : 0
		d = (hm - bm) / 1024
		ok_r = ratio >= minr; ok_m = d <= maxm
		printf "%s:\n", label
		printf "  time     bare %7.3f s (%6.1f MB/s)   hooklint %7.3f s (%6.1f MB/s)\n",
			bt, (bt > 0 ? size / 1e6 / bt : 0), ht, (ht > 0 ? size / 1e6 / ht : 0)
		printf "  ratio    %.3f (bare/hooklint, target >= %s)   %s\n",
			ratio, minr, ok_r ? "PASS" : "FAIL"
		printf "  peak RSS bare %7.1f MiB   hooklint %7.1f MiB   diff %+6.1f MiB (target <= %d)   %s\n",
			bm / 1024, hm / 1024, d, maxm, ok_m ? "PASS" : "FAIL"
		exit !(ok_r && ok_m)
	}' || verdict=1
}

echo
echo "hooklint benchmark: median of $rounds alternating rounds"
echo "stream   $stream"
echo "         $(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'): $bare_count"
echo "hooklint $hooklint ($buildtype): $findings"
echo "load     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?) ($(nproc 2>/dev/null || echo ?) CPUs)"
report "file" "$(median "${bf_t[@]}")" "$(median "${bf_m[@]}")" \
	"$(median "${hf_t[@]}")" "$(median "${hf_m[@]}")"
report "stdin" "$(median "${bs_t[@]}")" "$(median "${bs_m[@]}")" \
	"$(median "${hs_t[@]}")" "$(median "${hs_m[@]}")"
vm=$(median "${v_us[@]}")
tm=$(median "${t_us[@]}")
awk -v v="$vm" -v t="$tm" -v n="$version_runs" -v max="$max_version_ms" '
BEGIN {
	ok = v / 1000 < max
	printf "--version: median %.3f ms of %d runs, fork+exec included (/bin/true: %.3f ms); target < %d ms   %s\n",
		v / 1000, n, t / 1000, max, ok ? "PASS" : "FAIL"
	exit !ok
}' || verdict=1
echo "overall: $( ((verdict == 0)) && echo PASS || echo FAIL)"
exit "$verdict"
