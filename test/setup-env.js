// Loading n8n-core writes .n8n/config (an encryption key) under N8N_USER_FOLDER: keep it out of $HOME.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'sigfox-n8n-'));
}
