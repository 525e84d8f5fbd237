// SPDX-License-Identifier: MIT
// check-schema.js - validate SARIF files against the SARIF 2.1.0 JSON
// schema that ships with the multitool (its validate command does not),
// and against the limits GitHub code scanning enforces on upload.
//
//   node check-schema.js NODE_MODULES_DIR FILE.sarif...
//   node check-schema.js NODE_MODULES_DIR --schema SCHEMA.json FILE.json...
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const modules = process.argv[2];
const load = createRequire(path.join(modules, 'x.js'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;
let files = process.argv.slice(3), schemaFile = path.join(modules,
	'@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
const sarif = files[0] !== '--schema';
if (!sarif) {
	schemaFile = files[1];
	files = files.slice(2);
}
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

// GitHub's documented limits (sarif-support-for-code-scanning, sarif-limits)
function githubLimits(doc) {
	const errs = [];
	const chars = (t) => [...(t || '')].length;
	if (doc.runs.length > 20)
		errs.push(`${doc.runs.length} runs, more than 20`);
	doc.runs.forEach((run, i) => {
		const rules = run.tool.driver.rules || [];
		if ((run.results || []).length > 25000)
			errs.push(`runs[${i}]: more than 25000 results`);
		rules.forEach((r, j) => {
			const at = `runs[${i}].tool.driver.rules[${j}] (${r.id})`;
			for (const [k, t] of [['shortDescription', r.shortDescription],
					      ['fullDescription', r.fullDescription],
					      ['help', r.help]])
				if (!t || !t.text)
					errs.push(`${at}: no ${k}.text`);
				else if (chars(t.text) > 1024)
					errs.push(`${at}: ${k}.text is ${chars(t.text)} characters, over 1024`);
			if (r.help && chars(r.help.markdown) > 1024)
				errs.push(`${at}: help.markdown over 1024 characters`);
			if (r.name && (r.name === r.id || chars(r.name) > 255))
				errs.push(`${at}: name equals id or is over 255 characters`);
		});
		(run.results || []).forEach((res, k) => {
			if (res.ruleIndex !== undefined &&
			    (!rules[res.ruleIndex] || rules[res.ruleIndex].id !== res.ruleId))
				errs.push(`runs[${i}].results[${k}]: ruleIndex does not name ${res.ruleId}`);
			if ((res.locations || []).length > 1000)
				errs.push(`runs[${i}].results[${k}]: over 1000 locations`);
		});
	});
	return errs;
}

let bad = 0;
for (const file of files) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: error: not JSON: ${e.message}`);
		bad++;
		continue;
	}
	const valid = validate(doc);
	for (const e of valid && sarif ? githubLimits(doc) : []) {
		console.log(`${file}: error: github: ${e}`);
		bad++;
	}
	if (valid)
		continue;
	for (const e of validate.errors) {
		console.log(`${file}: error: schema: ${e.instancePath || '/'} ` +
			    `${e.message} ${JSON.stringify(e.params)}`);
		bad++;
	}
}
process.exit(bad ? 1 : 0);
