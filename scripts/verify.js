#!/usr/bin/env node
// Runs the rules of n8n's verification scanner (@n8n/scan-community-package) on both of its legs:
// the sources (package.json, nodes/, credentials/) and every .js file of the packed tarball, with
// inline eslint-disable comments ignored, as the scanner ignores them. The scanner's own command
// needs an npm provenance record, so its analysis is called on the local tarball instead.
// Also checks that the tarball holds only what a community package should ship.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
// n8n-node build copies every .png and .svg of the repository into dist; the README's screenshots and the
// benchmark chart are not the package's.
const ALLOWED_IN_TARBALL = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/(?!docs\/|bench\/)/];

async function main() {
	const scanner = await import(
		require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [root] })
	);

	const work = mkdtempSync(join(tmpdir(), 'sigfox-verify-'));
	let failed = false;
	try {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
		);
		const stray = packed.files.map((f) => f.path).filter((p) => !ALLOWED_IN_TARBALL.some((r) => r.test(p)));
		if (stray.length > 0) {
			failed = true;
			console.error(`✗ the tarball holds files a package should not ship:\n  ${stray.join('\n  ')}`);
		} else {
			console.log(`✓ tarball ${packed.filename}: ${packed.files.length} files, only dist/, README.md, LICENSE, package.json`);
		}
		if (!packed.files.some((f) => f.path.startsWith('dist/nodes/'))) {
			failed = true;
			console.error('✗ the tarball has no dist/nodes: run `npm run build` first');
		}

		const extracted = join(work, 'extracted');
		execFileSync('mkdir', ['-p', extracted]);
		execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', extracted]);

		const legs = [
			['sources', root, scanner.SOURCE_FILE_PATTERNS],
			['tarball', join(extracted, 'package'), ['**/*.js', 'package.json']],
		];
		for (const [name, dir, patterns] of legs) {
			const result = await scanner.analyzePackage(dir, patterns);
			if (result.passed) {
				console.log(`✓ scanner rules, ${name}: no errors`);
			} else {
				failed = true;
				console.error(`✗ scanner rules, ${name}: ${result.message}`);
				if (result.details) console.error(result.details);
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
