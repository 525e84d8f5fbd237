#!/bin/sh
# SPDX-License-Identifier: MIT
# hooklint-sarif.sh - run hooklint --format sarif (and json) on every
# fixture input, from inside its directory as the fixtures do, and
# validate what it writes: SARIF with validate.sh, JSON against
# docs/report.schema.json. Exit statuses 0 and 1 are both fine here.
#
#   tests/sarif/hooklint-sarif.sh HOOKLINT FIXTURES-DIR SCHEMA.json
set -eu

hooklint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2" && pwd)
schema=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
for input in "$fixtures"/*/input.yaml; do
	case=$(basename "$(dirname "$input")")
	for fmt in sarif json; do
		status=0
		(cd "$(dirname "$input")" &&
		 "$hooklint" --format $fmt -o "$work/$case.$fmt" input.yaml) ||
			status=$?
		if [ $status -gt 1 ] || [ ! -s "$work/$case.$fmt" ]; then
			echo "hooklint-sarif.sh: $case: exit status $status," \
			     "no $fmt report" >&2
			exit 1
		fi
	done
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "hooklint-sarif.sh: no fixture inputs" >&2; exit 1; }
"$here/validate.sh" "$work"/*.sarif
"$here/json-schema.sh" "$schema" "$work"/*.json
