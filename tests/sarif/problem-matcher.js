// SPDX-License-Identifier: MIT
// problem-matcher.js - run docs/problem-matcher.json over gcc-format lines
// the way the GitHub Actions runner does (first matching matcher wins;
// severity from the group, else the matcher's default; only error,
// warning and notice make an annotation) and compare with what is expected.
//
//   node problem-matcher.js MATCHER.json FINDINGS.gcc
'use strict';
const fs = require('fs');

// What the sample report of sample.c must give.
const expected = [
	{ file: 'charts/app/templates/job.yaml', line: '6', column: '33',
	  severity: 'error', code: 'HL101',
	  message: "unknown hook event 'pre-uninstall': Helm drops the whole resource" },
	{ file: 'charts/app/templates/job.yaml', line: '7', column: '28',
	  severity: 'error', code: 'HL110',
	  message: 'hook weight "1.5" is not an integer: Helm uses 0' },
	{ file: 'out/rendered: v2.yaml', line: '8', column: '19',
	  severity: 'notice', code: 'HL106',
	  message: "event 'post-install' [sic]: fine" },
	{ file: 'out/rendered: v2.yaml', line: '9', column: '33',
	  severity: 'warning', code: 'HL302',
	  message: "delete policy 'never' is not one Helm knows: the hook is never deleted" },
];

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const owners = new Set();
const matchers = config.problemMatcher.map((m) => {
	// the runner's own checks (IssueMatcherConfig.Validate)
	if (!m.owner || owners.has(m.owner.toLowerCase()))
		throw new Error(`bad or duplicate owner '${m.owner}'`);
	owners.add(m.owner.toLowerCase());
	if (!['', 'error', 'warning', 'notice'].includes((m.severity || '').toLowerCase()))
		throw new Error(`${m.owner}: bad default severity`);
	if (m.pattern.length !== 1 || m.pattern[0].message === undefined)
		throw new Error(`${m.owner}: expected one pattern with a message`);
	return { owner: m.owner, severity: m.severity || '',
		 p: m.pattern[0], re: new RegExp(m.pattern[0].regexp) };
});

function match(line) {
	for (const m of matchers) {
		const g = line.match(m.re);
		if (!g)
			continue;
		const get = (k) => (m.p[k] === undefined ? undefined : g[m.p[k]]);
		return { file: get('file'), line: get('line'), column: get('column'),
			 severity: (get('severity') || m.severity || 'error').toLowerCase(),
			 code: get('code'), message: get('message') };
	}
	return null;
}

const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l);
let bad = lines.length === expected.length ? 0 :
	(console.log(`expected ${expected.length} lines, got ${lines.length}`), 1);
lines.forEach((l, i) => {
	const got = match(l);
	const want = JSON.stringify(expected[i]);
	if (!got || JSON.stringify(got) !== want) {
		console.log(`line ${i + 1}: ${l}\n  got  ${JSON.stringify(got)}\n  want ${want}`);
		bad++;
	}
});
if (!bad)
	console.log(`problem-matcher.js: ${lines.length} lines matched as expected`);
process.exit(bad ? 1 : 0);
