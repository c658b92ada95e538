'use strict';
/**
 * The repository stands alone: every doc a comment or a Markdown page cites is in the repo, with the anchor it
 * names, and nothing points at notes or folders that only exist beside a clone.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');

/** Folders whose text files are checked for citations, besides every Markdown file of the repo. */
const CITING_FOLDERS = ['nodes/', 'simulator/', 'scripts/', 'bench/', 'test/', 'docs/'];
/** Owned by the CI machinery, which may name the folders beside the clone. */
const OUTSIDE_THE_CHECK = ['.ci/run'];
const BINARY = /\.(png|jpe?g|gif|ico|svg|webp|kmz|zip|gz|tgz|woff2?|pdf)$/i;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json)$/;

// Spelled in pieces so that this file does not cite them itself.
const SECTION_SIGN = '\u00a7';
const TEAM_NOTES = ['sigfox-api', 'sigfox-callbacks', 'landscape', 'STYLE'].map(
	(name) => `${name}.md`,
);
/** Names of our own docs too, so a mention is fine only as a path to the repo's copy under docs/. */
const TEAM_NOTES_UNLESS_UNDER_DOCS = ['n8n-runtime', 'n8n-community-nodes'].map(
	(name) => `${name}.md`,
);
const SHARED = 'shared';
const OUTSIDE_PATHS = [
	// The shared folder's docs or spec beside the clone, written as a path or built with path.join.
	new RegExp(`${SHARED}['"]?\\s*(?:/|,\\s*['"])\\s*(?:docs|sigfox-api)`),
];

function trackedFiles() {
	try {
		return execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' })
			.split('\0')
			.filter(Boolean);
	} catch {
		return walk('');
	}
}

/** Without git (an exported tree): every file except dependencies and build output. */
function walk(dir) {
	return fs.readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) {
			return ['.git', 'node_modules', 'dist'].includes(entry.name) ? [] : walk(relative);
		}
		return [relative];
	});
}

const files = trackedFiles().filter(
	(file) =>
		!OUTSIDE_THE_CHECK.includes(file) &&
		!BINARY.test(file) &&
		!LOCKFILE.test(file) &&
		fs.existsSync(path.join(REPO, file)),
);
const citingFiles = files.filter(
	(file) =>
		(file.endsWith('.md') || CITING_FOLDERS.some((folder) => file.startsWith(folder))) &&
		!file.startsWith('test/fixtures/'),
);

const texts = new Map();
function linesOf(file) {
	if (!texts.has(file)) texts.set(file, fs.readFileSync(path.join(REPO, file), 'utf8').split('\n'));
	return texts.get(file);
}

/** GitHub's anchor of a heading: inline markup and punctuation dropped, lower case, spaces to dashes. */
function headingSlug(heading) {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

const anchorCache = new Map();
/** The anchors a Markdown file defines: explicit `id`/`name` attributes and heading slugs. */
function anchorsOf(file) {
	if (anchorCache.has(file)) return anchorCache.get(file);
	const anchors = new Set();
	const seen = new Map();
	let fenced = false;
	for (const line of linesOf(file)) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		for (const match of line.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
		const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (heading) {
			const slug = headingSlug(heading[1]);
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			anchors.add(count === 0 ? slug : `${slug}-${count}`);
		}
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** A problem with a cited path and anchor, or undefined when both exist. */
function checkTarget(target, anchor) {
	if (target.startsWith('..')) return `cites ${target}, outside the repository`;
	if (!fs.existsSync(path.join(REPO, target)) || !fs.statSync(path.join(REPO, target)).isFile()) {
		return `cites ${target}, which the repository does not have`;
	}
	if (anchor && !anchorsOf(target).has(anchor)) {
		return `cites ${target}#${anchor}, but ${target} defines no anchor "${anchor}"`;
	}
	return undefined;
}

/** `docs/….md` with an optional anchor, anywhere: a path from the repository's root. */
const DOC_PATH = /(?<![\w./-])(?:\.\.\/)*(docs\/[\w./-]+?\.md)(?:#([\w-]+))?(?![\w-])/g;
/** A Markdown link target: a path relative to the page, an anchor, or both. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function citationProblems() {
	const problems = [];
	for (const file of citingFiles) {
		const dir = path.posix.dirname(file);
		linesOf(file).forEach((line, index) => {
			const where = `${file}:${index + 1}`;
			const found = new Set();
			for (const [, target, anchor] of line.matchAll(DOC_PATH)) {
				const problem = checkTarget(target, anchor);
				if (problem && !found.has(problem)) found.add(problem);
			}
			if (file.endsWith('.md')) {
				for (const [, link] of line.matchAll(MARKDOWN_LINK)) {
					if (/^[a-z][\w+.-]*:/i.test(link) || link.startsWith('/')) continue;
					const [linkPath, anchor] = link.split('#');
					if (linkPath && !linkPath.endsWith('.md')) continue;
					const target = linkPath ? path.posix.normalize(path.posix.join(dir, linkPath)) : file;
					const problem = checkTarget(target, anchor);
					if (problem) found.add(problem);
				}
			}
			for (const problem of found) problems.push(`${where}: ${problem}`);
		});
	}
	return problems;
}

/** The path a mention of `name` at `index` is part of, resolved as the file would mean it. */
function mentionedPath(file, line, index, name) {
	const before = /[\w./-]*$/.exec(line.slice(0, index))[0];
	const written = `${before}${name}`;
	if (written.startsWith('docs/')) return written;
	return path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
}

function teamNoteProblems() {
	const problems = [];
	for (const file of files) {
		linesOf(file).forEach((line, index) => {
			const where = `${file}:${index + 1}`;
			for (const name of TEAM_NOTES) {
				if (line.includes(name)) {
					problems.push(`${where}: names ${name}, a team note the repository does not have`);
				}
			}
			for (const name of TEAM_NOTES_UNLESS_UNDER_DOCS) {
				let at = line.indexOf(name);
				while (at !== -1) {
					const target = mentionedPath(file, line, at, name);
					if (!target.startsWith('docs/') || !fs.existsSync(path.join(REPO, target))) {
						problems.push(
							`${where}: names ${name} but not as the repository's docs/ copy (write its docs/ path)`,
						);
					}
					at = line.indexOf(name, at + name.length);
				}
			}
		});
	}
	return problems;
}

function outsidePathProblems() {
	const problems = [];
	const parentShared = new RegExp(`((?:\\.\\./)+)${SHARED}\\b[\\w./-]*`, 'g');
	for (const file of files) {
		const dir = path.posix.dirname(file);
		linesOf(file).forEach((line, index) => {
			const where = `${file}:${index + 1}`;
			for (const pattern of OUTSIDE_PATHS) {
				if (pattern.test(line)) {
					problems.push(`${where}: points at the ${SHARED} folder beside the clone`);
				}
			}
			// `../shared` is fine as a path inside the repository (nodes/shared), not above it.
			for (const [written] of line.matchAll(parentShared)) {
				const resolved = path.posix.normalize(path.posix.join(dir, written));
				if (resolved.startsWith('..')) {
					problems.push(`${where}: ${written} leaves the repository`);
				}
			}
		});
	}
	return problems;
}

function sectionSignProblems() {
	const problems = [];
	for (const file of citingFiles) {
		linesOf(file).forEach((line, index) => {
			if (line.includes(SECTION_SIGN)) {
				problems.push(
					`${file}:${index + 1}: a ${SECTION_SIGN} section reference; cite a docs/ file and its anchor instead`,
				);
			}
		});
	}
	return problems;
}

describe('citations', () => {
	it('finds the files it checks', () => {
		expect(citingFiles.length).toBeGreaterThan(50);
		expect(citingFiles).toContain('docs/sigfox/callbacks.md');
	});

	it('cite only docs the repository holds, at anchors those docs define', () => {
		expect(citationProblems()).toEqual([]);
	});

	it('never name the team notes that a clone does not have', () => {
		expect(teamNoteProblems()).toEqual([]);
	});

	it('never point at folders beside the clone', () => {
		expect(outsidePathProblems()).toEqual([]);
	});

	it('use anchors, not numbered sections of some other document', () => {
		expect(sectionSignProblems()).toEqual([]);
	});
});
