'use strict';
const { CREDENTIAL } = require('../../scripts/stack');
const { n8nRest, publicApi } = require('./helpers');

describe('the packed package inside a real n8n', () => {
	test("n8n lists the Sigfox node under the package's name", async () => {
		const nodeTypes = await n8nRest('/types/nodes.json');
		const sigfox = nodeTypes.find((type) => type.name === 'n8n-nodes-sigfox.sigfox');
		expect(sigfox).toBeDefined();
		expect(sigfox.credentials).toEqual([expect.objectContaining({ name: 'sigfoxApi' })]);
	});

	test('n8n knows the Sigfox API credential type', async () => {
		const credentialTypes = await n8nRest('/types/credentials.json');
		expect(credentialTypes.map((type) => type.name)).toContain('sigfoxApi');
	});

	test('the credential imported for the simulator is there, of type sigfoxApi', async () => {
		const { data } = await n8nRest(`/rest/credentials/${CREDENTIAL.id}`);
		expect(data).toEqual(
			expect.objectContaining({ id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'sigfoxApi' }),
		);
	});

	test('the example workflow is active', async () => {
		const workflow = await publicApi('GET', '/workflows/sigfoxListDevs01');
		expect(workflow.active).toBe(true);
	});
});
