#!/bin/sh
# SPDX-License-Identifier: MIT
# options-docs.sh GEN_OPTIONS HOOKLINT SOURCE_DIR - the option lists of the
# man page (docs/hooklint.1.scd) and of docs/usage.md are, byte for byte,
# what gen-options writes from the option table (src/options.c): run
# `ninja -C BUILDDIR docs-options` after changing it. `hooklint --help`
# and `hooklint plan --help` list exactly the options of the table that
# each command takes.
set -u
gen=$1
hooklint=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

current() {
	# current DOC: DOC is what gen-options makes of it
	n=$((n + 1))
	if ! "$gen" splice "$src/docs/$1" "$tmp/$1" 2>"$tmp/err"; then
		echo "not ok $n - docs/$1: $(cat "$tmp/err")"
		fails=$((fails + 1))
	elif diff -u "$src/docs/$1" "$tmp/$1" >"$tmp/diff"; then
		echo "ok $n - docs/$1 has the options of the table"
	else
		echo "not ok $n - docs/$1 is out of date: run 'ninja docs-options'"
		sed 's/^/#   /' "$tmp/diff"
		fails=$((fails + 1))
	fi
}

same() {
	# same NAME WANT GOT: the same lines, in any order
	n=$((n + 1))
	sort "$2" >"$tmp/want"
	sort "$3" >"$tmp/got"
	if [ ! -s "$tmp/want" ]; then
		echo "not ok $n - $1: the table lists no option"
		fails=$((fails + 1))
	elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#   /' "$tmp/diff"
		fails=$((fails + 1))
	fi
}

help_options() {
	# help_options FILE: the options of the option lines of a --help
	# ("  -o, --output FILE  ..." or "      --format FORMAT  ...")
	grep -E '^  (-[A-Za-z], |    )--[a-z]' "$1" |
		sed -E 's/^  (-[A-Za-z]), (--[a-z-]+).*/\1\n\2/;
			s/^      (--[a-z-]+).*/\1/'
}

current hooklint.1.scd
current usage.md

for cmd in lint plan; do
	if [ $cmd = lint ]; then
		"$hooklint" --help >"$tmp/help" 2>&1
	else
		"$hooklint" plan --help >"$tmp/help" 2>&1
	fi
	"$gen" list $cmd >"$tmp/table"
	help_options "$tmp/help" >"$tmp/listed"
	same "$cmd --help lists the options of the table" \
		"$tmp/table" "$tmp/listed"
done

echo "1..$n"
[ "$fails" -eq 0 ]
