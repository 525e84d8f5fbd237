#!/bin/sh
# SPDX-License-Identifier: MIT
# json-schema.sh - validate JSON reports against docs/report.schema.json
#
#   tests/sarif/json-schema.sh SCHEMA.json FILE.json...
set -eu
if [ $# -lt 2 ]; then
	echo "usage: $0 SCHEMA.json FILE.json..." >&2
	exit 2
fi
. "$(dirname "$0")/tools.sh"
node "$here/check-schema.js" "$modules" --schema "$@"
echo "json-schema.sh: $(($# - 1)) file(s) valid"
