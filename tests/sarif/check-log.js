// SPDX-License-Identifier: MIT
// check-log.js - fail when a SARIF multitool validation log holds an error
// or a warning (the multitool itself exits 0 either way).
//
//   node check-log.js LOG.sarif
'use strict';
const fs = require('fs');

// The text of a result: its own, or the rule's message string with
// the {N} arguments filled in.
function text(result, rule) {
	const m = result.message || {};
	if (m.text)
		return m.text;
	const s = rule && rule.messageStrings && rule.messageStrings[m.id];
	if (!s)
		return m.id || '(no message)';
	return s.text.replace(/\{(\d+)\}|\{(\{)|\}(\})/g,
		(_, i, l, r) => l || r || (m.arguments || [])[i]);
}

function where(result) {
	const p = ((result.locations || [])[0] || {}).physicalLocation || {};
	const uri = (p.artifactLocation || {}).uri || '?';
	const r = p.region || {};
	return `${uri.replace(/^file:\/\//, '')}:${r.startLine || 0}:${r.startColumn || 0}`;
}

let bad = 0;
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const run of log.runs || []) {
	const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
	for (const inv of run.invocations || []) {
		for (const n of inv.toolExecutionNotifications || []) {
			console.log(`validator: ${n.level || 'warning'}: ${text(n)}`);
			bad++;
		}
		if (inv.executionSuccessful === false && !bad++)
			console.log('validator: execution failed');
	}
	for (const r of run.results || []) {
		const rule = rules[r.ruleIndex] ||
			rules.find((x) => x.id === r.ruleId);
		const level = r.level ||
			(rule && rule.defaultConfiguration &&
			 rule.defaultConfiguration.level) || 'warning';
		if (level !== 'error' && level !== 'warning')
			continue;
		console.log(`${where(r)}: ${level} ${r.ruleId}: ${text(r, rule)}`);
		bad++;
	}
}
process.exit(bad ? 1 : 0);
