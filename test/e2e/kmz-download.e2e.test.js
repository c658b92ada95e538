'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { e2eState } = require('./helpers');

describe('a KMZ download in a real n8n', () => {
	test("Read/Write Files from Disk writes the Sigfox node's KMZ binary data as the file Sigfox sent", async () => {
		const { runtimeDir, home } = e2eState();
		// Write Files to Disk may write only below N8N_RESTRICT_FILE_ACCESS_TO; the workflow's
		// relative file name lands in the CLI's working folder, the n8n folder.
		const { stdout } = await runtime.runN8nCli(
			runtime.runtimePaths(runtimeDir),
			['execute', '--id=sigfoxE2eKmzDisk', '--rawOutput'],
			{
				home,
				port: await runtime.freePort(),
				brokerPort: await runtime.freePort(),
				env: { N8N_RESTRICT_FILE_ACCESS_TO: home },
			},
		);
		const run = runtime.parseRawOutput(stdout);
		expect(run.status).toBe('success');
		const [download] = run.data.resultData.runData['Download KMZ'];
		const { binary } = download.data.main[0][0];
		expect(binary.data).toMatchObject({
			fileName: 'tiles.kmz',
			mimeType: 'application/vnd.google-earth.kmz',
		});

		const written = readFileSync(join(home, 'public-coverage.kmz'));
		// A KMZ is a zip archive: it starts with a local file header.
		expect(written.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		expect(written.includes(Buffer.from('doc.kml'))).toBe(true);
	});
});
