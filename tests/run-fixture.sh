#!/bin/sh
# run-fixture.sh HOOKLINT CASE_DIR - run one golden case and diff it.
#
# The case directory holds its inputs, an optional `args` file (extra
# arguments, one per line; without a path argument the case directory
# itself is linted), an optional `stdin` file fed to standard input, and
# `expected.txt`: standard output, then "# stderr:" and standard error
# when there is any, then "# exit: N". The version and the absolute path
# of the repository are replaced by @VERSION@ and @BASE@.
# With HL_UPDATE_GOLDEN=1, or when expected.txt is missing, the actual
# output is written there and the case fails: review it like code.
set -u
hooklint=$1
case $hooklint in /*) ;; *) hooklint=$(pwd)/$hooklint ;; esac
case_dir=$2
cd "$case_dir" || exit 1

args=
if [ -f args ]; then
	# one argument per line; word splitting only on newlines
	old_ifs=$IFS
	IFS='
'
	set -- $(cat args)
	IFS=$old_ifs
else
	set --
fi

out=$(mktemp) err=$(mktemp) actual=$(mktemp)
trap 'rm -f "$out" "$err" "$actual"' EXIT
if [ -f stdin ]; then
	NO_COLOR= TERM=dumb "$hooklint" "$@" <stdin >"$out" 2>"$err"
else
	NO_COLOR= TERM=dumb "$hooklint" "$@" </dev/null >"$out" 2>"$err"
fi
status=$?

version=$("$hooklint" --version | sed 's/^hooklint //')
base=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
{
	cat "$out"
	if [ -s "$err" ]; then
		echo "# stderr:"
		cat "$err"
	fi
	echo "# exit: $status"
} | sed -e "s|$version|@VERSION@|g" -e "s|$base|@BASE@|g" >"$actual"

if [ "${HL_UPDATE_GOLDEN:-}" = 1 ] || [ ! -f expected.txt ]; then
	cp "$actual" expected.txt
	echo "wrote $case_dir/expected.txt: review it" >&2
	exit 1
fi
diff -u expected.txt "$actual"
