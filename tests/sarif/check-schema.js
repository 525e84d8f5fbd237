// SPDX-License-Identifier: MIT
// check-schema.js - validate SARIF files against the SARIF 2.1.0 JSON
// schema that ships with the multitool (its validate command does not).
//
//   node check-schema.js NODE_MODULES_DIR FILE.sarif...
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const modules = process.argv[2];
const load = createRequire(path.join(modules, 'x.js'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;
const schema = JSON.parse(fs.readFileSync(path.join(modules,
	'@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let bad = 0;
for (const file of process.argv.slice(3)) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: error: not JSON: ${e.message}`);
		bad++;
		continue;
	}
	if (validate(doc))
		continue;
	for (const e of validate.errors) {
		console.log(`${file}: error: schema: ${e.instancePath || '/'} ` +
			    `${e.message} ${JSON.stringify(e.params)}`);
		bad++;
	}
}
process.exit(bad ? 1 : 0);
