'use strict';
/** BENCHMARKS.md, where each command that measures keeps its own section between its markers. */
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, '..', 'BENCHMARKS.md');

/** Replaces the section `name` (`<!-- name:start -->` … `<!-- name:end -->`), or appends it; the others stay as they are. */
function writeBenchmarksSection(name, text) {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const block = `${start}\n${text}\n${end}`;
	let doc = fs.readFileSync(FILE, 'utf8');
	if (doc.includes(start) && doc.includes(end)) {
		doc = doc.slice(0, doc.indexOf(start)) + block + doc.slice(doc.indexOf(end) + end.length);
	} else {
		doc = `${doc.replace(/\n*$/, '\n\n')}${block}\n`;
	}
	fs.writeFileSync(FILE, doc);
}

module.exports = { writeBenchmarksSection };
