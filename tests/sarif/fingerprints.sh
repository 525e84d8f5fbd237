#!/bin/sh
# SPDX-License-Identifier: MIT
# fingerprints.sh - compare hooklint's GitHub line hashes with linehash.js
# (written from the algorithm's definition) on files made to hit every
# case: CR, CRLF, tabs, astral and invalid UTF-8, a BOM, repeated lines,
# long lines, no final newline, an empty file.
#
#   tests/sarif/fingerprints.sh LINEHASH-PROGRAM
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prog=$1
if ! command -v node >/dev/null; then
	echo "fingerprints.sh: node is needed, skipping" >&2
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node - "$work" <<'JS'
const fs = require('fs');
const dir = process.argv[2];
const pieces = ['a', 'b', 'key: value', ' ', '\t', '\n', '\r', '\r\n',
	'\u00e9', '\u4e2d', '\u{1f680}', '"', '\0'];
let seed = 42;
function rand(n) {
	seed = (seed * 1103515245 + 12345) % 2147483648;
	return seed % n;
}
const raw = (s) => Buffer.from(s, 'utf8');
const cases = {
	'empty': raw(''),
	'one': raw('a'),
	'newline': raw('\n'),
	'plain': raw('apiVersion: v1\nkind: ConfigMap\n'),
	'crlf': raw('a: 1\r\nb: 2\r\n\r\nc: 3'),
	'cr': raw('a\rb\r\rc\r'),
	'repeat': raw('x\nx\n  x\nx\n\t\tx\n'),
	'long': raw('k: ' + 'v'.repeat(250) + '\n' + 'w'.repeat(99) + '\n'),
	'bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), raw('a: 1\n')]),
	'invalid': Buffer.from([0x61, 0xe2, 0x82, 0x0a, 0xff, 0x62, 0xc0,
		0x80, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0xf0, 0x9f, 0x9a]),
};
for (let k = 0; k < 20; k++) {
	let s = '';
	const n = rand(600);
	for (let i = 0; i < n; i++)
		s += pieces[rand(pieces.length)];
	cases['random' + k] = raw(s);
}
for (const [name, data] of Object.entries(cases))
	fs.writeFileSync(`${dir}/${name}.txt`, data);
JS

fail=0
for f in "$work"/*.txt; do
	node "$here/linehash.js" "$f" >"$f.js"
	"$prog" "$f" >"$f.c"
	if ! cmp -s "$f.js" "$f.c"; then
		echo "fingerprints.sh: $(basename "$f"): hashes differ" >&2
		diff "$f.js" "$f.c" | head -20 >&2 || true
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "fingerprints.sh: all line hashes match"
exit $fail
