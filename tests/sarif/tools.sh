# SPDX-License-Identifier: MIT
# tools.sh - sourced by the checks here: installs the Node.js tools pinned
# in package.json and package-lock.json (the SARIF multitool, ajv) into
# $HOOKLINT_SARIF_CACHE (default ~/.cache/hooklint/sarif-tools-LOCKHASH)
# unless they are there, and sets $modules (their node_modules) and $tool
# (the multitool). Exits 77 (skipped) without node and npm.

here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "$(basename "$0"): node and npm are needed, skipping" >&2
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
