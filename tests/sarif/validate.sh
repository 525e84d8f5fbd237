#!/bin/sh
# SPDX-License-Identifier: MIT
# validate.sh - validate SARIF files the way GitHub code scanning reads
# them: the pinned SARIF multitool (rule kinds Sarif and Ghas) and the
# SARIF 2.1.0 JSON schema.
#
#   tests/sarif/validate.sh FILE.sarif...
#
# Installs the tools pinned in package.json and package-lock.json into
# $HOOKLINT_SARIF_CACHE (default ~/.cache/hooklint/sarif-tools-LOCKHASH)
# when they are not there yet. Fails when the multitool's log holds any
# result of level error or warning (its exit status is 0 either way) or
# the schema rejects a file, and prints why; exits 77 (skipped) without
# node and npm.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
	echo "usage: $0 FILE.sarif..." >&2
	exit 2
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "validate.sh: node and npm are needed, skipping" >&2
	exit 77
fi

lock=$(cksum <"$here/package-lock.json" | cut -d' ' -f1)
cache=${HOOKLINT_SARIF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hooklint/sarif-tools-$lock}
modules=$cache/node_modules
tool=$modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -f "$tool" ] || [ ! -d "$modules/ajv-formats" ]; then
	mkdir -p "$(dirname "$cache")"
	# install beside, then rename: concurrent runs never see half a tree
	tmp=$(mktemp -d "$cache.XXXXXX")
	cp "$here/package.json" "$here/package-lock.json" "$tmp/"
	(cd "$tmp" && npm ci --no-audit --no-fund --ignore-scripts >&2)
	rm -rf "$cache"
	mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
fi
# npm 11 does not run the package's postinstall (chmod u+x) by default
[ -x "$tool" ] || chmod u+x "$tool"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# the validator needs no culture data: do not depend on libicu
if ! DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate \
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
