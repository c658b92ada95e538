'use strict';

const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { dirname, join, normalize, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');

/** Tracked and new source files of the repository, relative to its root. */
function sourceFiles() {
	const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	return listed
		.split('\n')
		.filter((file) => /^(nodes|simulator|test|scripts|bench|credentials)\/.*\.(ts|js)$/.test(file))
		.filter((file) => !file.endsWith('.d.ts'));
}

/** The repository files a source file imports or requires by a relative path. */
function importsOf(file) {
	const text = readFileSync(join(ROOT, file), 'utf8');
	const targets = [...text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
		(match) => match[1],
	);
	return targets.map((target) => normalize(join(dirname(file), target)));
}

const folderOf = (path) => dirname(path);

/** Folder → the other folders its files import from. */
function folderGraph() {
	const graph = new Map();
	for (const file of sourceFiles()) {
		const from = folderOf(file);
		for (const target of importsOf(file)) {
			const to = target.endsWith('.json') || /\.(ts|js)$/.test(target) ? folderOf(target) : null;
			// An import of a module (no extension) names a file or a folder's index: either way its folder.
			const folder =
				to ?? (sourceFiles().some((f) => f.startsWith(`${target}/`)) ? target : folderOf(target));
			if (folder === from) continue;
			if (!graph.has(from)) graph.set(from, new Set());
			graph.get(from).add(folder);
		}
	}
	return graph;
}

/** Every cycle between folders, as the folders in order. */
function folderCycles(graph) {
	const cycles = [];
	const visit = (folder, path) => {
		for (const next of graph.get(folder) ?? []) {
			const at = path.indexOf(next);
			if (at >= 0) cycles.push([...path.slice(at), next].join(' → '));
			else visit(next, [...path, next]);
		}
	};
	for (const folder of graph.keys()) visit(folder, [folder]);
	return [...new Set(cycles)];
}

describe('the layout', () => {
	const graph = folderGraph();
	const importsFrom = (folder) => [...(graph.get(folder) ?? [])];

	it('has no cycle between folders', () => {
		expect(folderCycles(graph)).toEqual([]);
	});

	it('keeps the catalogue data only: it imports nothing but its own types and nodes/shared', () => {
		expect(
			importsFrom('nodes/Sigfox/catalogue').filter((f) => !f.startsWith('nodes/shared')),
		).toEqual([]);
	});

	it('has executors import downward only: never the router, the description or the node', () => {
		expect(
			importsFrom('nodes/Sigfox/executors').filter(
				(f) => f !== 'nodes/Sigfox/catalogue' && !f.startsWith('nodes/shared'),
			),
		).toEqual([]);
	});

	it('has what the nodes share depend on no node', () => {
		const shared = [...graph.keys()].filter((f) => f.startsWith('nodes/shared'));
		for (const folder of shared) {
			expect([folder, importsFrom(folder).filter((f) => !f.startsWith('nodes/shared'))]).toEqual([
				folder,
				[],
			]);
		}
	});

	it('keeps every module with behaviour in nodes/ under 300 lines (the catalogue data may be longer)', () => {
		const long = sourceFiles()
			.filter((file) => file.startsWith('nodes/') && !file.startsWith('nodes/Sigfox/catalogue/'))
			.map((file) => [file, readFileSync(join(ROOT, file), 'utf8').split('\n').length])
			.filter(([, lines]) => lines > 300);
		expect(long).toEqual([]);
	});

	it('finds the folders it checks', () => {
		expect(relative(ROOT, join(ROOT, 'nodes'))).toBe('nodes');
		expect(graph.get('nodes/Sigfox/actions')).toBeDefined();
		expect(graph.get('simulator/api')).toBeDefined();
	});
});
