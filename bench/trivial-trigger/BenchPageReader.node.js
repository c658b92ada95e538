'use strict';
/**
 * The n8n baseline of `npm run bench:fleet`'s poll catch-up: a polling node that requests the page URLs listed in a
 * file, one after the other, through n8n's own request helper with the Sigfox credential (read once, as the Sigfox
 * nodes do), parses each and counts its elements. Nothing a community node reading those pages through n8n can do
 * costs less. It writes `{ items, requests, wallMs }` to `<file>.result.json` and emits nothing.
 */
const fs = require('node:fs');

class BenchPageReader {
	constructor() {
		this.description = {
			displayName: 'Bench Page Reader',
			name: 'benchPageReader',
			group: ['trigger'],
			version: 1,
			polling: true,
			description: "Reads listed pages through n8n's request helper (benchmark baseline)",
			defaults: { name: 'Bench Page Reader' },
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'sigfoxApi', required: true }],
			properties: [
				{
					displayName: 'Pages File',
					name: 'pagesFile',
					type: 'string',
					default: '',
					description: 'A JSON array of the page URLs to request',
				},
			],
		};
	}

	async poll() {
		const file = this.getNodeParameter('pagesFile');
		const urls = JSON.parse(fs.readFileSync(file, 'utf8'));
		const chosen = this.getNode().credentials.sigfoxApi;
		const credentialsDecrypted = {
			id: chosen.id,
			name: chosen.name,
			type: 'sigfoxApi',
			data: await this.getCredentials('sigfoxApi'),
		};
		const started = process.hrtime.bigint();
		let items = 0;
		let requests = 0;
		for (const url of urls) {
			const page = await this.helpers.httpRequestWithAuthentication.call(
				this,
				'sigfoxApi',
				{ method: 'GET', url, json: true },
				{ credentialsDecrypted },
			);
			requests++;
			items += page.data.length;
		}
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		fs.writeFileSync(`${file}.result.json`, JSON.stringify({ items, requests, wallMs }));
		return null;
	}
}

module.exports = { BenchPageReader };
