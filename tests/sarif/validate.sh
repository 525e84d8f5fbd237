#!/bin/sh
# SPDX-License-Identifier: MIT
# validate.sh - validate SARIF files the way GitHub code scanning reads
# them: the pinned SARIF multitool (rule kinds Sarif and Ghas, GitHub's
# policy, see validate.config.xml) and the SARIF 2.1.0 JSON schema.
#
#   tests/sarif/validate.sh FILE.sarif...
#
# Fails when the multitool's log holds any result of level error or
# warning (its exit status is 0 either way), when the schema rejects a
# file or a file breaks GitHub's upload limits, and prints why. The tools
# are installed on first use (tools.sh); exits 77 (skipped) without node.
set -eu

if [ $# -eq 0 ]; then
	echo "usage: $0 FILE.sarif..." >&2
	exit 2
fi
. "$(dirname "$0")/tools.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# the validator needs no culture data: do not depend on libicu
if ! DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate \
	-c "$here/validate.config.xml" \
	--rule-kind "Sarif;Ghas" -o "$work/log.sarif" "$@" \
	>"$work/out" 2>&1 || [ ! -s "$work/log.sarif" ]; then
	cat "$work/out" >&2
	echo "validate.sh: the multitool failed" >&2
	exit 1
fi
node "$here/check-log.js" "$work/log.sarif" || status=1
node "$here/check-schema.js" "$modules" "$@" || status=1
if [ $status -ne 0 ]; then
	echo "validate.sh: FAIL: $*" >&2
	exit 1
fi
echo "validate.sh: $# file(s) valid: no error or warning"
