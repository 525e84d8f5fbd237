// SPDX-License-Identifier: MIT
// linehash.js - GitHub's primaryLocationLineHash of every line of a file,
// computed from its definition (not as a rolling hash), to check the C one.
//
//   node linehash.js FILE   prints "LINE HASH:COUNT" per line
'use strict';
const fs = require('fs');

const BLOCK = 100;
const MASK = (1n << 64n) - 1n;

// The file as code scanning reads it: a UTF-8 stream decoded to UTF-16.
async function readUnits(path) {
	let text = '';
	for await (const chunk of fs.createReadStream(path, 'utf8'))
		text += chunk;
	const units = [];
	for (let i = 0; i < text.length; i++)
		units.push(text.charCodeAt(i));
	return units;
}

// Spaces and tabs dropped, CR and CRLF read as LF, an EOF marker at the
// end; each line starts at its first kept unit.
function normalise(units) {
	const kept = [], starts = [];
	let atStart = true, prevCR = false;
	for (let c of units.concat([65535])) {
		if (c === 32 || c === 9 || (prevCR && c === 10)) {
			prevCR = false;
			continue;
		}
		prevCR = c === 13;
		if (c === 13)
			c = 10;
		if (atStart) {
			starts.push(kept.length);
			atStart = false;
		}
		if (c === 10)
			atStart = true;
		kept.push(c);
	}
	return { kept, starts };
}

// sum of c[p+i] * 37^(99-i) for i < 100, mod 2^64, zeros past the end
function hashAt(kept, p) {
	let h = 0n;
	for (let i = 0; i < BLOCK; i++) {
		const c = p + i < kept.length ? BigInt(kept[p + i]) : 0n;
		h = (h * 37n + c) & MASK;
	}
	return h.toString(16);
}

async function main() {
	const { kept, starts } = normalise(await readUnits(process.argv[2]));
	const seen = new Map();
	starts.forEach((p, i) => {
		const h = hashAt(kept, p);
		seen.set(h, (seen.get(h) || 0) + 1);
		console.log(`${i + 1} ${h}:${seen.get(h)}`);
	});
}

main();
