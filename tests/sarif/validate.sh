#!/bin/sh
# SPDX-License-Identifier: MIT
# validate.sh - validate SARIF files with the pinned SARIF multitool, the
# way GitHub code scanning reads them (rule kinds Sarif and Ghas).
#
#   tests/sarif/validate.sh FILE.sarif...
#
# Installs the multitool version pinned in package.json (and its lock) into
# $HOOKLINT_SARIF_CACHE (default ~/.cache/hooklint/sarif-multitool-VERSION)
# when it is not there yet. Fails when the validation log holds any result
# of level error or warning, and prints them; exits 77 (skipped) without
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

version=$(node -p "require('$here/package.json').dependencies['@microsoft/sarif-multitool']")
cache=${HOOKLINT_SARIF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hooklint/sarif-multitool-$version}
tool=$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -f "$tool" ]; then
	mkdir -p "$(dirname "$cache")"
	# install beside, then rename: concurrent runs never see half a tree
	tmp=$(mktemp -d "$cache.XXXXXX")
	cp "$here/package.json" "$here/package-lock.json" "$tmp/"
	(cd "$tmp" && npm ci --no-audit --no-fund --ignore-scripts >&2)
	mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
fi
# npm 11 does not run the package's postinstall (chmod u+x) by default
[ -x "$tool" ] || chmod u+x "$tool"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the validator needs no culture data: do not depend on libicu
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate \
	--rule-kind "Sarif;Ghas" -o "$work/log.sarif" "$@" >"$work/out" 2>&1 || {
	cat "$work/out" >&2
	echo "validate.sh: the multitool failed" >&2
	exit 1
}
if [ ! -s "$work/log.sarif" ]; then
	cat "$work/out" >&2
	echo "validate.sh: the multitool wrote no log" >&2
	exit 1
fi
if ! node "$here/check-log.js" "$work/log.sarif"; then
	echo "validate.sh: FAIL: $*" >&2
	exit 1
fi
echo "validate.sh: $# file(s) valid: no error or warning"
