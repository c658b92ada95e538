'use strict';
/**
 * The bare baseline of the pagination benchmark, run as its own process (as n8n is): follows `paging.next` from the
 * first page with undici, keeps every element, prints `{ items, requests, wallMs }` as JSON.
 *
 *   node bench/bare-pages.js <first page URL> <Authorization header>
 */
const { request } = require('undici');

async function main() {
	const [first, authorization] = process.argv.slice(2);
	const started = process.hrtime.bigint();
	const items = [];
	let requests = 0;
	for (let url = first; url; ) {
		const res = await request(url, { headers: { authorization } });
		const page = await res.body.json();
		requests++;
		if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
		items.push(...page.data);
		url = page.paging.next;
	}
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(`${JSON.stringify({ items: items.length, requests, wallMs })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
