'use strict';
/**
 * The codex file beside each node (`<Node>.node.json`): what n8n shows as the node's categories and documentation links.
 * Every link must land on a heading of this README, as GitHub anchors it.
 */
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
// The fixed list of n8n-docs node-codex-files.md.
const CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

const readmeAnchors = new Set(
	fs
		.readFileSync(path.join(REPO, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchor(line.replace(/^#+ /, ''))),
);
const repoUrl = pkg.homepage.replace(/#.*$/, '');

describe.each(pkg.n8n.nodes)('the codex file of %s', (nodeFile) => {
	const source = path.join(REPO, nodeFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const codexFile = source.replace(/\.ts$/, '.json');
	const [NodeClass] = Object.values(require(source));
	const nodeName = new NodeClass().description.name;

	test('sits beside the node, names it as n8n loads it, in categories n8n knows', () => {
		const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8'));
		expect(codex).toMatchObject({
			node: `${pkg.name}.${nodeName}`,
			nodeVersion: '1.0',
			codexVersion: '1.0',
		});
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(CATEGORIES).toContain(category);
	});

	test('links the node and its credential to sections of this README', () => {
		const { resources } = JSON.parse(fs.readFileSync(codexFile, 'utf8'));
		const links = [...resources.primaryDocumentation, ...resources.credentialDocumentation];
		expect(resources.primaryDocumentation).toHaveLength(1);
		expect(resources.credentialDocumentation).toHaveLength(1);
		for (const { url } of links) {
			const [base, fragment] = url.split('#');
			expect(base).toBe(repoUrl);
			expect(readmeAnchors).toContain(fragment);
		}
	});
});
