#!/bin/sh
# man-options.sh HOOKLINT SOURCE_DIR - the long and short options of the
# option table (lopts[] in src/cli.c), of `hooklint --help` and of the
# man page (docs/hooklint.1.scd, its OPTIONS section) are the same sets;
# `hooklint plan --help` offers no option the table lacks.
set -u
hooklint=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

# one option per line, sorted, e.g. "--format" and "-o"
sed -n '/lopts\[\] = {/,/^};/p' "$src/src/cli.c" |
	sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)".*/--\1/p' | sort -u >"$tmp/table"
sed -n '/lopts\[\] = {/,/^};/p' "$src/src/cli.c" |
	sed -n "s/.*, '\\(.\\)' },\$/-\\1/p" | sort -u >"$tmp/table-short"
"$hooklint" --help >"$tmp/help.txt" || exit 1
grep -o -- '--[a-z][a-z-]*' "$tmp/help.txt" | sort -u >"$tmp/help"
grep -o -- '^  -[a-zA-Z],' "$tmp/help.txt" | sed 's/^  //; s/,$//' |
	sort -u >"$tmp/help-short"
"$hooklint" plan --help >"$tmp/plan.txt" 2>&1 || exit 1
grep -o -- '--[a-z][a-z-]*' "$tmp/plan.txt" | sort -u >"$tmp/plan"
# the man page's option entries: lines "*--name*" or "*-x*, *--name*"
sed -n '/^# OPTIONS/,/^# [A-Z]/p' "$src/docs/hooklint.1.scd" |
	grep '^\*-' >"$tmp/man.txt"
grep -o -- '\*--[a-z][a-z-]*\*' "$tmp/man.txt" | tr -d '*' | sort -u >"$tmp/man"
grep -o -- '^\*-[a-zA-Z]\*' "$tmp/man.txt" | tr -d '*' | sort -u >"$tmp/man-short"

same() {
	# same NAME FILE1 FILE2
	n=$((n + 1))
	if [ ! -s "$2" ]; then
		echo "not ok $n - $1: $(basename "$2") is empty"
		fails=$((fails + 1))
	elif diff -u "$2" "$3" >"$tmp/diff"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#   /' "$tmp/diff"
		fails=$((fails + 1))
	fi
}

same "--help lists the options of the table" "$tmp/table" "$tmp/help"
same "the man page lists the options of the table" "$tmp/table" "$tmp/man"
same "--help lists the short options" "$tmp/table-short" "$tmp/help-short"
same "the man page lists the short options" "$tmp/table-short" "$tmp/man-short"
n=$((n + 1))
extra=$(comm -13 "$tmp/table" "$tmp/plan")
if [ -z "$extra" ]; then
	echo "ok $n - plan --help offers only options of the table"
else
	echo "not ok $n - plan --help offers options the table lacks: $extra"
	fails=$((fails + 1))
fi
# the man page names every option plan takes
n=$((n + 1))
missing=
while read -r o; do
	grep -q -- "\*$o\*" "$src/docs/hooklint.1.scd" || missing="$missing $o"
done <"$tmp/plan"
if [ -z "$missing" ]; then
	echo "ok $n - the man page names plan's options"
else
	echo "not ok $n - the man page does not name plan's$missing"
	fails=$((fails + 1))
fi
echo "1..$n"
[ "$fails" -eq 0 ]
