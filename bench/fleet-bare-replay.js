'use strict';
/**
 * The bare baseline of the poll catch-up (bench/fleet-poll.js), run as its own process on n8n's Node: requests the
 * pages listed in a JSON file, one after the other, parses each and counts its elements; prints
 * `{ items, requests, wallMs }` as JSON.
 *
 *   node bench/fleet-bare-replay.js <file with a JSON array of page URLs> <Authorization header>
 */
const fs = require('node:fs');

async function main() {
	const [file, authorization] = process.argv.slice(2);
	const urls = JSON.parse(fs.readFileSync(file, 'utf8'));
	const started = process.hrtime.bigint();
	let items = 0;
	let requests = 0;
	for (const url of urls) {
		const res = await fetch(url, { headers: { authorization } });
		const page = await res.json();
		requests++;
		if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(page)}`);
		items += page.data.length;
	}
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(`${JSON.stringify({ items, requests, wallMs })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
