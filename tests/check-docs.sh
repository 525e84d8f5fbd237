#!/bin/sh
# SPDX-License-Identifier: MIT
# check-docs.sh GEN_RULES SRCDIR BASEURL - fail (with a diff) when the
# committed docs/rules/ pages differ from what rules/*.yaml generate.
# Regenerate them with `ninja -C BUILDDIR docs-rules`.
set -eu

if [ $# -ne 3 ]; then
	echo "usage: check-docs.sh GEN_RULES SRCDIR BASEURL" >&2
	exit 2
fi
gen=$1 src=$2 base=$3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hooklint-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/rules"

"$gen" docs "$tmp/rules" "$base" "$src"/rules/HL*.yaml

if ! diff -ru "$src/docs/rules" "$tmp/rules"; then
	echo "docs/rules/ is out of date: run 'ninja -C BUILDDIR docs-rules'" >&2
	exit 1
fi
